/** The emulator's CA and server certificate: names, chain, reuse, repair, and a real handshake. */
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import { ensureEmulatorCertificates, defaultTlsDirectory } from "../../../../emulator";
import { startTestEmulator } from "../support";

describe("emulator certificates", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pasm-tls-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("issues a server certificate for localhost, 127.0.0.1 and ::1, signed by a CA", () => {
    const certs = ensureEmulatorCertificates(dir);
    const ca = new X509Certificate(certs.caPem);
    const server = new X509Certificate(certs.certPem);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    const sans = (server.subjectAltName ?? "").split(",").map((s) => s.trim());
    expect(sans).toEqual(
      expect.arrayContaining(["DNS:localhost", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1"]),
    );
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost("localhost")).toBe("localhost");
    expect(server.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(server.keyUsage).toContain("1.3.6.1.5.5.7.3.1"); // serverAuth
    expect(fs.readFileSync(certs.caFile, "utf8")).toBe(certs.caPem);
    // Private keys are readable by the owner only.
    expect(fs.statSync(path.join(dir, "server-key.pem")).mode & 0o077).toBe(0);
  });

  it("reuses valid certificates across runs", () => {
    const first = ensureEmulatorCertificates(dir);
    const second = ensureEmulatorCertificates(dir);
    expect(second).toEqual(first);
  });

  it("replaces certificates that no longer match their CA", () => {
    const first = ensureEmulatorCertificates(dir);
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), "pasm-tls-other-"));
    try {
      const other = ensureEmulatorCertificates(otherDir);
      fs.writeFileSync(path.join(dir, "ca.pem"), other.caPem); // server.pem is no longer signed by ca.pem
      const repaired = ensureEmulatorCertificates(dir);
      expect(repaired.caPem).not.toBe(first.caPem);
      expect(new X509Certificate(repaired.certPem).checkIssued(new X509Certificate(repaired.caPem))).toBe(true);
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it("replaces unreadable files", () => {
    ensureEmulatorCertificates(dir);
    fs.writeFileSync(path.join(dir, "server.pem"), "garbage");
    const repaired = ensureEmulatorCertificates(dir);
    expect(() => new X509Certificate(repaired.certPem)).not.toThrow();
  });

  it("defaults to the XDG cache directory", () => {
    const saved = process.env["XDG_CACHE_HOME"];
    process.env["XDG_CACHE_HOME"] = "/tmp/xdg-test";
    try {
      expect(defaultTlsDirectory()).toBe("/tmp/xdg-test/pulumi-azure-sql-migration/emulator-tls");
    } finally {
      if (saved === undefined) delete process.env["XDG_CACHE_HOME"];
      else process.env["XDG_CACHE_HOME"] = saved;
    }
  });
});

describe("emulator TLS handshake", () => {
  const get = (url: string, options: https.RequestOptions) =>
    new Promise<number>((resolve, reject) => {
      https
        .get(url, { agent: false, ...options }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on("error", reject);
    });

  it("verifies against the CA on 127.0.0.1 and localhost, and fails without it", async () => {
    const emulator = await startTestEmulator();
    try {
      expect(await get(`${emulator.url}/_emulator/health`, { ca: emulator.caPem })).toBe(200);
      expect(await get(`https://localhost:${emulator.port}/_emulator/health`, { ca: emulator.caPem, family: 4 })).toBe(
        200,
      );
      await expect(get(`${emulator.url}/_emulator/health`, {})).rejects.toThrow(
        /self.signed|unable to verify|certificate/i,
      );
    } finally {
      await emulator.stop();
    }
  });
});

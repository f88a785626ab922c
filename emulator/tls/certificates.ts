/**
 * The emulator's TLS identity: a private CA and a server certificate it signs for 127.0.0.1, localhost
 * and ::1.
 *
 * HTTPS is not optional: the Azure SDK's bearer-token policy refuses to send a token over plain HTTP,
 * and the point of the emulator is that the real client code runs unchanged. Clients trust the CA —
 * out of process through NODE_EXTRA_CA_CERTS=<caFile> (read once at Node start-up), in process by
 * passing caPem as the pipeline's `tlsOptions.ca`.
 *
 * The files are kept in a cache directory and reused while valid, so the CA a developer or CI trusts
 * stays the same between runs. Nothing is downloaded: keys come from Node's crypto, certificates are
 * built with node-forge.
 */
import { generateKeyPairSync, createPrivateKey, X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import forge from "node-forge";
import { withDirectoryLock } from "./directory-lock";

export interface EmulatorCertificates {
  /** Path of the CA certificate (PEM) — the value for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  caPem: string;
  /** The server certificate and its private key (PEM), as the HTTPS server uses them. */
  certPem: string;
  keyPem: string;
}

/** Names the server certificate covers; every one must be in its subjectAltName. */
export const SERVER_DNS_NAMES = ["localhost"] as const;
export const SERVER_IP_ADDRESSES = ["127.0.0.1", "::1"] as const;

const CA_FILE = "ca.pem";
const CA_KEY_FILE = "ca-key.pem";
const CERT_FILE = "server.pem";
const KEY_FILE = "server-key.pem";

const DAY_MS = 24 * 60 * 60 * 1000;
const CA_LIFETIME_DAYS = 3650;
const SERVER_LIFETIME_DAYS = 397;
/** Regenerate before expiry, so a long CI run never starts with a certificate about to lapse. */
const MIN_REMAINING_DAYS = 7;

/** `${XDG_CACHE_HOME:-~/.cache}/pulumi-azure-sql-migration/emulator-tls` */
export function defaultTlsDirectory(): string {
  const cacheHome = process.env["XDG_CACHE_HOME"] || path.join(os.homedir(), ".cache");
  return path.join(cacheHome, "pulumi-azure-sql-migration", "emulator-tls");
}

/**
 * Returns the emulator's CA and server certificate from `directory`, creating or replacing them when
 * missing, expiring, mismatched or not covering the required names. Synchronous, so a script can call
 * it before spawning jest with NODE_EXTRA_CA_CERTS set.
 */
export function ensureEmulatorCertificates(directory: string = defaultTlsDirectory()): EmulatorCertificates {
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  return withDirectoryLock(directory, () => {
    const existing = readIfValid(directory);
    if (existing) return existing;
    const generated = generate();
    writeAtomically(path.join(directory, CA_KEY_FILE), generated.caKeyPem, 0o600);
    writeAtomically(path.join(directory, KEY_FILE), generated.keyPem, 0o600);
    writeAtomically(path.join(directory, CERT_FILE), generated.certPem, 0o644);
    writeAtomically(path.join(directory, CA_FILE), generated.caPem, 0o644);
    return {
      caFile: path.join(directory, CA_FILE),
      caPem: generated.caPem,
      certPem: generated.certPem,
      keyPem: generated.keyPem,
    };
  });
}

function readIfValid(directory: string): EmulatorCertificates | undefined {
  try {
    const caPem = fs.readFileSync(path.join(directory, CA_FILE), "utf8");
    const certPem = fs.readFileSync(path.join(directory, CERT_FILE), "utf8");
    const keyPem = fs.readFileSync(path.join(directory, KEY_FILE), "utf8");
    const ca = new X509Certificate(caPem);
    const cert = new X509Certificate(certPem);
    const usable =
      ca.ca &&
      remainingDays(ca) > MIN_REMAINING_DAYS &&
      remainingDays(cert) > MIN_REMAINING_DAYS &&
      cert.checkIssued(ca) &&
      cert.verify(ca.publicKey) &&
      cert.checkPrivateKey(createPrivateKey(keyPem)) &&
      coversRequiredNames(cert);
    return usable ? { caFile: path.join(directory, CA_FILE), caPem, certPem, keyPem } : undefined;
  } catch {
    return undefined; // missing or unreadable: generate afresh
  }
}

function remainingDays(cert: X509Certificate): number {
  return (new Date(cert.validTo).getTime() - Date.now()) / DAY_MS;
}

/** True when the certificate's subjectAltName lists every DNS name and IP address the server answers on. */
export function coversRequiredNames(cert: X509Certificate): boolean {
  const entries = (cert.subjectAltName ?? "").split(",").map((s) => s.trim());
  const dns = entries.filter((e) => e.startsWith("DNS:")).map((e) => e.slice(4).toLowerCase());
  const ips = entries.filter((e) => e.startsWith("IP Address:")).map((e) => normalizeIp(e.slice("IP Address:".length)));
  return (
    SERVER_DNS_NAMES.every((n) => dns.includes(n)) && SERVER_IP_ADDRESSES.every((ip) => ips.includes(normalizeIp(ip)))
  );
}

/** OpenSSL prints ::1 as 0:0:0:0:0:0:0:1; compare IPv6 addresses in their expanded form. */
function normalizeIp(ip: string): string {
  if (!ip.includes(":")) return ip;
  const [head, tail] = ip.split("::") as [string, string | undefined];
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - headParts.length - tailParts.length;
  return [...headParts, ...Array<string>(missing).fill("0"), ...tailParts]
    .map((p) => parseInt(p || "0", 16).toString(16))
    .join(":");
}

interface GeneratedPems {
  caPem: string;
  caKeyPem: string;
  certPem: string;
  keyPem: string;
}

function generate(): GeneratedPems {
  const now = Date.now();
  const caKeys = rsaKeyPair();
  const ca = forge.pki.createCertificate();
  const caName = [
    { name: "commonName", value: "pulumi-azure-sql-migration emulator CA" },
    { name: "organizationName", value: "pulumi-azure-sql-migration (local ARM emulator)" },
  ];
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = randomSerial();
  ca.validity.notBefore = new Date(now - DAY_MS);
  ca.validity.notAfter = new Date(now + CA_LIFETIME_DAYS * DAY_MS);
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = rsaKeyPair();
  const server = forge.pki.createCertificate();
  server.publicKey = serverKeys.publicKey;
  server.serialNumber = randomSerial();
  server.validity.notBefore = new Date(now - DAY_MS);
  server.validity.notAfter = new Date(now + SERVER_LIFETIME_DAYS * DAY_MS);
  server.setSubject([{ name: "commonName", value: "localhost" }]);
  server.setIssuer(caName);
  server.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        ...SERVER_DNS_NAMES.map((value) => ({ type: 2, value })),
        ...SERVER_IP_ADDRESSES.map((ip) => ({ type: 7, ip })),
      ],
    },
    { name: "subjectKeyIdentifier" },
    // forge's `keyIdentifier: true` would hash the server's own key; the issuer's identifier is wanted here.
    { name: "authorityKeyIdentifier", keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());

  return {
    caPem: forge.pki.certificateToPem(ca),
    caKeyPem: caKeys.privateKeyPem,
    certPem: forge.pki.certificateToPem(server),
    keyPem: serverKeys.privateKeyPem,
  };
}

/** RSA keys from Node's native crypto (fast), converted for forge to sign with. */
function rsaKeyPair(): {
  publicKey: forge.pki.rsa.PublicKey;
  privateKey: forge.pki.rsa.PrivateKey;
  privateKeyPem: string;
} {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    privateKeyPem: privateKey,
  };
}

/** A positive 128-bit serial (the top bit cleared so DER does not read it as negative). */
function randomSerial(): string {
  const bytes = forge.random.getBytesSync(16);
  const hex = forge.util.bytesToHex(bytes);
  return (parseInt(hex[0]!, 16) & 0x7).toString(16) + hex.slice(1);
}

function writeAtomically(file: string, content: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content, { mode });
  fs.renameSync(temporary, file);
}

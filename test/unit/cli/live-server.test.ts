/**
 * The command line against a live server: the project's TDS test server, reached by the real mssql driver
 * with TDS 8.0 strict encryption and certificate validation against the test CA (--ca-file). The password
 * comes from the environment (or the prompt); at the end every output and report of this file is scanned
 * for it, and for the wrong password and the token used along the way.
 */
import { promises as fs, writeFileSync } from "node:fs";
import * as path from "node:path";
import { assess, saveSnapshot, type AssessmentReport } from "../../../provider/schema";
import { startTdsTestServer, type TdsTestServer } from "../../../emulator/sql-server";
import { sampleModel } from "../sql/sample-model";
import { cli, tempDir, type CliResult, type RunOptions } from "./cli-support";

const USER = "cli-migrator";
const PASSWORD = "Cli-only s3cret;pw={7}";
const WRONG_PASSWORD = "Not-the-right-one!42";
const TOKEN = "eyJ.cli-test.token";
const SECRETS = [PASSWORD, WRONG_PASSWORD, TOKEN];

let server: TdsTestServer;
let temp: ReturnType<typeof tempDir>;
let caFile: string;
let expected: AssessmentReport;
/** Every result of this file, for the scan at the end. */
const outputs: CliResult[] = [];

beforeAll(async () => {
  server = await startTdsTestServer({
    logins: [{ user: USER, password: PASSWORD }],
    accessTokens: [{ token: TOKEN, principal: "pipeline@contoso.com" }],
    databases: ["SalesDb"],
    model: sampleModel(),
  });
  temp = tempDir();
  caFile = path.join(temp.dir, "test-ca.pem");
  writeFileSync(caFile, server.caPem);
  expected = assess(sampleModel());
});
afterAll(async () => {
  await server.stop();
  temp.cleanup();
});
afterEach(() => expect(server.protocolErrors).toEqual([]));

async function run(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const result = await cli(args, options);
  outputs.push(result);
  return result;
}

/** The connection flags of one side (prefix "" or "source-"/"target-"). */
function serverArgs(prefix = "", extra: string[] = ["--" + prefix + "ca-file", "CA"]): string[] {
  const args = [
    `--${prefix}server`,
    server.host,
    `--${prefix}port`,
    String(server.port),
    `--${prefix}database`,
    "SalesDb",
    `--${prefix}user`,
    USER,
    `--${prefix}encrypt`,
    "strict",
  ];
  return [...args, ...extra.map((a) => (a === "CA" ? caFile : a))];
}

test("assess --server reads the catalog through the driver and assesses it; the reports are written", async () => {
  server.batches.length = 0;
  const json = path.join(temp.dir, "live.assessment.json");
  const markdown = path.join(temp.dir, "live.assessment.md");
  const result = await run(["assess", ...serverArgs(), "--fail-on", "never", "--json", json, "--markdown", markdown], {
    env: { SQLSERVER_PASSWORD: PASSWORD },
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`from database ${server.host}:${server.port}/SalesDb.`);
  expect(result.stdout).toContain(
    `Findings: ${expected.summary.blocking} blocking, ${expected.summary.warning} warning, ${expected.summary.info} info.`,
  );
  expect(server.clientBatches().some((b) => b.sql.startsWith("/* catalog:tables */"))).toBe(true);
  const doc = JSON.parse(await fs.readFile(json, "utf8"));
  expect(doc).toMatchObject({ database: "SalesDb", summary: expected.summary });
  expect(await fs.readFile(markdown, "utf8")).toMatch(/^# Azure SQL Database assessment: SalesDb/);
});

test("the exit code follows --fail-on for a live source too", async () => {
  const result = await run(["assess", ...serverArgs(), "--fail-on", "warning"], {
    env: { SQLSERVER_PASSWORD: PASSWORD },
  });
  expect(result.code).toBe(expected.summary.blocking + expected.summary.warning > 0 ? 1 : 0);
});

test("script --server writes the script", async () => {
  const out = path.join(temp.dir, "live", "deploy.sql");
  const result = await run(
    [
      "script",
      ...serverArgs(),
      "--out",
      out,
      "--held-back",
      path.join(temp.dir, "live", "held.json"),
      "--fail-on",
      "never",
    ],
    {
      env: { SQLSERVER_PASSWORD: PASSWORD },
    },
  );
  expect(result.code).toBe(0);
  expect(await fs.readFile(out, "utf8")).toMatch(/CREATE TABLE/);
});

test("compare: a live source against a snapshot of the same schema, and a server against itself", async () => {
  const snapshot = path.join(temp.dir, "sales.snapshot.json");
  await saveSnapshot(snapshot, sampleModel());
  const one = await run(["compare", ...serverArgs("source-"), snapshot, "--fail-on-changes"], {
    env: { SOURCE_PASSWORD: PASSWORD },
  });
  expect(one.stderr).toBe("");
  expect(one.stdout).toContain("No differences");
  expect(one.code).toBe(0);

  const both = await run(["compare", ...serverArgs("source-"), ...serverArgs("target-"), "--fail-on-changes"], {
    env: { SOURCE_PASSWORD: PASSWORD, TARGET_PASSWORD: PASSWORD },
  });
  expect(both.code).toBe(0);

  // Each side reads its own variable: the target's is not borrowed from the source's.
  const missing = await run(["compare", ...serverArgs("source-"), ...serverArgs("target-")], {
    env: { SOURCE_PASSWORD: PASSWORD },
  });
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/^pulumi-azure-sql-migration: TARGET_PASSWORD is not set/);
});

test("without SQLSERVER_PASSWORD and no terminal: exit 2 naming the variable", async () => {
  const result = await run(["assess", ...serverArgs()]);
  expect(result.code).toBe(2);
  expect(result.stderr).toBe(
    `pulumi-azure-sql-migration: SQLSERVER_PASSWORD is not set: put the password of ${USER} for ${server.host}:${server.port}/SalesDb in it (stdin is not a terminal, so there is no prompt)\n`,
  );
});

test("on a terminal the password is asked for (the prompt names user and server, never the answer)", async () => {
  const prompts: string[] = [];
  const result = await run(["assess", ...serverArgs(), "--fail-on", "never"], {
    readSecret: async (prompt) => {
      prompts.push(prompt);
      return PASSWORD;
    },
  });
  expect(result.code).toBe(0);
  expect(prompts).toEqual([`Password for ${USER} on ${server.host}:${server.port}/SalesDb: `]);
  // The environment wins over the prompt.
  const fromEnv = await run(["assess", ...serverArgs(), "--fail-on", "never"], {
    env: { SQLSERVER_PASSWORD: PASSWORD },
    readSecret: async () => {
      throw new Error("should not prompt");
    },
  });
  expect(fromEnv.code).toBe(0);
});

test("a wrong password: exit 2, one line naming the server and the login failure", async () => {
  const result = await run(["assess", ...serverArgs()], { env: { SQLSERVER_PASSWORD: WRONG_PASSWORD } });
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(
    new RegExp(`cannot connect to ${server.host}:${server.port}/SalesDb: Login failed for user '${USER}'`),
  );
});

test("a server error quoting the password is printed with the password blanked", async () => {
  server.failOn(
    "/* catalog:tables */",
    { number: 229, message: `SELECT permission denied (login password ${PASSWORD})` },
    { times: 1 },
  );
  const result = await run(["assess", ...serverArgs()], { env: { SQLSERVER_PASSWORD: PASSWORD } });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("SELECT permission denied (login password ***)");
});

test("certificate validation is on: without --ca-file the test server's certificate is refused; --trust-server-certificate skips it (TDS 7.x)", async () => {
  const refused = await run(["assess", ...serverArgs("", [])], { env: { SQLSERVER_PASSWORD: PASSWORD } });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/^pulumi-azure-sql-migration: cannot connect to .*(certificate|self-signed|issuer)/i);

  // TDS 7.x encryption (--encrypt true): the certificate is validated unless --trust-server-certificate.
  const untrusted = await run(["assess", ...serverArgs("", ["--encrypt", "true"])], {
    env: { SQLSERVER_PASSWORD: PASSWORD },
  });
  expect(untrusted.code).toBe(2);
  const trusted = await run(
    ["assess", ...serverArgs("", ["--encrypt", "true", "--trust-server-certificate"]), "--fail-on", "never"],
    { env: { SQLSERVER_PASSWORD: PASSWORD } },
  );
  expect(trusted.stderr).toBe("");
  expect(trusted.code).toBe(0);

  const tds7 = await run(
    ["assess", ...serverArgs("", ["--ca-file", caFile, "--encrypt", "true"]), "--fail-on", "never"],
    { env: { SQLSERVER_PASSWORD: PASSWORD } },
  );
  expect(tds7.code).toBe(0);
});

test("an access token from SQLSERVER_ACCESS_TOKEN (--authentication entra-token)", async () => {
  const args = [
    "assess",
    "--server",
    server.host,
    "--port",
    String(server.port),
    "--database",
    "SalesDb",
    "--authentication",
    "entra-token",
    "--encrypt",
    "strict",
    "--ca-file",
    caFile,
    "--fail-on",
    "never",
  ];
  const ok = await run(args, { env: { SQLSERVER_ACCESS_TOKEN: TOKEN } });
  expect(ok.stderr).toBe("");
  expect(ok.code).toBe(0);
  const missing = await run(args);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/SQLSERVER_ACCESS_TOKEN is not set/);
});

test("a port nobody listens on: exit 2 naming the server", async () => {
  const closed = await startTdsTestServer();
  const port = closed.port;
  await closed.stop();
  const result = await run(
    [
      "assess",
      "--server",
      "127.0.0.1",
      "--port",
      String(port),
      "--database",
      "SalesDb",
      "--user",
      USER,
      "--ca-file",
      caFile,
    ],
    {
      env: { SQLSERVER_PASSWORD: PASSWORD },
    },
  );
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(
    new RegExp(`^pulumi-azure-sql-migration: cannot connect to 127\\.0\\.0\\.1:${port}/SalesDb`),
  );
});

test("no password, wrong password or token appears in any output or file written by this file's runs", async () => {
  expect(outputs.length).toBeGreaterThanOrEqual(15);
  const texts = outputs.flatMap((o) => [o.stdout, o.stderr]);
  const files = await fs.readdir(temp.dir, { recursive: true, withFileTypes: true });
  for (const file of files.filter((f) => f.isFile()))
    texts.push(await fs.readFile(path.join(file.parentPath ?? file.path, file.name), "utf8"));
  expect(texts.length).toBeGreaterThan(outputs.length * 2 + 5);
  for (const secret of SECRETS) for (const text of texts) expect(text).not.toContain(secret);
});

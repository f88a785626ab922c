/**
 * The command line's contract with CI for bad invocations: exit 2 and one line on stderr that names the flag,
 * file or variable at fault; help and version on stdout with exit 0.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cli, QUICKSTART } from "./cli-support";

/** The single error line, after checking there is exactly one and nothing went to stdout. */
function oneErrorLine(result: { code: number; stdout: string; stderr: string }): string {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe("usage errors exit 2 naming the flag", () => {
  test.each([
    [["assess", QUICKSTART, "--bogus"], /unknown option --bogus .*assess --help/],
    [["assess", QUICKSTART, "--json"], /--json needs a value/],
    [["assess", QUICKSTART, "--json", "--markdown", "x.md"], /--json needs a value/],
    [
      ["assess", QUICKSTART, "--fail-on", "sometimes"],
      /--fail-on must be one of blocking, warning, never \(got "sometimes"\)/,
    ],
    [["assess", QUICKSTART, "--tier", "Gold"], /--tier must be one of Basic, Standard, .*Hyperscale/],
    [
      ["assess", "--server", "db.local", "--database", "Sales", "--user", "u", "--port", "70000"],
      /--port must be a port number/,
    ],
    [
      ["assess", "--server", "db.local", "--database", "Sales", "--user", "u", "--encrypt", "maybe"],
      /--encrypt must be one of strict, true, false/,
    ],
    [
      ["assess", "--server", "db.local", "--database", "Sales", "--authentication", "kerberos"],
      /--authentication must be one of sql, entra-default, entra-token/,
    ],
    [["assess", "--server", "db.local", "--user", "u"], /--database is required with --server/],
    [["assess", "--database", "Sales"], /--server is required with --database/],
    [["assess", "--server", "db.local", "--database", "Sales"], /--user is required with SQL authentication/],
    [
      ["assess", "--server", "db.local", "--database", "Sales", "--authentication", "entra-default", "--user", "u"],
      /--user is only for --authentication sql/,
    ],
    [
      ["assess", QUICKSTART, "--server", "db.local", "--database", "Sales", "--user", "u"],
      /--server and a path .* both name the source/,
    ],
    [
      ["assess", "--server", "db.local", "--database", "Sales", "--user", "u", "--database-name", "X"],
      /--database-name is for scripts and snapshots/,
    ],
    [
      ["assess", "--server", "db.local", "--database", "Sales", "--user", "u", "--trust-server-certificate=yes"],
      /--trust-server-certificate takes no value/,
    ],
    [
      [
        "assess",
        "--server",
        "db.local",
        "--database",
        "Sales",
        "--user",
        "u",
        "--encrypt",
        "strict",
        "--trust-server-certificate",
      ],
      /--trust-server-certificate has no effect with --encrypt strict/,
    ],
    [["assess"], /no source given/],
    [["assess", QUICKSTART, QUICKSTART], /one source only/],
    [["assess", "README.md"], /README\.md: expected a folder of \.sql scripts, a \.sql file or a snapshot \.json/],
    [["assess", "package.json"], /package\.json: invalid schema snapshot at format/],
    [["script", QUICKSTART], /--out <file\.sql> is required/],
    [
      ["script", QUICKSTART, "--out", "x.sql", "--held-back", "held.txt"],
      /--held-back held\.txt: name a \.json or \.md file/,
    ],
    [["compare", QUICKSTART], /compare needs a source and a target/],
    [["compare", QUICKSTART, QUICKSTART, QUICKSTART], /too many paths/],
    [
      [
        "compare",
        QUICKSTART,
        "--target-server",
        "db.local",
        "--target-database",
        "Sales",
        "--target-user",
        "u",
        "--target-port",
        "x",
      ],
      /--target-port must be a port number/,
    ],
    [
      ["compare", QUICKSTART, "--target-database", "Sales", "--source-port", "1433"],
      /both sides are servers, so no path is expected/,
    ],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["--bogus"], /unknown option --bogus/],
  ])("%j", async (args, message) => {
    expect(oneErrorLine(await cli(args))).toMatch(message);
  });

  test("a missing path names the path", async () => {
    expect(oneErrorLine(await cli(["assess", "no/such/folder"]))).toBe(
      "pulumi-azure-sql-migration: no/such/folder: cannot read the source (no such file or folder)",
    );
  });

  test("a missing --ca-file names the flag and the file", async () => {
    const line = oneErrorLine(
      await cli([
        "assess",
        "--server",
        "db.local",
        "--database",
        "Sales",
        "--user",
        "u",
        "--ca-file",
        "missing-ca.pem",
      ]),
    );
    expect(line).toMatch(/--ca-file missing-ca\.pem: cannot read \(no such file or folder\)/);
  });

  test("a --ca-file that is not a PEM certificate is refused before any connection, naming the file", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cli-ca-"));
    fs.writeFileSync(path.join(folder, "not-a-cert.pem"), "just some text\n");
    const line = oneErrorLine(
      await cli(
        ["assess", "--server", "db.local", "--database", "Sales", "--user", "u", "--ca-file", "not-a-cert.pem"],
        { cwd: folder },
      ),
    );
    expect(line).toMatch(/--ca-file not-a-cert\.pem: not a PEM certificate$/);
  });

  test("no command prints the help to stderr and exits 2", async () => {
    const result = await cli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Usage: pulumi-azure-sql-migration <command>/);
  });
});

describe("passwords are never flags", () => {
  test.each([
    ["--password"],
    ["--password=Hunter2-Secret"],
    ["--source-password"],
    ["--target-password=Hunter2-Secret"],
    ["--access-token"],
    ["--pwd"],
  ])("%s is refused without repeating its value", async (flag) => {
    const line = oneErrorLine(
      await cli(["assess", "--server", "db.local", "--database", "Sales", "--user", "u", flag]),
    );
    expect(line).toMatch(/is not accepted: passwords and tokens are read from the environment/);
    expect(line).toContain(flag.replace(/=.*/, ""));
    expect(line).not.toContain("Hunter2-Secret");
  });
});

describe("help and version", () => {
  test("--help lists the commands, the password variables and the exit codes", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(0);
    for (const text of [
      "assess",
      "script",
      "compare",
      "SQLSERVER_PASSWORD",
      "SOURCE_PASSWORD",
      "TARGET_PASSWORD",
      "Exit codes:",
    ])
      expect(result.stdout).toContain(text);
  });

  test.each([
    [
      "assess",
      ["--fail-on", "--json", "--markdown", "--database-name", "--tier", "--server", "--ca-file", "SQLSERVER_PASSWORD"],
    ],
    ["script", ["--out", "--held-back", "--fail-on", "--server"]],
    ["compare", ["--fail-on-changes", "--source-server", "--target-server", "SOURCE_PASSWORD", "TARGET_ACCESS_TOKEN"]],
  ])("%s --help describes its options (and wins over other arguments)", async (command, flags) => {
    for (const args of [
      [command, "--help"],
      [command, "--bogus", "-h"],
      ["help", command],
    ]) {
      const result = await cli(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: pulumi-azure-sql-migration ${command} `));
      for (const flag of flags) expect(result.stdout).toContain(flag);
    }
  });

  test("--version prints the package's version", async () => {
    const { version } = require("../../../package.json") as { version: string };
    for (const flag of ["--version", "-v"])
      expect(await cli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

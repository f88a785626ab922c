/**
 * The command line as a user gets it: `npm pack` this package (built by `npm run build` beforehand), install
 * the tarball into an empty folder (dependencies from the npm registry or its cache), and run the installed
 * bin on the repository's schemas with the exit codes CI relies on. Needs no Pulumi CLI.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  promises as fs,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");
const QUICKSTART = path.join(REPO, "examples/quickstart/schema");
const SAMPLE_DB = path.join(REPO, "test/fixtures/sample-db");
const PACKAGE = require("../../package.json") as { name: string; version: string; bin: Record<string, string> };
const INSTALL_TIMEOUT_MS = 150_000;

/** The environment of a child npm: ours without what `npm test` / `npx` put there about this package. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(lifecycle|package)_|^npm_config_(local_prefix|prefix)$|^INIT_CWD$/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function run(command: string, args: string[], cwd: string, timeout = 60_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: childEnv(), encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
}

function tail(text: string | null | undefined, lines = 30): string {
  return (text ?? "").trimEnd().split("\n").slice(-lines).join("\n");
}

/** Fails the test with what the command printed, when it did not exit as expected. */
function expectExit(result: SpawnSyncReturns<string>, code: number, what: string): void {
  if (result.error) throw new Error(`${what}: could not run (${result.error.message})`);
  if (result.status !== code) {
    throw new Error(
      `${what}: exit ${result.status ?? result.signal}, expected ${code}\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`,
    );
  }
}

/** Newest modification time of the .ts files under a folder. */
function newestSource(dir: string): { file: string; mtime: number } {
  let newest = { file: "", mtime: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    const mtime = statSync(file).mtimeMs;
    if (mtime > newest.mtime) newest = { file, mtime };
  }
  return newest;
}

/**
 * The registry this project is built against is a partial mirror: mssql's newest 12.x needs a
 * @tediousjs/connection-string it does not serve. The package keeps the range real users need; the consumer
 * here pins mssql to the version of this repository's lockfile with npm `overrides`, as the README tells users
 * behind such a mirror to do.
 */
function registryGapOverrides(): Record<string, string> {
  const lock = require("../../package-lock.json") as { packages: Record<string, { version?: string }> };
  return { mssql: lock.packages["node_modules/mssql"]!.version! };
}

let work: string;
let bin: string;
let consumer: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "cli-package-"));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test(
  "the built package packs and installs from its tarball, with the bin in node_modules/.bin",
  () => {
    const main = path.join(REPO, PACKAGE.bin[PACKAGE.name]!);
    if (!existsSync(main))
      throw new Error(`${path.relative(REPO, main)} is missing: run \`npm run build\` before this test`);
    const newest = newestSource(path.join(REPO, "cli"));
    if (newest.mtime > statSync(main).mtimeMs) {
      throw new Error(`dist is older than ${path.relative(REPO, newest.file)}: run \`npm run build\` before this test`);
    }

    const packed = run("npm", ["pack", "--pack-destination", work, "--json", "--loglevel=error"], REPO);
    expectExit(packed, 0, "npm pack");
    const [info] = JSON.parse(packed.stdout) as {
      filename: string;
      size: number;
      unpackedSize: number;
      entryCount: number;
      files: { path: string }[];
    }[];
    const tarball = path.join(work, info!.filename);
    expect(info!.files.map((f) => f.path)).toContain(PACKAGE.bin[PACKAGE.name]);

    const packedSize = `${info!.filename}: ${(info!.size / 1024).toFixed(0)} KiB packed, ${(info!.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${info!.entryCount} files`;
    process.stdout.write(`cli-package: ${packedSize}\n`);

    consumer = path.join(work, "consumer");
    mkdirSync(consumer, { recursive: true });
    writeFileSync(
      path.join(consumer, "package.json"),
      JSON.stringify({ name: "cli-package-check", version: "1.0.0", private: true, overrides: registryGapOverrides() }),
    );
    const started = Date.now();
    const installed = run(
      "npm",
      ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
      consumer,
      INSTALL_TIMEOUT_MS,
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (installed.error || installed.status !== 0) {
      // A dependency that cannot be resolved or fetched is outside this package: say exactly what npm said.
      const why = installed.error ? installed.error.message : `exit ${installed.status ?? installed.signal}`;
      throw new Error(
        `npm install ${path.basename(tarball)} failed after ${seconds}s (${why}):\n${tail(installed.stderr, 40)}\n${tail(installed.stdout, 10)}`,
      );
    }
    process.stdout.write(`cli-package: npm install of the tarball took ${seconds}s\n`);
    bin = path.join(consumer, "node_modules", ".bin", PACKAGE.name);
    expect(existsSync(bin)).toBe(true);
  },
  INSTALL_TIMEOUT_MS + 60_000,
);

function requireInstalled(): void {
  if (!bin) throw new Error("the package did not install (see the first test)");
}

test("--version and --help from the installed bin, and through npx", () => {
  requireInstalled();
  const version = run(bin, ["--version"], consumer);
  expectExit(version, 0, "--version");
  expect(version.stdout).toBe(`${PACKAGE.version}\n`);
  const help = run(bin, ["--help"], consumer);
  expectExit(help, 0, "--help");
  expect(help.stdout).toContain("Usage: pulumi-azure-sql-migration <command>");
  const npx = run("npx", ["--no-install", PACKAGE.name, "--version"], consumer);
  expectExit(npx, 0, "npx --no-install pulumi-azure-sql-migration --version");
  expect(npx.stdout).toBe(`${PACKAGE.version}\n`);
});

test("assess: the quickstart schema exits 0; the sample database exits 1 under --fail-on blocking and 0 under never", async () => {
  requireInstalled();
  const report = path.join(work, "reports", "quickstart.md");
  const clean = run(bin, ["assess", QUICKSTART, "--markdown", report], consumer);
  expectExit(clean, 0, "assess quickstart");
  expect(clean.stdout).toContain("Findings: 0 blocking");
  expect(await fs.readFile(report, "utf8")).toMatch(/^# Azure SQL Database assessment/);

  const blocked = run(bin, ["assess", SAMPLE_DB, "--database-name", "SampleDb", "--fail-on", "blocking"], consumer);
  expectExit(blocked, 1, "assess sample-db --fail-on blocking");
  expect(blocked.stdout).toMatch(/FAILED: \d+ finding\(s\) not allowed by --fail-on blocking/);
  expectExit(run(bin, ["assess", SAMPLE_DB], consumer), 1, "assess sample-db (default --fail-on)");
  expectExit(run(bin, ["assess", SAMPLE_DB, "--fail-on", "never"], consumer), 0, "assess sample-db --fail-on never");
});

test("usage and I/O errors exit 2 with one line naming the flag or file", () => {
  requireInstalled();
  const bogus = run(bin, ["assess", QUICKSTART, "--bogus"], consumer);
  expectExit(bogus, 2, "assess --bogus");
  expect(bogus.stderr).toMatch(/^pulumi-azure-sql-migration: unknown option --bogus/);
  const missing = run(bin, ["assess", path.join(work, "missing")], consumer);
  expectExit(missing, 2, "assess <missing folder>");
  expect(missing.stderr).toContain("missing: cannot read the source (no such file or folder)");
});

test("script and compare run from the installed package", async () => {
  requireInstalled();
  const out = path.join(work, "out", "deploy.sql");
  const scripted = run(
    bin,
    ["script", QUICKSTART, "--out", out, "--held-back", path.join(work, "out", "held-back.json")],
    consumer,
  );
  expectExit(scripted, 0, "script quickstart");
  expect(await fs.readFile(out, "utf8")).toContain("CREATE TABLE [dbo].[Customers]");
  expectExit(
    run(bin, ["compare", QUICKSTART, QUICKSTART, "--fail-on-changes"], consumer),
    0,
    "compare quickstart with itself",
  );
  expectExit(
    run(bin, ["compare", QUICKSTART, SAMPLE_DB, "--fail-on-changes"], consumer),
    1,
    "compare quickstart with sample-db --fail-on-changes",
  );
});

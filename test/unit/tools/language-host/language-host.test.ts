/**
 * tools/language-host's pure parts: the CLI's arguments, the runner's command line and environment, what an exit
 * tells the engine, the runtime options, and the package scan behind GetRequiredPackages / GetProgramDependencies.
 * (test/integration/language-host.test.ts runs the host itself through the Pulumi CLI.)
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArguments } from "../../../../tools/language-host/src/main";
import { incompatibleSdks, programDependencies, scanPackages } from "../../../../tools/language-host/src/packages";
import {
  configEnvironment,
  outcomeOf,
  parseRuntimeOptions,
  runnerArguments,
  splitArgs,
} from "../../../../tools/language-host/src/program";
import { takeBuildInfo } from "../../../../tools/language-host/src/sdk";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "language-host-unit-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

test("arguments as the CLI passes them: Go-style flags, the engine address last", () => {
  expect(parseArguments(["--logtostderr", "-v=9", "--tracing", "http://zipkin:9411", "127.0.0.1:4321"])).toEqual({
    engineAddress: "127.0.0.1:4321",
    tracing: "http://zipkin:9411",
    verbose: true,
    version: false,
  });
  expect(parseArguments(["-tracing=x", "-root", "/p", "localhost:1"])).toMatchObject({
    engineAddress: "localhost:1",
    tracing: "x",
  });
  expect(parseArguments(["--version"])).toEqual({ version: true, verbose: false });
});

test("configuration reaches the runner as <namespace>:config:<name>, with the secret keys listed", () => {
  const env = configEnvironment(
    new Map([
      ["proj:greeting", "hi"],
      ["aws:region", "eu-west-1"],
      ["old:config:kept", "x"],
    ]),
    ["proj:password"],
  );
  expect(JSON.parse(env["PULUMI_CONFIG"]!)).toEqual({
    "proj:config:greeting": "hi",
    "aws:config:region": "eu-west-1",
    "old:config:kept": "x",
  });
  expect(JSON.parse(env["PULUMI_CONFIG_SECRET_KEYS"]!)).toEqual(["proj:password"]);
  expect(() => configEnvironment([["no-namespace", "x"]], [])).toThrow(/could not parse no-namespace/);
});

test("the runner's command line carries what the engine sent, the entry point after the flags", () => {
  const args = runnerArguments({
    runPath: "/p/node_modules/@pulumi/pulumi/cmd/run/index.js",
    monitor: "127.0.0.1:1",
    engine: "127.0.0.1:2",
    organization: "org",
    project: "proj",
    stack: "dev",
    rootDirectory: "/p",
    programDirectory: "/p/src",
    entryPoint: ".",
    args: ["extra"],
    dryRun: true,
    parallel: 16,
  });
  expect(args).toEqual([
    "/p/node_modules/@pulumi/pulumi/cmd/run/index.js",
    "--monitor",
    "127.0.0.1:1",
    "--engine",
    "127.0.0.1:2",
    "--organization",
    "org",
    "--project",
    "proj",
    "--root-directory",
    "/p",
    "--stack",
    "dev",
    "--pwd",
    "/p/src",
    "--dry-run",
    "--parallel",
    "16",
    ".",
    "extra",
  ]);
});

test("an exit tells the engine: success, bail after the runner's own message (32), or the code / signal", () => {
  expect(outcomeOf(0, null, "")).toEqual({ error: "", bail: false });
  expect(outcomeOf(32, null, "")).toEqual({ error: "", bail: true });
  expect(outcomeOf(3, null, "")).toEqual({ error: "Program exited with non-zero exit code: 3", bail: false });
  expect(outcomeOf(null, "SIGKILL", "").error).toBe("Program exited unexpectedly (signal SIGKILL)");
  expect(
    outcomeOf(134, null, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory").error,
  ).toMatch(/ran out of memory/);
});

test("runtime options of Pulumi.yaml: typescript by default, checked types, node arguments split", () => {
  expect(parseRuntimeOptions({})).toEqual({ typescript: true, nodeargs: [] });
  expect(
    parseRuntimeOptions({
      typescript: false,
      tsconfig: "tsconfig.build.json",
      nodeargs: "--max-old-space-size=4096 --trace-warnings",
      packagemanager: "pnpm",
    }),
  ).toEqual({
    typescript: false,
    tsconfig: "tsconfig.build.json",
    nodeargs: ["--max-old-space-size=4096", "--trace-warnings"],
    packagemanager: "pnpm",
  });
  expect(() => parseRuntimeOptions({ typescript: "yes" })).toThrow(/typescript option must be a boolean/);
  expect(() => parseRuntimeOptions({ packagemanager: "cargo" })).toThrow(/packagemanager option must be one of/);
  expect(splitArgs(`--a "b c" 'd e' f`)).toEqual(["--a", "b c", "d e", "f"]);
});

test("the scan finds resource plugins in node_modules (nested, scoped, linked), skips policy packs, notes bad packages", () => {
  writeJson(path.join(dir, "package.json"), { name: "app" });
  writeJson(path.join(dir, "node_modules", "@pulumi", "aws", "package.json"), {
    name: "@pulumi/aws",
    version: "6.1.0",
    pulumi: { resource: true },
  });
  writeJson(path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json"), {
    name: "@pulumi/pulumi",
    version: "3.200.0",
  });
  writeJson(path.join(dir, "node_modules", "x", "node_modules", "@acme", "thing", "package.json"), {
    name: "@acme/thing",
    version: "1.2.3",
    pulumi: { resource: true, name: "thing", server: "https://example.test/plugins" },
  });
  writeJson(path.join(dir, "node_modules", "@acme", "unnamed", "package.json"), {
    name: "@acme/unnamed",
    version: "1.0.0",
    pulumi: { resource: true },
  });
  writeJson(path.join(dir, "policies", "node_modules", "@pulumi", "gcp", "package.json"), {
    name: "@pulumi/gcp",
    version: "1.0.0",
    pulumi: { resource: true },
  });
  fs.writeFileSync(path.join(dir, "policies", "PulumiPolicy.yaml"), "runtime: nodejs\n");
  // A link back to the project (as npm workspaces make): followed once, no endless walk.
  fs.symlinkSync(dir, path.join(dir, "node_modules", "self"), "dir");

  const scan = scanPackages(dir);
  expect(scan.packages.map((p) => [p.name, p.version, p.server]).sort()).toEqual([
    ["aws", "v6.1.0", undefined],
    ["thing", "v1.2.3", "https://example.test/plugins"],
  ]);
  expect([...scan.pulumiSdks.values()]).toEqual(["3.200.0"]);
  expect(scan.problems.join("\n")).toMatch(/unnamed\/package\.json: third-party plugin package without "pulumi\.name"/);
  expect(incompatibleSdks(scan.pulumiSdks)).toBeUndefined();
  expect(
    incompatibleSdks(
      new Map([
        ["a", "3.1.0"],
        ["b", "2.9.0"],
      ]),
    ),
  ).toMatch(/Differing major versions/);
});

test("program dependencies: the declared ones with their installed versions, or every installed package", () => {
  writeJson(path.join(dir, "package.json"), {
    name: "app",
    dependencies: { "@pulumi/pulumi": "^3.200.0", missing: "^1.0.0" },
    devDependencies: { typescript: "~5.9.3" },
  });
  writeJson(path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json"), {
    name: "@pulumi/pulumi",
    version: "3.200.0",
  });
  writeJson(path.join(dir, "node_modules", "typescript", "package.json"), { name: "typescript", version: "5.9.3" });
  writeJson(path.join(dir, "node_modules", "typescript", "node_modules", "nested", "package.json"), {
    name: "nested",
    version: "0.1.0",
  });
  fs.mkdirSync(path.join(dir, "src"));
  expect(programDependencies(path.join(dir, "src"), false)).toEqual([
    { name: "@pulumi/pulumi", version: "3.200.0" },
    { name: "missing", version: "^1.0.0" },
    { name: "typescript", version: "5.9.3" },
  ]);
  expect(programDependencies(dir, true).map((d) => `${d.name}@${d.version}`)).toEqual([
    "@pulumi/pulumi@3.200.0",
    "nested@0.1.0",
    "typescript@5.9.3",
  ]);
});

test("the launcher's settings are read once and kept out of the programs' environment", () => {
  const env: NodeJS.ProcessEnv = {
    PULUMI_LANGUAGE_HOST_VERSION: "3.248.0",
    PULUMI_LANGUAGE_HOST_FALLBACK_SDK: "/repo/node_modules/@pulumi/pulumi",
    OTHER: "x",
  };
  expect(takeBuildInfo(env)).toEqual({ version: "3.248.0", fallbackSdk: "/repo/node_modules/@pulumi/pulumi" });
  expect(env).toEqual({ OTHER: "x" });
});

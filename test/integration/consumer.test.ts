/**
 * The package as a user runs it: `npm pack` this package (built by `npm run build` beforehand), install the tarball
 * into a project that looks like a user's — examples/your-stack (its index.ts is the program README's "Use it in
 * your stack" shows, its package.json, tsconfig.json, Pulumi.yaml and schema scripts) next to an older
 * @pulumi/pulumi than the one this repository builds with — type-check it with tsc, then run it with the Pulumi
 * CLI's `pulumi up` as a folder program (through the Node.js language host on PATH) against the ARM emulator and
 * the emulated DMS's SQL catalog: the current DMS with a self-hosted integration runtime registered beside the up,
 * then an online migration with the classic engine completed by `pulumi config set cutover true` + `pulumi up`,
 * and `pulumi destroy` of both.
 *
 * Run with the CLI on PATH: `npm run build && bash scripts/with-pulumi.sh npx jest test/integration/consumer`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ArmClient } from "../../provider/arm";
import {
  createDataMigrationModule,
  withDataMigrationModule,
  type DataMigrationModule,
} from "../../emulator/datamigration";
import type { Emulator } from "../../emulator";
import { operateSelfHostedRuntime } from "../../examples/runner/self-hosted-runtime";
import { emulatorEnv, startTestEmulator } from "../support/emulator-env";
import {
  childEnv,
  expectExit,
  filesUnder,
  plain,
  requirePulumiOnPath,
  runCommand,
  tail,
  type CommandResult,
} from "../support/pulumi-cli";
import { stepsInOrder } from "../support/steps";

const REPO = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(REPO, "examples", "your-stack");
const PACKAGE = require("../../package.json") as {
  name: string;
  version: string;
  main: string;
  bin: Record<string, string>;
};
/** Another 3.x than the 3.248.0 this repository builds with: older, runs on Node.js 20, served by the registry here. */
const USER_PULUMI = "3.200.0";

const SUBSCRIPTION = "7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
const RESOURCE_GROUP = "rg-sales";
const GROUP_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
const SERVER_PATH = `${GROUP_PATH}/providers/Microsoft.Sql/servers/sales-target`;
const SOURCE = { server: "sql01.contoso.local", user: "migrator", password: "Consumer-S0urce-Pa55" };
const TARGET = { server: "sales-target.database.windows.net", user: "azadmin", password: "Consumer-T4rget-Pa55" };
const TABLES = { "dbo.Customers": 1200, "Sales.Orders": 4000 };
const PASSPHRASE = "consumer-test-passphrase";

/**
 * This machine's npm registry is a partial mirror: mssql's newest 12.x needs a @tediousjs/connection-string it
 * does not serve. The package keeps the range real users need; the project here pins mssql to the version of this
 * repository's lockfile with npm `overrides`, as README's install note tells users behind such a mirror to do.
 */
function registryGapOverrides(): Record<string, string> {
  const lock = require("../../package-lock.json") as { packages: Record<string, { version?: string }> };
  return { mssql: lock.packages["node_modules/mssql"]!.version! };
}

interface PackInfo {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
}

let work: string;
let app: string;
let backend: string;
let pack: PackInfo;
let emulator: Emulator;
let dms: DataMigrationModule;
let arm: ArmClient;
let printed = "";
const started = Date.now();

function cliEnv(): NodeJS.ProcessEnv {
  return childEnv({
    ...emulatorEnv(emulator),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // The project was type-checked with tsc once (`npm run typecheck`, as a pipeline step would); ts-node need not
    // check it again on every run (Pulumi's documented switch for this).
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
  });
}

async function pulumi(args: string[], stack?: string): Promise<CommandResult> {
  const result = await runCommand(
    "pulumi",
    [...args, ...(stack ? ["--stack", stack] : []), "--non-interactive", "--color", "never"],
    {
      cwd: app,
      env: cliEnv(),
      timeoutMs: 150_000,
    },
  );
  printed += `${result.stdout}\n${result.stderr}\n`;
  // The log names the command, not the secret values given to it.
  const shown = result.command
    .replace(/ --non-interactive --color never$/, "")
    .replace(/(--secret [^= ]+=)\S+/g, "$1…");
  process.stdout.write(`consumer: ${shown} → exit ${result.code} in ${result.seconds.toFixed(1)}s\n`);
  return result;
}

async function stackOutputs(stack: string): Promise<Record<string, unknown>> {
  return JSON.parse(expectExit(await pulumi(["stack", "output", "--json"], stack), 0).stdout);
}

/**
 * A new stack of the user's project with the emulated subscription and both SQL endpoints in its config (the
 * passwords as secrets, as a user sets them), plus what the test adds.
 */
async function initStack(stack: string, settings: Record<string, string>): Promise<void> {
  expectExit(await pulumi(["stack", "init", stack]), 0);
  const plaintext: Record<string, string> = {
    subscriptionId: SUBSCRIPTION,
    resourceGroupName: RESOURCE_GROUP,
    location: "westeurope",
    sourceServer: SOURCE.server,
    sourceUser: SOURCE.user,
    sourceDatabase: "Sales",
    targetServer: TARGET.server,
    targetUser: TARGET.user,
    targetDatabase: "SalesDb",
    ...settings,
  };
  const secret = { sourcePassword: SOURCE.password, targetPassword: TARGET.password };
  const args = [
    ...Object.entries(plaintext).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]),
    ...Object.entries(secret).flatMap(([key, value]) => ["--secret", `${key}=${value}`]),
  ];
  expectExit(await pulumi(["config", "set-all", ...args], stack), 0);
}

/** Every copy of @pulumi/pulumi under node_modules (nested ones included), as path → version. */
function pulumiCopies(nodeModules: string): Record<string, string> {
  const copies: Record<string, string> = {};
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
      const names = entry.name.startsWith("@")
        ? fs.readdirSync(path.join(dir, entry.name)).map((n) => `${entry.name}/${n}`)
        : [entry.name];
      for (const name of names) {
        const pkgDir = path.join(dir, name);
        if (name === "@pulumi/pulumi")
          copies[path.relative(app, pkgDir)] = JSON.parse(
            fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"),
          ).version;
        walk(path.join(pkgDir, "node_modules"));
      }
    }
  };
  walk(nodeModules);
  return copies;
}

beforeAll(async () => {
  requirePulumiOnPath();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
  app = path.join(work, "sales-migration");
  backend = path.join(work, "backend");
  fs.mkdirSync(backend);

  dms = createDataMigrationModule({ tickMs: 100, rowsPerTick: 1000, appliedChangesPerTick: 50 });
  emulator = await startTestEmulator({ modules: withDataMigrationModule(dms), registeredProviders: ["Microsoft.Sql"] });
  arm = ArmClient.fromEnvironment(emulatorEnv(emulator));
  // What the platform team created beforehand (@pulumi/azure-native on Azure): the group, the target server, its database.
  await arm.request({ method: "PUT", path: GROUP_PATH, apiVersion: "2021-04-01", body: { location: "westeurope" } });
  await arm.execute({
    method: "PUT",
    path: SERVER_PATH,
    apiVersion: "2023-08-01",
    body: { location: "westeurope", properties: { administratorLogin: TARGET.user } },
  });
  await arm.execute({
    method: "PUT",
    path: `${SERVER_PATH}/databases/SalesDb`,
    apiVersion: "2023-08-01",
    body: { location: "westeurope" },
  });
  // The SQL Servers the emulated DMS reaches: the source with its rows, the target with the (empty) tables.
  dms.controls.servers.define({
    server: SOURCE.server,
    logins: { [SOURCE.user]: SOURCE.password },
    databases: { Sales: { tables: TABLES } },
  });
  const empty = Object.fromEntries(Object.keys(TABLES).map((t) => [t, 0]));
  dms.controls.servers.define({
    server: TARGET.server,
    logins: { [TARGET.user]: TARGET.password },
    databases: { SalesDb: { tables: empty } },
  });
  dms.controls.simulation.set({ incomingChangesPerTick: 0 });
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
  process.stdout.write(`consumer: the whole test took ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
});

/** One user's project through its life, step by step: a failure names the step, and the later ones do not run. */
const step = stepsInOrder();

step(
  "npm pack: the tarball holds the built package and no tests, fixtures, benchmarks or certificates",
  async () => {
    const main = path.join(REPO, PACKAGE.main);
    if (!fs.existsSync(main)) throw new Error(`${PACKAGE.main} is missing: run \`npm run build\` before this test`);
    const packed = expectExit(
      await runCommand("npm", ["pack", "--pack-destination", work, "--json", "--loglevel=error"], { cwd: REPO }),
      0,
      "npm pack",
    );
    pack = (JSON.parse(packed.stdout) as PackInfo[])[0]!;
    process.stdout.write(
      `consumer: ${pack.filename}: ${(pack.size / 1024).toFixed(0)} KiB packed, ${(pack.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${pack.entryCount} files\n`,
    );
    const files = pack.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        PACKAGE.main,
        "dist/index.d.ts",
        PACKAGE.bin[PACKAGE.name]!,
      ]),
    );
    const unwanted = files.filter(
      (f) =>
        /(^|\/)(test|tests|__tests__|fixtures|bench|examples)\//.test(f) ||
        /\.(test|spec)\.[cm]?js$/.test(f) ||
        /\.(pem|key|crt|cer|pfx|p12|srl)$/i.test(f) ||
        /(^|\/)(certs?|tls-dir)\//.test(f) ||
        (/\.ts$/.test(f) && !f.endsWith(".d.ts")),
    );
    expect(unwanted).toEqual([]);
  },
  120_000,
);

step(
  `installs into a user's project next to @pulumi/pulumi ${USER_PULUMI}, with one copy of it, and type-checks`,
  async () => {
    fs.cpSync(EXAMPLE, app, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      [key: string]: unknown;
    };
    manifest.dependencies[PACKAGE.name] = `file:../${pack.filename}`;
    // A user who stays on an older release: npm must share this copy with the package, not add its own.
    manifest.dependencies["@pulumi/pulumi"] = USER_PULUMI;
    manifest["overrides"] = registryGapOverrides();
    manifest["//"] =
      "overrides: this machine's npm registry lacks what mssql's newest release needs; pinned to the lockfile's mssql (see README)";
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify(manifest, null, 2));

    const install = await runCommand(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
      { cwd: app, timeoutMs: 150_000 },
    );
    // A dependency the registry cannot serve is outside this package: say exactly what npm said.
    expectExit(install, 0, "npm install (the tarball and its dependencies)");
    process.stdout.write(`consumer: npm install took ${install.seconds.toFixed(1)}s\n`);

    const copies = pulumiCopies(path.join(app, "node_modules"));
    const listed = await runCommand("npm", ["ls", "@pulumi/pulumi"], { cwd: app });
    process.stdout.write(`consumer: npm ls @pulumi/pulumi\n${listed.stdout}`);
    expect(copies).toEqual({ [path.join("node_modules", "@pulumi", "pulumi")]: USER_PULUMI });
    expect(listed.stdout).toContain(`@pulumi/pulumi@${USER_PULUMI} deduped`);

    const typecheck = expectExit(
      await runCommand("npm", ["run", "typecheck"], { cwd: app, timeoutMs: 150_000 }),
      0,
      "npm run typecheck (tsc --noEmit)",
    );
    process.stdout.write(`consumer: tsc --noEmit took ${typecheck.seconds.toFixed(1)}s\n`);
  },
  330_000,
);

step(
  "current DMS: pulumi up assesses the schema, registers the runtime beside the up and copies the data",
  async () => {
    const stack = "dms";
    // The emulated target already holds the tables and answers no SQL: assess and script only, no validation.
    await initStack(stack, { deploySchema: "false", validation: "none" });
    // Beside the up, someone installs the self-hosted integration runtime and registers it with the service's key.
    const operator = operateSelfHostedRuntime(
      arm,
      { subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP },
      { pollMs: 100 },
    );
    const up = await pulumi(["up", "--yes"], stack).finally(() => operator.stop());
    expectExit(up, 0);
    expect(await operator.registered).toBeDefined();
    expect(plain(up.stdout)).toMatch(/\+ 6 created/);
    const outputs = await stackOutputs(stack);
    expect(outputs["phase"]).toBe("completed");
    expect(outputs["authKey1"]).toBe("[secret]");
    // The output counts tables per state; every table's rows are in the data-move file beside the report.
    const progress = (outputs["progress"] as { tableSummary: { byState: object }; dataMoveFile: string }[])[0]!;
    expect(progress.tableSummary.byState).toEqual({ Succeeded: 2 });
    const moved = JSON.parse(fs.readFileSync(progress.dataMoveFile, "utf8")) as {
      tables: { table: string; rowsCopied: number }[];
    };
    expect(Object.fromEntries(moved.tables.map((t) => [t.table, t.rowsCopied]))).toEqual(TABLES);
    // The schema step read the project's database/ scripts and wrote the deployment script into the project.
    const scripts = fs.readdirSync(path.join(app, "schema-deployment")).filter((f) => f.endsWith(".deploy.sql"));
    expect(scripts).toHaveLength(1);
    expect(fs.readFileSync(path.join(app, "schema-deployment", scripts[0]!), "utf8")).toContain(
      "CREATE TABLE [Sales].[Orders]",
    );
  },
  300_000,
);

step(
  "current DMS: pulumi destroy deletes the six resources",
  async () => {
    const destroy = expectExit(await pulumi(["destroy", "--yes"], "dms"), 0);
    expect(plain(destroy.stdout)).toMatch(/- 6 deleted/);
  },
  300_000,
);

const CLASSIC = "classic";

step(
  "classic engine, online: pulumi up stops at readyForCutover",
  async () => {
    await initStack(CLASSIC, {
      engine: "dmsClassic",
      dmsSubnetId: `${GROUP_PATH}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/dms`,
      validation: "none",
    });
    expectExit(await pulumi(["up", "--yes"], CLASSIC), 0);
    expect((await stackOutputs(CLASSIC))["phase"]).toBe("readyForCutover");
  },
  300_000,
);

step("classic engine, online: `pulumi config set cutover true` is a config change the preview shows", async () => {
  // The cutover is a config change, merged like any other: the preview shows it, the up applies it.
  expectExit(await pulumi(["config", "set", "cutover", "true"], CLASSIC), 0);
  expect(fs.readFileSync(path.join(app, `Pulumi.${CLASSIC}.yaml`), "utf8")).toMatch(/sales-migration:cutover: "true"/);
  const preview = expectExit(await pulumi(["preview", "--diff"], CLASSIC), 0);
  expect(plain(preview.stdout)).toMatch(/~ cutover\s*: false => true/);
});

step(
  "classic engine, online: the next pulumi up completes the cutover with one command",
  async () => {
    expectExit(await pulumi(["up", "--yes"], CLASSIC), 0);
    expect((await stackOutputs(CLASSIC))["phase"]).toBe("completed");
    expect(emulator.requestLog.count("POST", /\/tasks\/[^/]+\/command$/)).toBe(1);
  },
  300_000,
);

step(
  "classic engine, online: pulumi destroy leaves the stack empty",
  async () => {
    expectExit(await pulumi(["destroy", "--yes"], CLASSIC), 0);
    const exported = JSON.parse(expectExit(await pulumi(["stack", "export"], CLASSIC), 0).stdout) as {
      deployment: { resources?: unknown[] };
    };
    expect(exported.deployment.resources ?? []).toEqual([]);
  },
  300_000,
);

step("no password appears in plain text in the state files, the stack config or anything the CLI printed", async () => {
  const haystacks: Array<[string, string]> = [
    ...filesUnder(backend),
    ...fs
      .readdirSync(app)
      .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
      .map((f): [string, string] => [f, fs.readFileSync(path.join(app, f), "utf8")]),
    ["CLI output", printed],
  ];
  expect(haystacks.length).toBeGreaterThan(3);
  for (const [where, text] of haystacks) {
    for (const password of [SOURCE.password, TARGET.password]) {
      if (text.includes(password)) throw new Error(`${where} holds a password in plain text:\n${tail(text, 5)}`);
    }
  }
});

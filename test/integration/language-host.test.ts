/**
 * The Node.js language host (tools/language-host, put next to the CLI by scripts/ensure-pulumi.sh when no official
 * pulumi-language-nodejs is found) through the Pulumi CLI's own commands on a folder program: a TypeScript
 * program with a `pulumi.dynamic.Resource` in a temporary folder, a local file backend and passphrase secrets.
 * preview, up, stack outputs, an update, refresh, destroy; a secret config value that never appears in plain text;
 * a failing program whose error reaches the CLI's output; the plugins a program needs; about; install.
 *
 * Run with the CLI on PATH: `bash scripts/with-pulumi.sh npx jest test/integration/language-host` (npm test does).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  childEnv,
  expectExit,
  filesUnder,
  languageHostInUse,
  plain,
  requirePulumiOnPath,
  runCommand,
  type CommandResult,
} from "../support/pulumi-cli";

const REPO = path.resolve(__dirname, "../..");
const SECRET = "Lh-s3cret-never-in-plain-text";
const PASSPHRASE = "language-host-test-passphrase";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
if (config.getBoolean("fail")) throw new Error(\`the program refuses to run (greeting \${config.require("greeting")})\`);
if (config.getBoolean("exit")) process.exit(3);

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: \`note-\${inputs.text.length}\`, outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: olds.text !== news.text };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete(id, props) {
    // Proof that the provider ran the delete: a file in the journal folder.
    require("fs").writeFileSync(require("path").join(props.journal, \`deleted-\${id}\`), props.text);
  },
};

class Note extends pulumi.dynamic.Resource {
  declare public readonly text: pulumi.Output<string>;
  constructor(name: string, args: { text: pulumi.Input<string>; password: pulumi.Input<string>; journal: string }) {
    super(provider, name, args, {});
  }
}

const note = new Note("note", { text: config.require("greeting"), password: config.requireSecret("password"), journal: config.require("journal") });
export const text = note.text;
export const length = note.text.apply((t) => t.length);
export const password = config.requireSecret("password");
export const stackName = pulumi.getStack();
`;

let work: string;
let project: string;
let backend: string;
let journal: string;
/** Everything the CLI printed, except the one command asked to show secrets. */
let printed = "";

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return childEnv({
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // A plugin this test's fake package names is not downloaded (there is no network here anyway).
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // The program is TypeScript run through ts-node (PULUMI_NODEJS_TYPESCRIPT, which the host sets); type-checking
    // it on every run would only slow the test down.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...extra,
  });
}

async function pulumi(
  args: string[],
  options: { cwd?: string; extraEnv?: Record<string, string>; showsSecrets?: boolean } = {},
): Promise<CommandResult> {
  const result = await runCommand("pulumi", [...args, "--non-interactive", "--color", "never"], {
    cwd: options.cwd ?? project,
    env: env(options.extraEnv),
    timeoutMs: 120_000,
  });
  if (!options.showsSecrets) printed += `${result.stdout}\n${result.stderr}\n`;
  return result;
}

const output = (r: CommandResult) => plain(`${r.stdout}\n${r.stderr}`);

beforeAll(async () => {
  requirePulumiOnPath();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "language-host-"));
  project = path.join(work, "project");
  backend = path.join(work, "backend");
  journal = path.join(work, "journal");
  for (const dir of [project, backend, journal]) fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(project, "Pulumi.yaml"),
    "name: language-host-check\nruntime: nodejs\ndescription: a folder program run through pulumi-language-nodejs\n",
  );
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify(
      { name: "language-host-check", version: "1.0.0", main: "index.ts", dependencies: { "@pulumi/pulumi": "*" } },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(project, "index.ts"), PROGRAM);
  // The program's @pulumi/pulumi is the repository's (linked, not installed: no registry needed).
  fs.mkdirSync(path.join(project, "node_modules", "@pulumi"), { recursive: true });
  fs.symlinkSync(
    path.join(REPO, "node_modules", "@pulumi", "pulumi"),
    path.join(project, "node_modules", "@pulumi", "pulumi"),
    "dir",
  );

  const host = languageHostInUse();
  process.stdout.write(
    `language-host: the CLI starts ${host ? `${host.path} (${host.ours ? "tools/language-host" : "an official host"})` : "no language host"}\n`,
  );
  expectExit(await pulumi(["stack", "init", "test"]), 0);
  // One CLI run for the three values (each run costs the CLI's start and the passphrase's key derivation).
  const config = [
    "--plaintext",
    "greeting=hello",
    "--plaintext",
    `journal=${journal}`,
    "--secret",
    `password=${SECRET}`,
  ];
  expectExit(await pulumi(["config", "set-all", ...config]), 0);
}, 60_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("the CLI starts a Node.js language host, this repository's only when no official one is installed", () => {
  const host = languageHostInUse();
  expect(host).toBeDefined();
  if (!host!.ours) return;
  const official = (process.env["PATH"] ?? "")
    .split(path.delimiter)
    .map((dir) => path.join(dir, "pulumi-language-nodejs"))
    .filter(
      (file) =>
        fs.existsSync(file) && !fs.readFileSync(file).includes("tools/language-host of pulumi-azure-sql-migration"),
    );
  expect(official).toEqual([]);
});

test("preview runs the folder program and shows what up would create", async () => {
  const preview = expectExit(await pulumi(["preview", "--diff"]), 0);
  const text = output(preview);
  expect(text).toMatch(
    /\+ pulumi-nodejs:dynamic:Resource: \(create\)[\s\S]*\[urn=urn:pulumi:test::language-host-check::pulumi-nodejs:dynamic:Resource::note\]/,
  );
  expect(text).toMatch(/text\s*: "hello"/);
  expect(text).toMatch(/\+ 2 to create/);
}, 120_000);

test("up creates the resource; stack outputs come from the program, the secret one stays secret", async () => {
  const up = expectExit(await pulumi(["up", "--yes"]), 0);
  expect(output(up)).toMatch(/\+ 2 created/);
  const outputs = JSON.parse(expectExit(await pulumi(["stack", "output", "--json"]), 0).stdout);
  expect(outputs).toEqual({ text: "hello", length: 5, password: "[secret]", stackName: "test" });
  const shown = JSON.parse(
    expectExit(await pulumi(["stack", "output", "--json", "--show-secrets"], { showsSecrets: true }), 0).stdout,
  );
  expect(shown.password).toBe(SECRET);
}, 120_000);

test("an update, a refresh and a preview that expects no changes", async () => {
  expectExit(await pulumi(["config", "set", "greeting", "bonjour"]), 0);
  const up = expectExit(await pulumi(["up", "--yes"]), 0);
  expect(output(up)).toMatch(/~ 1 updated/);
  expect(JSON.parse(expectExit(await pulumi(["stack", "output", "--json"]), 0).stdout)).toMatchObject({
    text: "bonjour",
    length: 7,
  });
  const refresh = expectExit(await pulumi(["refresh", "--yes"]), 0);
  expect(output(refresh)).toMatch(/2 unchanged/);
  expectExit(await pulumi(["preview", "--expect-no-changes"]), 0, "preview --expect-no-changes after refresh");
}, 180_000);

test("the secret config value never appears in plain text in the state or in what the CLI printed", async () => {
  const state = filesUnder(backend);
  expect(state.length).toBeGreaterThan(0);
  for (const [file, text] of state) {
    if (text.includes(SECRET)) throw new Error(`${file} holds the secret in plain text`);
  }
  // The resource's input and the stack output are stored encrypted.
  const current = state.find(([file]) => file.endsWith(path.join("stacks", "language-host-check", "test.json")));
  expect(current?.[1]).toMatch(/"ciphertext"/);
  expect(printed).not.toContain(SECRET);
  expect(printed.length).toBeGreaterThan(1000);
});

test("a program that throws fails the update with its error message in the CLI's output", async () => {
  expectExit(await pulumi(["config", "set", "fail", "true"]), 0);
  const failed = await pulumi(["up", "--yes"]);
  expect(failed.code).not.toBe(0);
  const text = output(failed);
  expect(text).toContain("Error: the program refuses to run (greeting bonjour)");
  // The runner already reported it (exit code 32): the host tells the engine so, and nothing vaguer is added.
  expect(text).not.toContain("Program exited with non-zero exit code");
  expectExit(await pulumi(["config", "rm", "fail"]), 0);

  expectExit(await pulumi(["config", "set", "exit", "true"]), 0);
  const exited = await pulumi(["preview"]);
  expect(exited.code).not.toBe(0);
  expect(output(exited)).toContain("Program exited with non-zero exit code: 3");
  expectExit(await pulumi(["config", "rm", "exit"]), 0);
  // Nothing was changed by the failed runs.
  expectExit(await pulumi(["preview", "--expect-no-changes"]), 0);
}, 180_000);

test("the plugins a program's packages declare reach the engine (GetRequiredPackages)", async () => {
  const fake = path.join(project, "node_modules", "@acme", "pulumi-fake");
  fs.mkdirSync(fake, { recursive: true });
  fs.writeFileSync(
    path.join(fake, "package.json"),
    JSON.stringify({ name: "@acme/pulumi-fake", version: "1.2.3", pulumi: { resource: true, name: "fakeprovider" } }),
  );
  try {
    const preview = expectExit(await pulumi(["preview", "--logtostderr", "-v=7"]), 0);
    expect(preview.stderr).toMatch(/package fakeprovider-1\.2\.3 \(\) is required by language host/);
  } finally {
    fs.rmSync(path.join(project, "node_modules", "@acme"), { recursive: true, force: true });
  }
}, 120_000);

test("pulumi about reports the runtime and the program's dependencies through the host", async () => {
  const about = JSON.parse(expectExit(await pulumi(["about", "--json"]), 0).stdout) as {
    runtime?: Record<string, string>;
    dependencies?: { name: string; version: string }[];
  };
  expect(about.runtime).toMatchObject({
    language: "nodejs",
    executable: process.execPath,
    version: process.version,
    packagemanager: "npm",
  });
  const sdkVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
  expect(about.dependencies).toContainEqual({ name: "@pulumi/pulumi", version: sdkVersion });
  if (languageHostInUse()?.ours) expect(about.runtime?.["languageHost"]).toMatch(/tools\/language-host/);
}, 60_000);

test("destroy deletes the resource through its provider", async () => {
  const destroy = expectExit(await pulumi(["destroy", "--yes"]), 0);
  expect(output(destroy)).toMatch(/- 2 deleted/);
  expect(fs.readFileSync(path.join(journal, "deleted-note-5"), "utf8")).toBe("bonjour");
  const exported = JSON.parse(expectExit(await pulumi(["stack", "export"]), 0).stdout) as {
    deployment: { resources?: unknown[] };
  };
  expect(exported.deployment.resources ?? []).toEqual([]);
}, 120_000);

test("pulumi install runs npm install in a project that has no node_modules yet", async () => {
  const fresh = path.join(work, "fresh");
  fs.mkdirSync(fresh);
  fs.writeFileSync(path.join(fresh, "Pulumi.yaml"), "name: fresh-project\nruntime: nodejs\n");
  fs.writeFileSync(
    path.join(fresh, "package.json"),
    JSON.stringify({ name: "fresh-project", version: "1.0.0", private: true }),
  );
  const install = expectExit(await pulumi(["install"], { cwd: fresh }), 0);
  if (languageHostInUse()?.ours) expect(output(install)).toContain("Finished installing dependencies");
  expect(fs.existsSync(path.join(fresh, "package-lock.json"))).toBe(true);
}, 120_000);

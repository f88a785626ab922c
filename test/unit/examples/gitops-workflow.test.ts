/**
 * examples/gitops: the GitHub Actions workflow parses, has its three flows (PR preview, up on main, cutover PR),
 * runs only commands that exist — the package's bin and its subcommands and flags (run here on the example
 * project's schema), the project's npm scripts, Pulumi CLI commands and flags (checked against the CLI's help when
 * one is on PATH) — keeps one up per stack at a time, and inlines no secret.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cli } from "../cli/cli-support";

// js-yaml ships without type declarations; the test needs only `load`.
const yaml = require("js-yaml") as { load(text: string): unknown };

const REPO = path.resolve(__dirname, "../../..");
const WORKFLOWS = path.join(REPO, "examples", "gitops", ".github", "workflows");
const PROJECT = path.join(REPO, "examples", "your-stack");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { bin: Record<string, string> };
const BIN = Object.keys(PACKAGE.bin)[0]!;

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  env?: Record<string, unknown>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { branches?: string[]; inputs?: Record<string, { options?: string[] }> } | null>;
  permissions?: Record<string, string>;
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const texts = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(WORKFLOWS, f), "utf8")]));
const workflows = Object.fromEntries(files.map((f) => [f, yaml.load(texts[f]!) as Workflow]));
const steps = Object.values(workflows).flatMap((w) => Object.values(w.jobs).flatMap((j) => j.steps));

/**
 * The simple commands of a shell script, as word lists: quotes honoured (`$VAR` stays as written), line
 * continuations joined, commands split on newlines, `;`, `&&`, `||` and pipes outside quotes, comments dropped.
 */
function commandsOf(script: string): string[][] {
  const commands: string[][] = [];
  let argv: string[] = [];
  let word = "";
  let started = false;
  let quote: string | undefined;
  const endWord = () => {
    if (started) argv.push(word);
    word = "";
    started = false;
  };
  const endCommand = () => {
    endWord();
    if (argv.length > 0 && !argv[0]!.startsWith("#")) commands.push(argv);
    argv = [];
  };
  const text = script.replace(/\\\n\s*/g, " ");
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (ch === "#" && !started && argv.length === 0) {
      while (i < text.length && text[i] !== "\n") i++;
      endCommand();
    } else if (ch === "\n" || ch === ";" || ch === "|" || (ch === "&" && text[i + 1] === "&")) {
      if ((ch === "|" || ch === "&") && text[i + 1] === ch) i++;
      endCommand();
    } else if (/\s/.test(ch)) {
      endWord();
    } else {
      word += ch;
      started = true;
    }
  }
  endCommand();
  return commands;
}

/** One shell command line as words. */
function words(line: string): string[] {
  return commandsOf(line)[0] ?? [];
}

const runCommands = steps.filter((s) => s.run).flatMap((s) => commandsOf(s.run!));
const projectManifest = JSON.parse(fs.readFileSync(path.join(PROJECT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};

/** The bin's subcommands, as its own --help lists them. */
async function subcommands(): Promise<string[]> {
  const help = (await cli(["--help"])).stdout;
  const section = help.split("Commands:\n")[1]!.split("\n\n")[0]!;
  return section
    .split("\n")
    .map((line) => line.trim().split(/\s+/)[0]!)
    .filter(Boolean);
}

/** Checks one invocation of the bin: a subcommand it has, flags its help lists; then runs it on the example project. */
async function checkBinInvocation(args: string[], where: string): Promise<void> {
  const [sub, ...rest] = args;
  expect({ where, sub, known: (await subcommands()).includes(sub!) }).toEqual({ where, sub, known: true });
  const help = (await cli([sub!, "--help"])).stdout;
  for (const flag of rest.filter((a) => a.startsWith("--"))) {
    expect({ where, flag, listed: help.includes(flag.split("=")[0]!) }).toEqual({ where, flag, listed: true });
  }
  // It works on the example project's schema, from a copy of the project (the reports are written there).
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-project-"));
  try {
    fs.cpSync(PROJECT, copy, { recursive: true });
    const result = await cli(args, { cwd: copy });
    expect({ where, code: result.code, stderr: result.stderr }).toEqual({ where, code: 0, stderr: "" });
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

test("the workflow parses and has its three flows: preview on pull requests, up on main, a cutover pull request", () => {
  expect(files.length).toBeGreaterThan(0);
  const workflow = Object.values(workflows)[0]!;
  expect(workflow.on.pull_request?.branches).toEqual(["main"]);
  expect(workflow.on.push?.branches).toEqual(["main"]);
  expect(workflow.on.workflow_dispatch?.inputs?.["action"]?.options).toEqual(["up", "cutover"]);
  expect(Object.keys(workflow.jobs).sort()).toEqual(["cutover", "preview", "up"]);
  expect(workflow.jobs["preview"]!.if).toContain("pull_request");
  expect(workflow.jobs["up"]!.if).toContain("refs/heads/main");
  expect(workflow.jobs["cutover"]!.if).toContain("cutover");

  const runs = (job: string) => workflow.jobs[job]!.steps.flatMap((s) => (s.run ? commandsOf(s.run) : []));
  const has = (job: string, ...prefix: string[]) => runs(job).some((argv) => prefix.every((w, i) => argv[i] === w));
  expect(has("preview", "npx", BIN, "assess")).toBe(true);
  expect(has("preview", "pulumi", "preview")).toBe(true);
  expect(has("preview", "gh", "pr", "comment")).toBe(true);
  expect(has("up", "pulumi", "up")).toBe(true);
  expect(has("up", "pulumi", "cancel")).toBe(true);
  expect(has("cutover", "pulumi", "config", "set", "cutover", "true")).toBe(true);
  expect(has("cutover", "gh", "pr", "create")).toBe(true);
});

test(`every npx call runs the package's bin (${BIN}) with a subcommand and flags it has, and passes on the example schema`, async () => {
  const npx = runCommands.filter((argv) => argv[0] === "npx");
  expect(npx.length).toBeGreaterThan(0);
  for (const argv of npx) {
    expect(argv[1]).toBe(BIN);
    await checkBinInvocation(argv.slice(2), argv.join(" "));
  }
});

test("every npm script the workflow runs is in the project's package.json, and the bin it calls has the subcommand", async () => {
  const scripts = runCommands.filter((argv) => argv[0] === "npm" && argv[1] === "run").map((argv) => argv[2]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts)
    expect({ script, defined: script in projectManifest.scripts }).toEqual({ script, defined: true });
  for (const [name, line] of Object.entries(projectManifest.scripts)) {
    const argv = words(line);
    if (argv[0] === BIN) await checkBinInvocation(argv.slice(1), `npm run ${name}`);
  }
  // npm ci needs the lockfile a user commits with the project; the typecheck script needs TypeScript.
  expect(runCommands.some((argv) => argv[0] === "npm" && argv[1] === "ci")).toBe(true);
  expect(
    Object.keys((projectManifest as unknown as { devDependencies: Record<string, string> }).devDependencies),
  ).toContain("typescript");
});

test("the Pulumi commands are ones the CLI has, with flags it lists; cutover is a config key the program reads", () => {
  const pulumi = runCommands.filter((argv) => argv[0] === "pulumi");
  expect(pulumi.map((argv) => argv[1]).sort()).toEqual(["cancel", "config", "preview", "up"]);
  const program = fs.readFileSync(path.join(PROJECT, "index.ts"), "utf8");
  for (const argv of pulumi.filter((a) => a[1] === "config" && a[2] === "set")) {
    expect(program).toContain(`config.getBoolean("${argv[3]}")`);
  }
  const cliOnPath = spawnSync("pulumi", ["version"], { encoding: "utf8" });
  if (cliOnPath.status !== 0) {
    process.stdout.write("gitops-workflow: no pulumi on PATH, the Pulumi flags are not checked against its help\n");
    return;
  }
  for (const argv of pulumi) {
    const verbs = argv.slice(1).filter((w, i) => i < 2 && !w.startsWith("-") && (i === 0 || argv[1] === "config"));
    const help = spawnSync("pulumi", [...verbs, "--help"], { encoding: "utf8" }).stdout;
    for (const flag of argv.filter((a) => a.startsWith("--"))) {
      expect({ command: argv.join(" "), flag, listed: help.includes(flag) }).toEqual({
        command: argv.join(" "),
        flag,
        listed: true,
      });
    }
  }
});

test("one up per stack at a time: the up job queues behind a running one and is never cancelled; previews may be", () => {
  const workflow = Object.values(workflows)[0]!;
  const up = workflow.jobs["up"]!.concurrency!;
  expect(up["cancel-in-progress"]).toBe(false);
  expect(up.group).toContain("PULUMI_STACK");
  expect(workflow.env?.["STACK"]).toContain("PULUMI_STACK");
  expect(workflow.jobs["preview"]!.concurrency!["cancel-in-progress"]).toBe(true);
});

test("no secret is inlined: secret-looking settings come from secrets, scripts read them only from the environment", () => {
  const isSecretKey = (key: string) => /(password|passphrase|token|secret|credential|(^|_|-)key$)/i.test(key);
  const fromSecrets = /^\$\{\{\s*(secrets\.[A-Z0-9_]+(\s*\|\|\s*github\.token)?|github\.token)\s*\}\}$/;
  const settings: Array<[string, unknown]> = [];
  for (const workflow of Object.values(workflows)) {
    settings.push(...Object.entries(workflow.env ?? {}));
    for (const job of Object.values(workflow.jobs)) {
      settings.push(...Object.entries(job.env ?? {}));
      for (const step of job.steps)
        settings.push(...Object.entries(step.env ?? {}), ...Object.entries(step.with ?? {}));
    }
  }
  const secretSettings = settings.filter(([key]) => isSecretKey(key));
  expect(secretSettings.length).toBeGreaterThan(2);
  for (const [key, value] of secretSettings)
    expect({ key, value, fromSecrets: fromSecrets.test(String(value)) }).toEqual({ key, value, fromSecrets: true });

  for (const step of steps.filter((s) => s.run)) {
    // `${{ secrets.X }}` inside a script puts the value in the script's text (and its logs on error).
    expect({ step: step.name ?? step.run, inlined: /\$\{\{\s*secrets\./.test(step.run!) }).toEqual({
      step: step.name ?? step.run,
      inlined: false,
    });
  }
  for (const argv of runCommands) {
    expect(argv).not.toContain("--password");
    const secretFlag = argv.indexOf("--secret");
    if (secretFlag >= 0)
      expect(argv.slice(secretFlag + 1).every((w) => !w.includes("=") || w.includes("$"))).toBe(true);
  }
  for (const [file, text] of Object.entries(texts)) {
    for (const pattern of [
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
      /AccountKey=|SharedAccessSignature=|Password=|Pwd=/i,
      /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // a JWT
      /\b(ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}/, // GitHub tokens
      /\bpul-[0-9a-f]{40}\b/, // Pulumi access tokens
      /[A-Za-z0-9]{3}\dQ~[A-Za-z0-9_.~-]{30,}/, // Entra ID client secrets
    ]) {
      expect({ file, pattern: String(pattern), found: pattern.test(text) }).toEqual({
        file,
        pattern: String(pattern),
        found: false,
      });
    }
  }
});

test("Azure is reached through OIDC: jobs that sign in to Azure may request an id token, and no client secret is given", () => {
  const workflow = Object.values(workflows)[0]!;
  expect(workflow.permissions).toEqual({ contents: "read" });
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const login = job.steps.find((s) => s.uses?.startsWith("azure/login@"));
    expect({ name, idToken: job.permissions?.["id-token"] === "write" }).toEqual({ name, idToken: Boolean(login) });
    if (login) {
      expect(Object.keys(login.with ?? {}).sort()).toEqual(["client-id", "subscription-id", "tenant-id"]);
      for (const value of Object.values(login.with ?? {}))
        expect(String(value)).toMatch(/^\$\{\{\s*vars\.[A-Z_]+\s*\}\}$/);
    }
  }
  for (const step of steps.filter((s) => s.uses)) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
});

test("examples/gitops/README.md explains credentials, concurrency and retries", () => {
  const readme = fs.readFileSync(path.join(REPO, "examples", "gitops", "README.md"), "utf8");
  for (const topic of [
    /OIDC|workload identity/i,
    /pulumi config set --secret/,
    /concurrency/i,
    /pulumi cancel/,
    /retry/i,
  ])
    expect(readme).toMatch(topic);
});

/**
 * Running a Pulumi program: `node <@pulumi/pulumi/cmd/run> --monitor … <entry point>` in a process of its own,
 * started from the program's folder so that it resolves its own packages, with the configuration in the
 * environment where @pulumi/pulumi reads it (PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS), as the official host does.
 */
import { spawn, type ChildProcess } from "node:child_process";

/** The runner exits with this after it has shown the user an actionable message itself (cmd/run/index.js). */
export const EXIT_AFTER_USER_ACTIONABLE_MESSAGE = 32;

export interface RunOptions {
  /** `typescript` (default true): run .ts entry points through ts-node (PULUMI_NODEJS_TYPESCRIPT). */
  typescript: boolean;
  /** `tsconfig`: the tsconfig file ts-node uses (PULUMI_NODEJS_TSCONFIG_PATH). */
  tsconfig?: string;
  /** `nodeargs`: extra arguments for node. */
  nodeargs: string[];
  /** `packagemanager`: npm (default), yarn, pnpm or bun. */
  packagemanager?: "npm" | "yarn" | "pnpm" | "bun";
}

/** The `runtime.options` of Pulumi.yaml, checked the way the official host checks them. */
export function parseRuntimeOptions(options: Record<string, unknown>): RunOptions {
  const typescript = options["typescript"] ?? true;
  if (typeof typescript !== "boolean") throw new Error("typescript option must be a boolean");
  const tsconfig = options["tsconfig"];
  if (tsconfig !== undefined && typeof tsconfig !== "string") throw new Error("tsconfig option must be a string");
  const nodeargs = options["nodeargs"] ?? "";
  if (typeof nodeargs !== "string") throw new Error("nodeargs option must be a string");
  const pm = options["packagemanager"];
  if (pm !== undefined && pm !== "auto" && pm !== "npm" && pm !== "yarn" && pm !== "pnpm" && pm !== "bun") {
    throw new Error(`packagemanager option must be one of auto, npm, yarn, pnpm or bun, got "${String(pm)}"`);
  }
  return {
    typescript,
    ...(tsconfig ? { tsconfig } : {}),
    nodeargs: splitArgs(nodeargs),
    ...(pm && pm !== "auto" ? { packagemanager: pm } : {}),
  };
}

/** Splits a command line on spaces, honouring single and double quotes (enough for node flags). */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  let current = "";
  let quote: string | undefined;
  let started = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) args.push(current);
      current = "";
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} in "${line}"`);
  if (started) args.push(current);
  return args;
}

/**
 * The configuration as the runner reads it: a JSON object keyed `<namespace>:config:<name>`. The engine sends
 * `<namespace>:<name>`; the older form is what every @pulumi/pulumi release understands.
 */
export function configEnvironment(
  config: Map<string, string> | Array<[string, string]>,
  secretKeys: string[],
): Record<string, string> {
  const transformed: Record<string, string> = {};
  for (const [key, value] of config) {
    const parts = key.split(":");
    if (parts.length === 2) transformed[`${parts[0]}:config:${parts[1]}`] = value;
    else if (parts.length === 3 && parts[1] === "config") transformed[key] = value;
    else
      throw new Error(
        `could not parse ${key} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`,
      );
  }
  return { PULUMI_CONFIG: JSON.stringify(transformed), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys) };
}

export interface ProgramRun {
  runPath: string;
  monitor: string;
  engine?: string;
  organization?: string;
  project?: string;
  stack?: string;
  rootDirectory?: string;
  programDirectory: string;
  entryPoint: string;
  args: string[];
  dryRun: boolean;
  parallel: number;
  tracing?: string;
}

/** The runner's command line (see the usage text in @pulumi/pulumi/cmd/run/index.js). */
export function runnerArguments(run: ProgramRun): string[] {
  const args = [run.runPath];
  const add = (flag: string, value: string | undefined) => {
    if (value) args.push(`--${flag}`, value);
  };
  add("monitor", run.monitor);
  add("engine", run.engine);
  add("organization", run.organization);
  add("project", run.project);
  add("root-directory", run.rootDirectory);
  add("stack", run.stack);
  add("pwd", run.programDirectory);
  if (run.dryRun) args.push("--dry-run");
  add("parallel", String(run.parallel));
  add("tracing", run.tracing);
  // The engine always names an entry point, "." for the folder (package.json `main`, else index.js/index.ts).
  args.push(run.entryPoint || ".", ...run.args);
  return args;
}

export interface RunOutcome {
  /** Empty when the program succeeded, or when `bail` is set. */
  error: string;
  /** The program already told the user what went wrong: the engine stops without another message. */
  bail: boolean;
}

/** What the engine should be told about an exited program. */
export function outcomeOf(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): RunOutcome {
  if (code === 0) return { error: "", bail: false };
  if (code === EXIT_AFTER_USER_ACTIONABLE_MESSAGE) return { error: "", bail: true };
  const why =
    code !== null
      ? `Program exited with non-zero exit code: ${code}`
      : `Program exited unexpectedly (signal ${signal})`;
  // Out-of-memory kills are easy to miss in a long log: say so, as the official host does.
  const oom = /JavaScript heap out of memory|Allocation failed/.test(stderrTail);
  return {
    error: oom ? `${why}. The Node.js process ran out of memory (raise it with nodeargs: --max-old-space-size=…)` : why,
    bail: false,
  };
}

/** Starts the program; its output is copied to ours, which the engine shows. */
export function startProgram(
  nodeArgs: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): { child: ChildProcess; done: Promise<RunOutcome> } {
  const child = spawn(process.execPath, nodeArgs, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderrTail = "";
  child.stdout!.on("data", (chunk: Buffer) => process.stdout.write(chunk));
  child.stderr!.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-4096);
  });
  const done = new Promise<RunOutcome>((resolve) => {
    child.on("error", (error) =>
      resolve({ error: `Problem executing program (could not run language executor): ${error.message}`, bail: false }),
    );
    child.on("close", (code, signal) => resolve(outcomeOf(code, signal, stderrTail)));
  });
  return { child, done };
}

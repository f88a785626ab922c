/**
 * Runs stacks through the real Pulumi engine with the Automation API: a local file backend in a temporary folder,
 * passphrase secrets, inline programs. Every operation's engine output is captured; when an operation fails the
 * output is kept in a log file whose path is added to the error. `dispose` destroys the stack and removes it.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  LocalWorkspace,
  type DestroyResult,
  type PreviewResult,
  type PulumiFn,
  type RefreshResult,
  type Stack,
  type UpResult,
} from "@pulumi/pulumi/automation";
import { createStackWorkDir, packageRoot } from "../../examples/runner/local-workspace";

export const TEST_PASSPHRASE = "test-passphrase-not-a-secret";

export interface TestStackOptions {
  /** Used in the project and stack names and in log file names. */
  name: string;
  program: PulumiFn;
  /** Environment for the engine and the provider processes (ARM endpoint, tokens, CA file, ...). */
  env?: Record<string, string>;
}

export interface TestStack {
  stack: Stack;
  workDir: string;
  /** Everything the engine printed so far, across operations. */
  output(): string;
  up(program?: PulumiFn, options?: { refresh?: boolean }): Promise<UpResult>;
  preview(program?: PulumiFn): Promise<PreviewResult>;
  refresh(): Promise<RefreshResult>;
  destroy(): Promise<DestroyResult>;
  /** The outputs recorded in state for the one resource whose type ends with `typeSuffix`. */
  resourceOutputs(typeSuffix: string): Promise<Record<string, unknown>>;
  /**
   * Starts `up` (or `preview`) of the compiled quickstart program with `settings` in a separate process group, so
   * the test can kill the whole engine (CLI, language host, provider plugins) mid-update with `kill()`.
   */
  spawnQuickstart(
    settings: unknown,
    operation?: "up" | "preview",
  ): { kill(): void; exited: Promise<number | null>; output(): string };
  /** The raw JSON text of the stack's state file in the file backend. */
  stateFileText(): string;
  dispose(): Promise<void>;
}

function findStateFile(dir: string, stackName: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findStateFile(full, stackName);
      if (found) return found;
    } else if (entry.name === `${stackName}.json`) {
      return full;
    }
  }
  return undefined;
}

/** SIGKILLs every process whose working directory is `dir` (Linux /proc), as a CI runner's cleanup would. */
function killProcessesIn(dir: string): void {
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/cwd`) === dir) process.kill(Number(pid), "SIGKILL");
    } catch {
      // Gone already, or not ours to inspect.
    }
  }
}

export async function createTestStack(options: TestStackOptions): Promise<TestStack> {
  const workDir = createStackWorkDir(options.name);
  const backendDir = path.join(workDir, "backend");
  fs.mkdirSync(backendDir);
  const projectName = `test-${options.name}`.replace(/[^A-Za-z0-9-]/g, "-");
  const stackName = "test";
  const logFile = path.join(packageRoot(), ".work", "logs", `${path.basename(workDir)}.log`);
  let output = "";
  const onOutput = (text: string) => {
    output += text;
  };

  const stackEnv: Record<string, string> = {
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    ...options.env,
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName, stackName, program: options.program },
    {
      workDir,
      projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${backendDir}` } },
      secretsProvider: "passphrase",
      envVars: stackEnv,
    },
  );

  async function run<T>(what: string, operation: () => Promise<T>): Promise<T> {
    output += `\n===== ${what} =====\n`;
    try {
      return await operation();
    } catch (error) {
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      fs.writeFileSync(logFile, output);
      const message = error instanceof Error ? error.message : String(error);
      throw Object.assign(new Error(`${what} failed (engine output kept in ${logFile}):\n${message}`), {
        cause: error,
      });
    }
  }

  return {
    stack,
    workDir,
    output: () => output,
    up: (program, upOptions) => run("up", () => stack.up({ program, onOutput, refresh: upOptions?.refresh })),
    preview: (program) => run("preview", () => stack.preview({ program, onOutput, diff: true })),
    refresh: () => run("refresh", () => stack.refresh({ onOutput })),
    destroy: () => run("destroy", () => stack.destroy({ onOutput })),
    resourceOutputs: async (typeSuffix) => {
      const deployment = await stack.exportStack();
      const resources = (deployment.deployment.resources ?? []) as {
        type: string;
        outputs?: Record<string, unknown>;
      }[];
      const matching = resources.filter((r) => r.type.endsWith(typeSuffix));
      if (matching.length !== 1)
        throw new Error(`expected one resource of type *${typeSuffix}, found ${matching.length}`);
      return matching[0].outputs ?? {};
    },
    spawnQuickstart: (settings, operation = "up") => {
      const job = { workDir, backendDir, projectName, stackName, settings, operation, env: { ...stackEnv } };
      const child = spawn(process.execPath, [path.join(__dirname, "up-in-child-process.js"), JSON.stringify(job)], {
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let childOutput = "";
      child.stdout.on("data", (chunk) => (childOutput += chunk));
      child.stderr.on("data", (chunk) => (childOutput += chunk));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      return {
        kill: () => {
          process.kill(-(child.pid as number), "SIGKILL");
          // The engine starts provider plugins in process groups of their own; they run in the stack's folder.
          killProcessesIn(workDir);
        },
        exited,
        output: () => childOutput,
      };
    },
    stateFileText: () => {
      const file = findStateFile(backendDir, stackName);
      if (!file) throw new Error(`no state file for stack ${stackName} under ${backendDir}`);
      return fs.readFileSync(file, "utf8");
    },
    dispose: () =>
      run("dispose", async () => {
        await stack.destroy({ onOutput });
        await stack.workspace.removeStack(stackName);
        fs.rmSync(workDir, { recursive: true, force: true });
      }),
  };
}

/**
 * Runs `up` (or `preview`) of a test stack in a separate process group (up-in-child-process.js), so a test can kill
 * the whole engine (CLI, language host, provider plugins) mid-update, as a CI runner that times out does.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { StackLayout } from "./engine-workspace";

export interface ChildEngine {
  kill(): void;
  exited: Promise<number | null>;
  output(): string;
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

export function spawnQuickstartEngine(
  layout: StackLayout,
  env: Record<string, string>,
  settings: unknown,
  operation: "up" | "preview",
): ChildEngine {
  const { workDir, backendDir, projectName, stackName } = layout;
  const job = { workDir, backendDir, projectName, stackName, settings, operation, env: { ...env } };
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
}

/**
 * Runs stacks through the real Pulumi engine with the Automation API: a local file backend in the stack's own
 * folder, passphrase secrets, inline programs. Every operation's engine output is captured; when an operation
 * fails the output is kept in a log file whose path is added to the error. `dispose` destroys what the stack
 * manages and removes its folder (backend included).
 */
import * as fs from "fs";
import * as path from "path";
import type { DestroyResult, PreviewResult, PulumiFn, RefreshResult, Stack, UpResult } from "@pulumi/pulumi/automation";
import { hasManagedResources, stateFilePath } from "./engine-backend";
import { spawnQuickstartEngine, type ChildEngine } from "./engine-child";
import {
  answerFromBackend,
  createEngineStack,
  engineEnv,
  prepareStackFolders,
  type StackLayout,
} from "./engine-workspace";

export { TEST_PASSPHRASE } from "./engine-workspace";

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
  spawnQuickstart(settings: unknown, operation?: "up" | "preview"): ChildEngine;
  /** The raw JSON text of the stack's state file in the file backend. */
  stateFileText(): string;
  dispose(): Promise<void>;
}

/** The engine's output across operations; `run` names a failed operation and keeps the output in the log file. */
function operationLog(logFile: string) {
  let output = "";
  const onOutput = (text: string) => {
    output += text;
  };
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
  return { onOutput, run, text: () => output };
}

async function resourceOutputsOf(stack: Stack, typeSuffix: string): Promise<Record<string, unknown>> {
  const deployment = await stack.exportStack();
  const resources = (deployment.deployment.resources ?? []) as { type: string; outputs?: Record<string, unknown> }[];
  const matching = resources.filter((r) => r.type.endsWith(typeSuffix));
  if (matching.length !== 1) throw new Error(`expected one resource of type *${typeSuffix}, found ${matching.length}`);
  return matching[0].outputs ?? {};
}

/** Destroys what the stack manages (a stack that manages nothing needs no engine run) and removes its folder. */
async function disposeStack(stack: Stack, layout: StackLayout, onOutput: (text: string) => void): Promise<void> {
  if (hasManagedResources(layout)) await stack.destroy({ onOutput });
  // The backend lives in the stack's folder: removing the folder removes the stack (no `stack rm` run needed).
  fs.rmSync(layout.workDir, { recursive: true, force: true });
}

export async function createTestStack(options: TestStackOptions): Promise<TestStack> {
  const layout = prepareStackFolders(options.name);
  const env = engineEnv(layout, options.env);
  const stack = await createEngineStack(layout, options.program, env);
  answerFromBackend(stack, layout);
  const log = operationLog(layout.logFile);
  const { onOutput, run } = log;

  return {
    stack,
    workDir: layout.workDir,
    output: log.text,
    up: (program, upOptions) => run("up", () => stack.up({ program, onOutput, refresh: upOptions?.refresh })),
    preview: (program) => run("preview", () => stack.preview({ program, onOutput, diff: true })),
    refresh: () => run("refresh", () => stack.refresh({ onOutput })),
    destroy: () => run("destroy", () => stack.destroy({ onOutput })),
    resourceOutputs: (typeSuffix) => resourceOutputsOf(stack, typeSuffix),
    spawnQuickstart: (settings, operation = "up") => spawnQuickstartEngine(layout, env, settings, operation),
    stateFileText: () => {
      const file = stateFilePath(layout);
      if (!file) throw new Error(`no state file for stack ${layout.stackName} under ${layout.backendDir}`);
      return fs.readFileSync(file, "utf8");
    },
    dispose: () => run("dispose", () => disposeStack(stack, layout, onOutput)),
  };
}

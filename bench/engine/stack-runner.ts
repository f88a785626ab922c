/**
 * A stack on a local file backend under .work/ for the engine benchmark: operations that record their wall time,
 * the engine events they saw (with the time each arrived) and how often the state file was written.
 */
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, type EngineEvent, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import { createStackWorkDir } from "../../examples/runner/local-workspace";

export type Operation = "up" | "preview" | "refresh";

export interface TimedEvent {
  atMs: number;
  event: EngineEvent;
}

export interface OperationRun {
  ms: number;
  /** Engine events, `atMs` counted from the start of the operation. */
  events: TimedEvent[];
  /** Times the stack's state file was written (a checkpoint each) during the operation. */
  stateWrites: number;
  changes: Record<string, number>;
}

export interface BenchStack {
  stack: Stack;
  /** `watch` sees each engine event as it arrives (e.g. to inject a fault at a given moment). */
  run(operation: Operation, watch?: (event: EngineEvent) => void): Promise<OperationRun>;
  /** The state as the backend holds it (`pulumi stack export`). */
  exportState(): Promise<{ text: string; resources: { type: string; custom: boolean }[] }>;
  /** Removes the stack's folder and backend without a destroy (the benchmark's cloud goes away with it). */
  dispose(): void;
}

/** Counts writes of files named `<stack>.json` under `dir` while `during` runs (file backend checkpoints). */
async function countStateWrites<T>(dir: string, stackName: string, during: () => Promise<T>): Promise<[T, number]> {
  let writes = 0;
  const watcher = fs.watch(dir, { recursive: true }, (_kind, file) => {
    if (file && path.basename(file.toString()) === `${stackName}.json`) writes++;
  });
  try {
    return [await during(), writes];
  } finally {
    watcher.close();
  }
}

export async function createBenchStack(
  label: string,
  program: PulumiFn,
  env: Record<string, string>,
): Promise<BenchStack> {
  const workDir = createStackWorkDir(`bench-${label}`);
  const backendDir = path.join(workDir, "backend");
  fs.mkdirSync(backendDir);
  const stackName = "bench";
  const projectName = `bench-${label}`;
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName, stackName, program },
    {
      workDir,
      projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${backendDir}` } },
      secretsProvider: "passphrase",
      envVars: {
        PULUMI_CONFIG_PASSPHRASE: "bench-passphrase-not-a-secret",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_BACKEND_URL: `file://${backendDir}`,
        ...env,
      },
    },
  );
  return {
    stack,
    async run(operation, watch) {
      const events: TimedEvent[] = [];
      const start = Date.now();
      const onEvent = (event: EngineEvent) => {
        events.push({ atMs: Date.now() - start, event });
        watch?.(event);
      };
      const [changes, stateWrites] = await countStateWrites(backendDir, stackName, async () => {
        if (operation === "up") return (await stack.up({ onEvent })).summary.resourceChanges ?? {};
        if (operation === "refresh") return (await stack.refresh({ onEvent })).summary.resourceChanges ?? {};
        return (await stack.preview({ onEvent })).changeSummary as Record<string, number>;
      });
      return { ms: Date.now() - start, events, stateWrites, changes };
    },
    async exportState() {
      const deployment = await stack.exportStack();
      const resources = ((deployment.deployment.resources ?? []) as { type: string; custom?: boolean }[]).map((r) => ({
        type: r.type,
        custom: r.custom === true,
      }));
      return { text: JSON.stringify(deployment), resources };
    },
    dispose() {
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * The steps that make one test stack: its folders (a stack folder under .work/stacks holding its own file
 * backend), the environment of its engine, and the Automation API stack. Each Pulumi CLI run costs about half a
 * second of CPU (the CLI's start and the passphrase's key derivation), so these steps run as few as they can: the
 * CLI's version is asked once per test file, the stack is created without first trying to select it (its folder
 * is new), and outputs and summaries are read from the backend's files (see engine-backend.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, type OutputMap, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import { createStackWorkDir, packageRoot } from "../../examples/runner/local-workspace";
import { latestUpdate, stackOutputsOf, type BackendStack } from "./engine-backend";

export const TEST_PASSPHRASE = "test-passphrase-not-a-secret";

export interface StackLayout extends BackendStack {
  workDir: string;
  /** Where the engine's output goes when an operation fails. */
  logFile: string;
}

/** A fresh stack folder with an empty file backend inside it; removing the folder removes the stack. */
export function prepareStackFolders(name: string): StackLayout {
  const workDir = createStackWorkDir(name);
  const backendDir = path.join(workDir, "backend");
  fs.mkdirSync(backendDir);
  return {
    workDir,
    backendDir,
    projectName: `test-${name}`.replace(/[^A-Za-z0-9-]/g, "-"),
    stackName: "test",
    logFile: path.join(packageRoot(), ".work", "logs", `${path.basename(workDir)}.log`),
  };
}

/** The engine's environment: the stack's backend and passphrase, no network look-ups, then the test's own. */
export function engineEnv(layout: StackLayout, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // Every plugin a test stack needs is on PATH; a missing one must fail at once, not after a download attempt.
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_BACKEND_URL: `file://${layout.backendDir}`,
    ...extra,
  };
}

let sharedCommand: Promise<PulumiCommand> | undefined;

/** The CLI on PATH, its version checked once per test file instead of once per stack. */
function pulumiCommand(): Promise<PulumiCommand> {
  sharedCommand ??= PulumiCommand.get();
  return sharedCommand;
}

/** Creates the stack (the folder is new, so there is nothing to select) with passphrase secrets. */
export async function createEngineStack(
  layout: StackLayout,
  program: PulumiFn,
  env: Record<string, string>,
): Promise<Stack> {
  const { projectName, stackName, workDir, backendDir } = layout;
  return LocalWorkspace.createStack(
    { projectName, stackName, program },
    {
      workDir,
      projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${backendDir}` } },
      secretsProvider: "passphrase",
      envVars: env,
      pulumiCommand: await pulumiCommand(),
    },
  );
}

/**
 * Makes the stack answer its outputs with one `stack export` (instead of two `stack output` runs) and its latest
 * update summary from the backend's history file (instead of a `stack history` run). The Automation API asks both
 * after every up, and the summary after every refresh and destroy.
 */
export function answerFromBackend(stack: Stack, layout: StackLayout): void {
  Object.assign(stack, {
    outputs: async (): Promise<OutputMap> => stackOutputsOf(await stack.exportStack()),
    info: async () => latestUpdate(layout),
  });
}

/**
 * `npm run quickstart`: runs the quickstart stack end to end on the embedded ARM emulator with the real Pulumi
 * engine — up, a second up that must change nothing, then destroy — and prints what happened at each step.
 * No Azure account is needed; the stack state lives in a temporary file backend under .work/.
 */
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { startEmulator } from "../emulator";
import { ARM_ENV } from "../provider/arm";
import { createStackWorkDir } from "./runner/local-workspace";
import { quickstartProgram } from "./quickstart/program";

const SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";

async function main(): Promise<void> {
  const example = process.argv[2] ?? "quickstart";
  if (example !== "quickstart") throw new Error(`unknown example "${example}" (known: quickstart)`);

  const emulator = await startEmulator({ provisioningDelayMs: 200, registrationDelayMs: 1000, retryAfterSeconds: 1 });
  const workDir = createStackWorkDir(example);
  const backend = path.join(workDir, "backend");
  fs.mkdirSync(backend);
  const print = (text: string) => process.stdout.write(text);
  try {
    const stack = await LocalWorkspace.createOrSelectStack(
      { projectName: "azure-sql-migration-quickstart", stackName: "dev", program: quickstartProgram({ subscriptionId: SUBSCRIPTION }) },
      {
        workDir,
        projectSettings: { name: "azure-sql-migration-quickstart", runtime: "nodejs", backend: { url: `file://${backend}` } },
        secretsProvider: "passphrase",
        envVars: {
          PULUMI_CONFIG_PASSPHRASE: "quickstart",
          [ARM_ENV.endpoint]: emulator.url,
          [ARM_ENV.token]: "quickstart-token",
          [ARM_ENV.caFile]: emulator.caFile,
          [ARM_ENV.pollIntervalMs]: "500",
        },
      },
    );
    console.log("\n== pulumi up ==");
    const up = await stack.up({ onOutput: print });
    console.log("\noutputs:", Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value])));
    console.log("\n== pulumi up again (nothing to do) ==");
    const writesBefore = emulator.requestLog.writes();
    const again = await stack.up({ onOutput: print });
    console.log(`\nchanges on the second up: ${JSON.stringify(again.summary.resourceChanges)}`);
    console.log(`write calls the emulator saw on the second up: ${emulator.requestLog.writes() - writesBefore}`);
    console.log("\n== pulumi destroy ==");
    await stack.destroy({ onOutput: print });
    await stack.workspace.removeStack("dev");
    fs.rmSync(workDir, { recursive: true, force: true });
    console.log(`\nquickstart finished; the emulator served ${emulator.requestLog.read().length} ARM requests`);
  } finally {
    await emulator.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * `npm run quickstart`: the whole guide on one machine, with the real Pulumi engine, the embedded ARM emulator
 * and two local SQL Server stand-ins (a source with data, an empty target): up — register Microsoft.DataMigration,
 * assess the source's schema and deploy it to the target, create a sqlMigrationService, bring its self-hosted
 * integration runtime online, copy the data table by table, validate it, write the report — then a second up
 * that must change nothing, then destroy. No Azure account and no SQL Server are needed; the stack state lives
 * in a temporary file backend under .work/.
 */
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { createStackWorkDir, packageRoot } from "./runner/local-workspace";
import { RESOURCE_GROUP, startLocalCloud, SUBSCRIPTION, TABLES } from "./runner/local-cloud";
import { operateSelfHostedRuntime } from "./runner/self-hosted-runtime";
import { quickstartProgram } from "./quickstart/program";
import { quickstartSettings } from "./quickstart/settings";

const WORK = path.join(packageRoot(), ".work", "quickstart");

async function main(): Promise<void> {
  const example = process.argv[2] ?? "quickstart";
  if (example !== "quickstart") throw new Error(`unknown example "${example}" (known: quickstart)`);

  const cloud = await startLocalCloud();
  const { emulator, source, target, arm } = cloud;
  const settings = quickstartSettings(source.server, target.server, WORK);
  const env = { PULUMI_CONFIG_PASSPHRASE: "quickstart", ...cloud.armEnv };

  const workDir = createStackWorkDir(example);
  const backend = path.join(workDir, "backend");
  fs.mkdirSync(backend);
  const print = (text: string) => process.stdout.write(text);
  try {
    const stack = await LocalWorkspace.createOrSelectStack(
      { projectName: "azure-sql-migration-quickstart", stackName: "dev", program: quickstartProgram(settings) },
      {
        workDir,
        projectSettings: {
          name: "azure-sql-migration-quickstart",
          runtime: "nodejs",
          backend: { url: `file://${backend}` },
        },
        secretsProvider: "passphrase",
        envVars: env,
      },
    );
    console.log("\n== pulumi up ==");
    // Beside the up, someone installs the self-hosted integration runtime and registers it with the service's key.
    const operator = operateSelfHostedRuntime(
      arm,
      { subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP },
      { nodeName: "shir-quickstart", log: (line) => console.log(`\n[operator] ${line}`) },
    );
    const up = await stack.up({ onOutput: print }).finally(() => operator.stop());
    console.log(
      `\nmigration phase: ${up.outputs.phase.value} (state ${up.outputs.state.value}, engine ${up.outputs.engine.value})`,
    );
    console.log(`integration runtime: ${up.outputs.integrationRuntimeState?.value}`);
    console.log(`schema assessment: ${JSON.stringify(up.outputs.schemaAssessment?.value)}`);
    console.log(`deployment script written to ${up.outputs.schemaScript?.value}`);
    const report = up.outputs.report?.value as { markdownPath: string; headline: string } | undefined;
    console.log(
      `target rows after the copy: ${Object.keys(TABLES)
        .map((t) => `${t} ${target.server.data.get(...(t.split(".") as [string, string]))?.rows.length ?? 0}`)
        .join(", ")}`,
    );
    console.log(`report: ${report?.headline}\nreport written to ${report?.markdownPath}`);
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
    await cloud.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

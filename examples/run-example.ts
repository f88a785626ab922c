/**
 * `npm run quickstart`: runs the quickstart stack end to end on the embedded ARM emulator with the real Pulumi
 * engine — up (register, DMS service, project, offline migration task followed to the end), a second up that
 * must change nothing, then destroy — and prints what happened at each step. No Azure account is needed; the
 * emulated SQL Servers are described below and the stack state lives in a temporary file backend under .work/.
 */
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { startEmulator } from "../emulator";
import { createDataMigrationModule, withDataMigrationModule } from "../emulator/datamigration";
import { ArmClient, ARM_ENV } from "../provider/arm";
import { createStackWorkDir } from "./runner/local-workspace";
import { quickstartProgram, type QuickstartSettings } from "./quickstart/program";

const SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
const SOURCE = { server: "sql01.contoso.local", userName: "migrator", password: "Quickstart-Source-Pa55" };
const TARGET = { server: "quickstart.database.windows.net", userName: "azadmin", password: "Quickstart-Target-Pa55" };

const settings: QuickstartSettings = {
  subscriptionId: SUBSCRIPTION,
  resourceGroupName: "rg-quickstart",
  location: "westeurope",
  virtualSubnetId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet/subnets/dms`,
  migration: {
    mode: "offline",
    source: SOURCE,
    target: TARGET,
    databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
    progressLogIntervalSeconds: 2,
  },
  // The schema step of the guide: assess the T-SQL scripts for Azure SQL Database and write the deployment
  // script and reports. deploy: false because there is no SQL Server here to deploy to; with a reachable
  // target, leave it out and the schema is deployed and verified before the data moves.
  schema: {
    source: { scriptPath: path.join(__dirname, "..", "..", "examples", "quickstart", "schema") },
    target: {
      server: TARGET.server,
      database: "SalesDb",
      authentication: { type: "sql", user: TARGET.userName, password: TARGET.password },
    },
    deploy: false,
    outputDirectory: path.join(__dirname, "..", "..", ".work", "quickstart-schema"),
  },
};

async function main(): Promise<void> {
  const example = process.argv[2] ?? "quickstart";
  if (example !== "quickstart") throw new Error(`unknown example "${example}" (known: quickstart)`);

  const dms = createDataMigrationModule({ tickMs: 250, rowsPerTick: 2000 });
  const emulator = await startEmulator({ provisioningDelayMs: 200, registrationDelayMs: 1000, retryAfterSeconds: 1, modules: withDataMigrationModule(dms) });
  dms.controls.servers.define({
    server: SOURCE.server,
    logins: { [SOURCE.userName]: SOURCE.password },
    databases: { Sales: { tables: { "dbo.Customers": 12000, "dbo.Orders": 48000, "Sales.OrderLines": 150000 } } },
  });
  dms.controls.servers.define({ server: TARGET.server, logins: { [TARGET.userName]: TARGET.password } });
  const env = {
    PULUMI_CONFIG_PASSPHRASE: "quickstart",
    [ARM_ENV.endpoint]: emulator.url,
    [ARM_ENV.token]: "quickstart-token",
    [ARM_ENV.caFile]: emulator.caFile,
    [ARM_ENV.pollIntervalMs]: "500",
  };
  // On Azure the resource group comes from your platform (or @pulumi/azure-native); here the emulator gets one.
  await ArmClient.fromEnvironment(env).request({
    method: "PUT",
    path: `/subscriptions/${SUBSCRIPTION}/resourcegroups/${settings.resourceGroupName}`,
    apiVersion: "2021-04-01",
    body: { location: settings.location },
  });

  const workDir = createStackWorkDir(example);
  const backend = path.join(workDir, "backend");
  fs.mkdirSync(backend);
  const print = (text: string) => process.stdout.write(text);
  try {
    const stack = await LocalWorkspace.createOrSelectStack(
      { projectName: "azure-sql-migration-quickstart", stackName: "dev", program: quickstartProgram(settings) },
      {
        workDir,
        projectSettings: { name: "azure-sql-migration-quickstart", runtime: "nodejs", backend: { url: `file://${backend}` } },
        secretsProvider: "passphrase",
        envVars: env,
      },
    );
    console.log("\n== pulumi up ==");
    const up = await stack.up({ onOutput: print });
    console.log(`\nmigration phase: ${up.outputs.phase.value} (task state ${up.outputs.state.value})`);
    console.log(`schema assessment: ${JSON.stringify(up.outputs.schemaAssessment?.value)}`);
    console.log(`deployment script written to ${up.outputs.schemaScript?.value}`);
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

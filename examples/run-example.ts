/**
 * `npm run quickstart`: runs the quickstart stack end to end on the embedded ARM emulator with the real Pulumi
 * engine and the current Azure DMS — up (register, schema assessed and scripted, sqlMigrationService, the
 * self-hosted integration runtime coming online, the offline copy followed table by table), a second up that
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
import { operateSelfHostedRuntime } from "./runner/self-hosted-runtime";
import { quickstartProgram, type QuickstartSettings } from "./quickstart/program";

const SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
const RESOURCE_GROUP = "rg-quickstart";
const SOURCE = { server: "sql01.contoso.local", userName: "migrator", password: "Quickstart-Source-Pa55" };
const TARGET = { server: "quickstart.database.windows.net", userName: "azadmin", password: "Quickstart-Target-Pa55" };
const TABLES = { "dbo.Customers": 12000, "dbo.Orders": 48000, "Sales.OrderLines": 150000 };

const settings: QuickstartSettings = {
  subscriptionId: SUBSCRIPTION,
  resourceGroupName: RESOURCE_GROUP,
  location: "westeurope",
  service: { runtimeWaitTimeoutSeconds: 120 },
  migration: {
    source: SOURCE,
    target: TARGET,
    databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
    progressLogIntervalSeconds: 2,
    validation: { depth: "none" },
  },
  // The schema step of the guide: assess the T-SQL scripts for Azure SQL Database and write the deployment
  // script and reports. deploy: false because there is no SQL Server here to deploy to (the emulated target
  // below already holds the tables); with a reachable target, leave it out and the schema is deployed and
  // verified before the data moves.
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

/** What @pulumi/azure-native creates on Azure: the resource group, the target server and its database. */
async function createTargetInfrastructure(arm: ArmClient): Promise<void> {
  const group = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
  await arm.request({ method: "PUT", path: group, apiVersion: "2021-04-01", body: { location: "westeurope" } });
  const server = `${group}/providers/Microsoft.Sql/servers/quickstart`;
  await arm.execute({ method: "PUT", path: server, apiVersion: "2023-08-01", body: { location: "westeurope", properties: { administratorLogin: TARGET.userName } } });
  await arm.execute({ method: "PUT", path: `${server}/databases/SalesDb`, apiVersion: "2023-08-01", body: { location: "westeurope" } });
}

async function main(): Promise<void> {
  const example = process.argv[2] ?? "quickstart";
  if (example !== "quickstart") throw new Error(`unknown example "${example}" (known: quickstart)`);

  const dms = createDataMigrationModule({ tickMs: 250, rowsPerTick: 4000 });
  const emulator = await startEmulator({
    provisioningDelayMs: 200,
    registrationDelayMs: 1000,
    retryAfterSeconds: 1,
    // Microsoft.Sql is registered on any subscription that already has a SQL server.
    registeredProviders: ["Microsoft.Sql"],
    modules: withDataMigrationModule(dms),
  });
  dms.controls.servers.define({ server: SOURCE.server, logins: { [SOURCE.userName]: SOURCE.password }, databases: { Sales: { tables: TABLES } } });
  // The target database with the tables the schema step creates, still empty.
  const emptyTables = Object.fromEntries(Object.keys(TABLES).map((table) => [table, 0]));
  dms.controls.servers.define({ server: TARGET.server, logins: { [TARGET.userName]: TARGET.password }, databases: { SalesDb: { tables: emptyTables } } });
  const env = {
    PULUMI_CONFIG_PASSPHRASE: "quickstart",
    [ARM_ENV.endpoint]: emulator.url,
    [ARM_ENV.token]: "quickstart-token",
    [ARM_ENV.caFile]: emulator.caFile,
    [ARM_ENV.pollIntervalMs]: "500",
  };
  const arm = ArmClient.fromEnvironment(env);
  await createTargetInfrastructure(arm);

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
    // Beside the up, someone installs the self-hosted integration runtime and registers it with the service's key.
    const operator = operateSelfHostedRuntime(arm, { subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP }, { nodeName: "shir-quickstart", log: (line) => console.log(`\n[operator] ${line}`) });
    const up = await stack.up({ onOutput: print }).finally(() => operator.stop());
    console.log(`\nmigration phase: ${up.outputs.phase.value} (state ${up.outputs.state.value}, engine ${up.outputs.engine.value})`);
    console.log(`integration runtime: ${up.outputs.integrationRuntimeState?.value}`);
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

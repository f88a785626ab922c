/**
 * The quickstart component's settings for an engine test of the current DMS (engine "dms") on the emulator:
 * schema from the quickstart's scripts (scripted, not deployed: the data move is what these suites exercise),
 * one database Sales → SalesDb, SQL authentication on both sides, validation off (the data-validation tests cover
 * it against the SQL stand-ins). Each suite names its own servers, passwords and folders so stacks never share
 * remote objects or secrets.
 */
import * as path from "node:path";
import type { DmsMigrationArgs } from "../../components";
import type { ArmClient } from "../../provider/arm";
import type { QuickstartSettings } from "../../examples/quickstart/program";
import { packageRoot } from "../../examples/runner/local-workspace";

export type MigrationOverrides = Partial<DmsMigrationArgs["migration"]>;
export type ServiceOverrides = DmsMigrationArgs["service"];

export interface CurrentDmsSuite {
  subscriptionId: string;
  resourceGroupName: string;
  /** Host name of the source SQL Server the service reads through its runtime. */
  sourceServer: string;
  /** Host name of the target (an Azure SQL logical server). */
  targetServer: string;
  sourcePassword: string;
  targetPassword: string;
  /** Folder (under the package's .work/) for the schema step's script and reports. */
  workFolder: string;
  /** Service settings every stack of the suite uses (e.g. its name); a stack's own overrides come after. */
  service?: ServiceOverrides;
}

export function currentDmsSettings(
  suite: CurrentDmsSuite,
  migration: MigrationOverrides = {},
  service: ServiceOverrides = {},
): QuickstartSettings {
  return {
    subscriptionId: suite.subscriptionId,
    resourceGroupName: suite.resourceGroupName,
    location: "westeurope",
    service: { runtimeWaitTimeoutSeconds: 60, ...suite.service, ...service },
    schema: {
      source: { scriptPath: path.join(packageRoot(), "examples", "quickstart", "schema") },
      target: {
        server: suite.targetServer,
        database: "SalesDb",
        authentication: { type: "sql", user: "azadmin", password: suite.targetPassword },
      },
      deploy: false,
      outputDirectory: path.join(packageRoot(), ".work", suite.workFolder),
    },
    migration: {
      source: { server: suite.sourceServer, userName: "migrator", password: suite.sourcePassword },
      target: { server: suite.targetServer, userName: "azadmin", password: suite.targetPassword },
      databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
      progressLogIntervalSeconds: 0,
      validation: { depth: "none" },
      ...migration,
    },
  };
}

/**
 * What @pulumi/azure-native creates on Azure before a migration, put on the emulator: the resource group, the
 * target logical server and its database SalesDb.
 */
export async function createAzureTarget(arm: ArmClient, groupPath: string, serverPath: string): Promise<void> {
  await arm.request({ method: "PUT", path: groupPath, apiVersion: "2021-04-01", body: { location: "westeurope" } });
  await arm.execute({
    method: "PUT",
    path: serverPath,
    apiVersion: "2023-08-01",
    body: { location: "westeurope", properties: { administratorLogin: "azadmin" } },
  });
  await arm.execute({
    method: "PUT",
    path: `${serverPath}/databases/SalesDb`,
    apiVersion: "2023-08-01",
    body: { location: "westeurope" },
  });
}

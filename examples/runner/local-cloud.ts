/**
 * The quickstart's world on one machine, shared by `npm run quickstart` (run-example.ts) and
 * `npm run quickstart:emulator` (quickstart/serve.ts): the ARM emulator with the emulated DMS, two local SQL
 * Server stand-ins (a `Sales` source with the quickstart's schema and data, an empty `SalesDb` target) that the
 * emulated DMS reaches by their names, and what @pulumi/azure-native would have created on Azure.
 */
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { createDataMigrationModule, withDataMigrationModule } from "../../emulator/datamigration";
import { startLocalSqlServer, type LocalSqlServer } from "../../emulator/sql-server";
import { ArmClient, ARM_ENV } from "../../provider/arm";
import { readScripts } from "../../provider/schema";
import { packageRoot } from "./local-workspace";
import { sampleRows } from "./sample-rows";

export const SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
export const RESOURCE_GROUP = "rg-quickstart";
export const SOURCE = { server: "sql01.contoso.local", userName: "migrator", password: "Quickstart-Source-Pa55" };
export const TARGET = {
  server: "quickstart.database.windows.net",
  userName: "azadmin",
  password: "Quickstart-Target-Pa55",
};
export const TABLES = { "dbo.Customers": 12000, "dbo.Orders": 48000, "Sales.OrderLines": 150000 };

export interface LocalCloud {
  emulator: Emulator;
  source: LocalSqlServer;
  target: LocalSqlServer;
  /** The ARM settings the provider processes need to reach the emulator. */
  armEnv: Record<string, string>;
  arm: ArmClient;
  stop(): Promise<void>;
}

/** `rowsPerTick`: rows the emulated service copies per table every 250 ms (default 4000). */
export async function startLocalCloud(options: { rowsPerTick?: number } = {}): Promise<LocalCloud> {
  const dms = createDataMigrationModule({ tickMs: 250, rowsPerTick: options.rowsPerTick ?? 4000 });
  const emulator = await startEmulator({
    provisioningDelayMs: 200,
    registrationDelayMs: 1000,
    retryAfterSeconds: 1,
    // Microsoft.Sql is registered on any subscription that already has a SQL server.
    registeredProviders: ["Microsoft.Sql"],
    modules: withDataMigrationModule(dms),
  });
  const schema = (
    await readScripts(path.join(packageRoot(), "examples", "quickstart", "schema"), { databaseName: "Sales" })
  ).model;
  const rows = Object.fromEntries(
    schema.tables.map((t) => [
      `${t.schema}.${t.name}`,
      sampleRows(t, TABLES[`${t.schema}.${t.name}` as keyof typeof TABLES] ?? 100),
    ]),
  );
  const source = await startLocalSqlServer({
    database: "Sales",
    logins: [{ user: SOURCE.userName, password: SOURCE.password }],
    model: schema,
    rows,
    applyDeployedDdl: false,
  });
  const target = await startLocalSqlServer({
    database: "SalesDb",
    logins: [{ user: TARGET.userName, password: TARGET.password }],
  });
  // The migration service (its runtime) reaches them by their names.
  dms.controls.servers.attach(SOURCE.server, source.backend);
  dms.controls.servers.attach(TARGET.server, target.backend);

  const armEnv = {
    [ARM_ENV.endpoint]: emulator.url,
    [ARM_ENV.token]: "quickstart-token",
    [ARM_ENV.caFile]: emulator.caFile,
    [ARM_ENV.pollIntervalMs]: "500",
  };
  const arm = ArmClient.fromEnvironment(armEnv);
  // What @pulumi/azure-native creates on Azure: the resource group, the target server and its database.
  const group = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
  await arm.request({ method: "PUT", path: group, apiVersion: "2021-04-01", body: { location: "westeurope" } });
  const server = `${group}/providers/Microsoft.Sql/servers/quickstart`;
  await arm.execute({
    method: "PUT",
    path: server,
    apiVersion: "2023-08-01",
    body: { location: "westeurope", properties: { administratorLogin: TARGET.userName } },
  });
  await arm.execute({
    method: "PUT",
    path: `${server}/databases/SalesDb`,
    apiVersion: "2023-08-01",
    body: { location: "westeurope" },
  });

  return {
    emulator,
    source,
    target,
    armEnv,
    arm,
    stop: async () => void (await Promise.all([emulator.stop(), source.stop(), target.stop()])),
  };
}

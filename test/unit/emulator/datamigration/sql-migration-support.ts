/**
 * Drives the current DMS API (sqlMigrationServices, databaseMigrations of kind SqlDb) and the minimal
 * Microsoft.Sql module over HTTPS, on the classic tests' harness (support.ts: ManualClock, TICK, the module's
 * controls), with api-version 2025-06-30 unless a test says otherwise.
 */
import { call } from "../support";
import { RG, startHarness, SUB, TICK, type Harness, type Response } from "./support";

export { RG, SUB, TICK, type Harness, type Response };

export const CURRENT_API = "2025-06-30";
export const SQL_API = "2023-08-01";
export const LOCATION = "westeurope";

export const SERVER = "sqltarget01";
export const SERVER_FQDN = `${SERVER}.database.windows.net`;
export const SERVER_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Sql/servers/${SERVER}`;
export const SERVICE_NAME = "dms-current";
export const SERVICE_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DataMigration/sqlMigrationServices/${SERVICE_NAME}`;
export const servicePath = (name = SERVICE_NAME) =>
  `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DataMigration/sqlMigrationServices/${name}`;
export const migrationPath = (db = "SalesDb", server = SERVER) =>
  `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Sql/servers/${server}/providers/Microsoft.DataMigration/databaseMigrations/${db}`;

export const SOURCE_PASSWORD = "Src-Cur-Pa55!";
export const TARGET_PASSWORD = "Tgt-Cur-Pa55!";

/** The on-premises source: Sales with two tables with rows and one empty one. */
export const SOURCE = {
  server: "sql02.contoso.local",
  logins: { migrator: SOURCE_PASSWORD },
  databases: { Sales: { tables: { "dbo.Customers": 2500, "dbo.Orders": 4000, "Sales.Empty": 0 } } },
};
/** The Azure SQL target: SalesDb with the schema deployed (no rows). */
export const TARGET = {
  server: SERVER_FQDN,
  logins: { admin1: TARGET_PASSWORD },
  databases: { SalesDb: { tables: { "dbo.Customers": 0, "dbo.Orders": 0, "Sales.Empty": 0 } } },
};

/** One ARM call with the current api-version (or the one given); admin calls go without any. */
export function api(
  h: Harness,
  method: string,
  path: string,
  body?: unknown,
  apiVersion: string | null = CURRENT_API,
): Promise<Response> {
  const admin = new URL(path, h.emulator.url).pathname.startsWith("/_emulator");
  return call(h.emulator, method, path, { body, apiVersion: admin ? null : apiVersion });
}

export async function startCurrentHarness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  h.emulator.providers.setState(SUB, "Microsoft.Sql", "Registered");
  return h;
}

/** Resource group, catalog (source and target), and the target logical server. */
export async function setupTarget(h: Harness): Promise<void> {
  h.dms.controls.servers.define(SOURCE);
  h.dms.controls.servers.define(TARGET);
  expect(
    (await api(h, "PUT", `/subscriptions/${SUB}/resourcegroups/${RG}`, { location: "West Europe" }, "2025-04-01"))
      .status,
  ).toBe(201);
  const server = await api(
    h,
    "PUT",
    SERVER_ID,
    { location: LOCATION, properties: { administratorLogin: "admin1", administratorLoginPassword: TARGET_PASSWORD } },
    SQL_API,
  );
  expect(server.status).toBe(201);
  h.clock.advance(0);
}

/** A provisioned sqlMigrationService (Succeeded, NeedRegistration). */
export async function createService(h: Harness, name = SERVICE_NAME, location = LOCATION): Promise<Response> {
  const res = await api(h, "PUT", servicePath(name), { location });
  expect(res.status).toBe(201);
  h.clock.advance(0);
  return res;
}

/** Registers a SHIR node with the service's authKey1 (the node is Online). */
export async function registerNode(h: Harness, name = SERVICE_NAME, nodeName?: string): Promise<void> {
  const keys = await api(h, "POST", `${servicePath(name)}/listAuthKeys`);
  expect(keys.status).toBe(200);
  h.dms.controls.integrationRuntime.registerNode(keys.json.authKey1, nodeName);
}

/** Target server, service and an Online runtime: a migration can be PUT. */
export async function readyForMigration(h: Harness): Promise<void> {
  await setupTarget(h);
  await createService(h);
  await registerNode(h);
}

/** A current-API harness made ready for a migration: see `readyForMigration`. */
export async function readyCurrentHarness(): Promise<Harness> {
  const h = await startCurrentHarness();
  await readyForMigration(h);
  return h;
}

export const sourceConnection = (password = SOURCE_PASSWORD) => ({
  dataSource: SOURCE.server,
  authentication: "SqlAuthentication",
  userName: "migrator",
  password,
  encryptConnection: true,
  trustServerCertificate: true,
});
export const targetConnection = (password = TARGET_PASSWORD) => ({
  dataSource: SERVER_FQDN,
  authentication: "SqlAuthentication",
  userName: "admin1",
  password,
  encryptConnection: true,
  trustServerCertificate: false,
});

/** A SqlDb migration body as the clients send it (CLI, PowerShell, ADS); `properties` overrides merge in. */
export function migrationBody(properties: Record<string, unknown> = {}): { properties: Record<string, unknown> } {
  return {
    properties: {
      kind: "SqlDb",
      scope: SERVER_ID,
      migrationService: SERVICE_ID,
      sourceDatabaseName: "Sales",
      sourceSqlConnection: sourceConnection(),
      targetSqlConnection: targetConnection(),
      ...properties,
    },
  };
}

/** GET with $expand=MigrationStatusDetails. */
export const getExpanded = (h: Harness, path = migrationPath()) =>
  api(h, "GET", `${path}?$expand=MigrationStatusDetails`);

/** The copy progress rows of an expanded GET, by table name. */
export function tablesOf(res: Response): Record<string, { status: string; rowsCopied: number; [k: string]: unknown }> {
  const rows = (res.json.properties.migrationStatusDetails?.listOfCopyProgressDetails ?? []) as Array<{
    tableName: string;
    status: string;
    rowsCopied: number;
  }>;
  return Object.fromEntries(rows.map((r) => [r.tableName, r]));
}

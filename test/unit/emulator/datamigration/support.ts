/**
 * Drives the emulator's Microsoft.DataMigration like a client would: plain HTTPS trusting the emulator's CA,
 * ARM paths and api-version 2021-06-30, on a ManualClock the test steps.
 */
import * as os from "node:os";
import * as path from "node:path";
import {
  createDataMigrationModule,
  withDataMigrationModule,
  type DataMigrationModule,
  type DataMigrationModuleOptions,
} from "../../../../emulator/datamigration";
import { ManualClock, startEmulator, type Emulator } from "../../../../emulator";
import { call, type RawResponse } from "../support";

export const SUB = "00000000-0000-0000-0000-0000000000d1";
export const RG = "rg-mig";
export const API = "2021-06-30";
export const TLS_DIR = path.join(os.tmpdir(), `pasm-emulator-tls-${process.getuid?.() ?? "user"}`);
export const TICK = 1000;

export const SERVICE_PATH = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DataMigration/services/dms1`;
export const PROJECT_PATH = `${SERVICE_PATH}/projects/proj1`;
export const taskPath = (name: string) => `${PROJECT_PATH}/tasks/${name}`;

export type Response = RawResponse;

export interface Harness {
  emulator: Emulator;
  clock: ManualClock;
  dms: DataMigrationModule;
  call(method: string, pathAndQuery: string, body?: unknown): Promise<Response>;
  /** Steps the clock by whole ticks (and runs 0 ms LRO steps). */
  ticks(n: number): void;
}

export async function startHarness(
  options: DataMigrationModuleOptions & { registered?: boolean } = {},
): Promise<Harness> {
  const { registered = true, ...moduleOptions } = options;
  const clock = new ManualClock(Date.parse("2024-05-01T10:00:00Z"));
  const dms = createDataMigrationModule({
    tickMs: TICK,
    rowsPerTick: 1000,
    appliedChangesPerTick: 50,
    ...moduleOptions,
  });
  const emulator = await startEmulator({
    tlsDir: TLS_DIR,
    clock,
    provisioningDelayMs: 0,
    registrationDelayMs: 0,
    retryAfterSeconds: 0,
    log: false,
    registeredProviders: registered ? ["Microsoft.DataMigration"] : [],
    modules: withDataMigrationModule(dms),
  });
  const call = (method: string, pathAndQuery: string, body?: unknown) => request(emulator, method, pathAndQuery, body);
  return { emulator, clock, dms, call, ticks: (n) => clock.advance(n * TICK) };
}

/**
 * The harness a describe block works on: started by `start` before each test (or once before all of them with
 * `per: "all"`) and stopped after. The object returned stands for whichever harness is current, so a block reads
 * `const h = sharedHarness()` once instead of repeating the let/before/after lines.
 */
export function sharedHarness(
  start: () => Promise<Harness> = provisioned,
  { per = "each" }: { per?: "each" | "all" } = {},
): Harness {
  let current: Harness | undefined;
  const started = () => {
    if (!current) throw new Error("the harness is used outside a test (it starts before each test)");
    return current;
  };
  (per === "each" ? beforeEach : beforeAll)(async () => {
    current = await start();
  });
  (per === "each" ? afterEach : afterAll)(async () => {
    await current?.emulator.stop();
    current = undefined;
  });
  return {
    get emulator() {
      return started().emulator;
    },
    get clock() {
      return started().clock;
    },
    get dms() {
      return started().dms;
    },
    call: (method, pathAndQuery, body) => started().call(method, pathAndQuery, body),
    ticks: (n) => started().ticks(n),
  };
}

/** A harness with the classic service (Premium unless told) and project provisioned: see `provision`. */
export async function provisioned(skuName?: string): Promise<Harness> {
  const h = await startHarness();
  await provision(h, skuName);
  return h;
}

/** One HTTPS request (the emulator tests' own client); admin routes go without an api-version. */
export function request(emulator: Emulator, method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
  const admin = new URL(pathAndQuery, emulator.url).pathname.startsWith("/_emulator");
  return call(emulator, method, pathAndQuery, { body, apiVersion: admin ? null : API });
}

export const SOURCE = {
  server: "sql01.contoso.local",
  logins: { migrator: "Src-Pa55!" },
  databases: {
    Sales: { tables: { "dbo.Customers": 2500, "dbo.Orders": 4000, "Sales.Empty": 0 } },
    Hr: { tables: { People: 10 } },
  },
};
export const TARGET = {
  server: "target.database.windows.net",
  logins: { admin1: "Tgt-Pa55!" },
  version: "12.0.2000.8",
  brandVersion: "Azure SQL Database",
};

export const sourceConnection = (password = SOURCE.logins.migrator) => ({
  type: "SqlConnectionInfo",
  dataSource: SOURCE.server,
  authentication: "SqlAuthentication",
  encryptConnection: true,
  trustServerCertificate: false,
  userName: "migrator",
  password,
});
export const targetConnection = () => ({
  type: "SqlConnectionInfo",
  dataSource: TARGET.server,
  authentication: "SqlAuthentication",
  encryptConnection: true,
  trustServerCertificate: false,
  userName: "admin1",
  password: TARGET.logins.admin1,
});

/** The two Sales tables with rows, each to the same name on the target (a task's `tableMap`). */
export const SALES_TABLE_MAP = { "dbo.Customers": "dbo.Customers", "dbo.Orders": "dbo.Orders" };

/** A task body moving Sales to SalesDb; `tableMap` picks the tables (left out, the task takes them all). */
export const salesTaskBody = (taskType: string, tableMap?: Record<string, string>) => ({
  properties: {
    taskType,
    input: {
      sourceConnectionInfo: sourceConnection(),
      targetConnectionInfo: targetConnection(),
      selectedDatabases: [{ name: "Sales", targetDatabaseName: "SalesDb", ...(tableMap ? { tableMap } : {}) }],
    },
  },
});

/** Resource group, service (Premium unless told), project; servers in the catalog. Returns when the service is Succeeded. */
export async function provision(h: Harness, skuName = "Premium_4vCores"): Promise<void> {
  h.dms.controls.servers.define(SOURCE);
  h.dms.controls.servers.define(TARGET);
  expect(
    (
      await h.call("PUT", `/subscriptions/${SUB}/resourcegroups/${RG}?api-version=2025-04-01`, {
        location: "westeurope",
      })
    ).status,
  ).toBe(201);
  const svc = await h.call("PUT", SERVICE_PATH, {
    location: "westeurope",
    sku: { name: skuName },
    properties: {
      virtualSubnetId: `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`,
    },
  });
  expect(svc.status).toBe(201);
  h.clock.advance(0);
  const project = await h.call("PUT", PROJECT_PATH, {
    location: "westeurope",
    properties: { sourcePlatform: "SQL", targetPlatform: "SQLDB" },
  });
  expect(project.status).toBe(201);
}

/** No secret behind the API either: not in the store, the request log or the admin's server listing. */
export function expectNoSecretBehindTheApi(h: Pick<Harness, "emulator" | "dms">, secrets: readonly string[]): void {
  const everythingElse = JSON.stringify([
    h.emulator.store.all(),
    h.emulator.requestLog.read(),
    h.dms.controls.servers.list(),
  ]);
  for (const secret of secrets) expect(everythingElse).not.toContain(secret);
}

/**
 * ReplicationMigration's configure step against the simulator: a setup an interrupted `up` (or a person) left
 * half done is adopted and completed without a duplicate, and what the interrupted run created is still known
 * from the publication's description; the readiness phase of a failed agent is `failed`, never healthy.
 */
import { enablePublishing, ensureLocalDistributor, ensurePublication } from "../../../provider/replication";
import {
  configure,
  createdFromDescription,
  publicationDescription,
} from "../../../provider/resources/replication-migration/configure";
import { replicationMigrationInputs } from "../../../provider/resources/replication-migration/inputs";
import { readLiveStatus, readPhase } from "../../../provider/resources/replication-migration/status";
import { SOURCE_LOGIN, startServers, SUBSCRIBER, table, TARGET_LOGIN, type Servers } from "./replication-support";

let s: Servers;
beforeEach(async () => {
  s = await startServers();
  for (const name of ["Customers", "Orders"]) {
    s.source.data.set("dbo", name, table(10));
    s.target.data.set("dbo", name, table(0));
  }
});
afterEach(() => s.stop());

const inputs = () =>
  replicationMigrationInputs.parse({
    source: {
      server: s.source.host,
      port: s.source.port,
      userName: SOURCE_LOGIN.user,
      password: SOURCE_LOGIN.password,
      encrypt: "strict",
      ca: s.source.caPem,
    },
    sourceDatabaseName: "Sales",
    target: {
      server: s.target.host,
      port: s.target.port,
      userName: TARGET_LOGIN.user,
      password: TARGET_LOGIN.password,
      encrypt: "strict",
      ca: s.target.caPem,
      subscriber: SUBSCRIBER,
    },
    targetDatabaseName: "SalesDb",
    publicationName: s.topology.publication,
  });
const TABLES = [
  { schema: "dbo", name: "Customers" },
  { schema: "dbo", name: "Orders" },
];

test("a half-finished setup is adopted and completed: nothing created twice, and the interrupted run's distributor is still known as its own", async () => {
  // What an `up` killed after creating the publication left behind.
  await s.onSource(async (source) => {
    await ensureLocalDistributor(source, {
      publisher: "SQL01",
      distributionDatabase: "distribution",
      security: { mode: "windows" },
    });
    await enablePublishing(source, "Sales");
    await ensurePublication(source, s.topology, publicationDescription({ distributor: true, publishing: true }));
  });
  s.sim.calls.clear();
  const result = await configure(inputs(), "SQL01", TABLES, false);
  expect(result.created).toEqual({ distributor: true, publishing: true });
  expect(result.changes).toEqual([
    "added the Snapshot agent",
    "published 2 tables (Customers, Orders)",
    `subscribed ${SUBSCRIBER}/SalesDb (push, all)`,
    "added the push Distribution Agent",
    "started the initial snapshot",
  ]);
  for (const name of [
    "sp_adddistributor",
    "sp_adddistributiondb",
    "sp_adddistpublisher",
    "sp_addpublication",
    "sp_replicationdboption",
  ])
    expect([name, s.sim.calls.count(name)]).toEqual([name, 0]);
  // The Log Reader was created implicitly with the publication: found, not added again.
  expect(s.sim.calls.count("sp_addlogreader_agent")).toBe(0);

  // Once configured, the publication's own articles are the tables (a new source table is not picked up).
  s.source.data.set("dbo", "Invoices", table(3));
  s.sim.calls.clear();
  const again = await configure(inputs(), "SQL01", [...TABLES, { schema: "dbo", name: "Invoices" }], true);
  expect(again.changes).toEqual([]);
  expect(again.tables.map((t) => t.name)).toEqual(["Customers", "Orders"]);
  expect(s.sim.calls.calls.filter((c) => c.name.startsWith("sp_add"))).toEqual([]);
});

test("ownership is read back only from this package's own description", () => {
  expect(createdFromDescription(publicationDescription({ distributor: true, publishing: false }))).toEqual({
    distributor: true,
    publishing: false,
  });
  expect(createdFromDescription("Replicates Sales (created: distributor, publishing) by the DBA")).toEqual({
    distributor: false,
    publishing: false,
  });
});

test("a failed agent is read as failed with its own error text, never as initializing or syncing", async () => {
  await configure(inputs(), "SQL01", TABLES, false);
  s.sim.faults.subscriberUnreachable = true;
  await s.until(() => s.sim.publisher.publications[0]!.subscriptions[0]!.agent!.status === 6, "the failure");
  const reading = await s.onSource(async (source) => readPhase(await readLiveStatus(source, source, s.topology), 2));
  expect(reading.phase).toBe("failed");
  expect(reading.failure).toMatch(
    /the Distribution Agent SQL01-Sales-pulumi_sales_Sales-sales-target\.database\.windows\.net-1 failed:\n\s+- \[HYT00\] Login timeout expired/,
  );
});

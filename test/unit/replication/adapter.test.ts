/**
 * provider/replication through the real mssql driver against the replication simulator: prerequisites,
 * the local distributor, publishing, the push subscription, monitoring (snapshot, pending commands, tracer
 * tokens, agent failure with its errors) and the target's cutover fixes — each step idempotent (a second pass
 * sends no change), every name bracket-quoted or a parameter, no password in any statement's text.
 */
import {
  advanceSequences,
  dropPublication,
  dropReplicationLeftovers,
  dropSubscription,
  enablePublishing,
  enableConstraintsAndTriggers,
  ensureArticles,
  ensureLocalDistributor,
  ensureLogReaderAgent,
  ensurePublication,
  ensurePushAgent,
  ensureSnapshotAgent,
  ensureSubscription,
  disablePublishing,
  judgeServer,
  postTracerToken,
  prepareTarget,
  readAgentStatus,
  readDistributor,
  readPendingCommands,
  readServerFacts,
  readSubscription,
  readSubscriptionErrors,
  readTables,
  readTracerToken,
  removeLocalDistributor,
  requireRemoteDistributor,
  reseedIdentities,
  selectTables,
  startSnapshot,
  withDistributorLock,
  type PublisherSecurity,
} from "../../../provider/replication";
import { SqlError } from "../../../provider/sql/errors";
import { SOURCE_LOGIN, startServers, table, TARGET_LOGIN, type Servers } from "./replication-support";

const security: PublisherSecurity = { mode: "sql", login: SOURCE_LOGIN.user, password: SOURCE_LOGIN.password };
const TABLES = [
  { schema: "dbo", name: "Customers" },
  { schema: "Sales", name: "Orders" },
];

let s: Servers;
beforeEach(async () => {
  s = await startServers();
  s.source.data.set("dbo", "Customers", table(30));
  s.source.data.set("Sales", "Orders", table(50));
  s.target.data.set("dbo", "Customers", table(0));
  s.target.data.set("Sales", "Orders", table(0));
  s.sim.identity("Sales.Orders", "Id");
});
afterEach(async () => {
  expect([...s.source.protocolErrors, ...s.target.protocolErrors]).toEqual([]);
  await s.stop();
});

const writes = (names: string[]) => s.sim.calls.calls.filter((c) => names.includes(c.name)).length;
const SETUP_WRITES = [
  "sp_adddistributor",
  "sp_adddistributiondb",
  "sp_adddistpublisher",
  "sp_replicationdboption",
  "sp_addlogreader_agent",
  "sp_addpublication",
  "sp_addpublication_snapshot",
  "sp_addarticle",
  "sp_addsubscription",
  "sp_addpushsubscription_agent",
  "identity-not-for-replication",
  "disable-constraint",
];

/** The whole setup, as ReplicationMigration's configure runs it. */
async function configureAll(): Promise<void> {
  await s.onSource(async (source) => {
    await withDistributorLock(source, 5_000, () =>
      ensureLocalDistributor(source, {
        publisher: s.topology.publisher,
        distributionDatabase: "distribution",
        security,
      }),
    );
    await enablePublishing(source, "Sales");
    await ensureLogReaderAgent(source, "Sales", security);
    await ensurePublication(source, s.topology, "unit test");
    await ensureSnapshotAgent(source, s.topology, security);
    await ensureArticles(source, s.topology, TABLES, "delete");
    await s.onTarget((target) => prepareTarget(target, TABLES));
    await ensureSubscription(source, s.topology, ["Customers", "Orders"]);
    await ensurePushAgent(source, s.topology, { login: TARGET_LOGIN.user, password: TARGET_LOGIN.password });
  });
}

test("prerequisites: facts read from the source; agent stopped, old version, renamed host and a table without a key each named with their fix", async () => {
  s.source.data.set("dbo", "AuditLog", { columns: ["At", "What"], rows: [] });
  const facts = await s.onSource(readServerFacts);
  expect(facts).toMatchObject({
    serverName: "SQL01",
    majorVersion: 16,
    isSysadmin: true,
    agentRunning: true,
    databaseName: "Sales",
  });
  expect(judgeServer(facts)).toEqual([]);
  expect(
    judgeServer({
      ...facts,
      agentRunning: false,
      majorVersion: 12,
      productVersion: "12.0.6024.0",
      machineServerName: "sql-7f9c",
    }).map((f) => [f.check, f.fix]),
  ).toEqual([
    ["version", "upgrade the source to SQL Server 2016 or later"],
    ["agent", expect.stringMatching(/start SQL Server Agent .*MSSQL_AGENT_ENABLED=true/)],
    ["serverName", expect.stringMatching(/sp_dropserver N'SQL01'; EXEC sp_addserver N'sql-7f9c', N'local'/)],
  ]);
  const tables = await s.onSource(readTables);
  const selected = selectTables(tables, { requested: [], withoutPrimaryKey: "fail" });
  expect(selected.failures.map((f) => f.message)).toEqual([
    "table dbo.AuditLog has no primary key; transactional replication refuses it (sp_addarticle error 14088)",
  ]);
  expect(selectTables(tables, { requested: [], withoutPrimaryKey: "exclude" })).toMatchObject({
    excluded: [{ schema: "dbo", name: "AuditLog" }],
    failures: [],
  });
  expect(selected.tables.map((t) => `${t.schema}.${t.name}:${t.hasIdentity}`)).toEqual([
    "Sales.Orders:true",
    "dbo.Customers:false",
  ]);
});

test("setup from nothing, then again: each part created once, the second pass sends no change, no password in any text", async () => {
  await configureAll();
  const first = writes(SETUP_WRITES);
  // distributor (3) + publish + log reader + publication + snapshot agent + 2 articles + NFR + subscription + agent
  expect(first).toBe(12);
  expect(s.sim.replicationObjects()).toEqual([
    "distributor SQL01",
    "distribution database distribution",
    "distribution publisher SQL01",
    "published database sales",
    "log reader of sales",
    "publication pulumi_sales_Sales",
    `subscription ${s.topology.subscriber}/SalesDb`,
  ]);
  await configureAll();
  expect(writes(SETUP_WRITES)).toBe(first);
  for (const call of s.sim.calls.calls) {
    expect(call.sql).not.toContain(SOURCE_LOGIN.password);
    expect(call.sql).not.toContain(TARGET_LOGIN.password);
  }
  const agent = s.sim.calls.calls.find((c) => c.name === "sp_addpushsubscription_agent")!;
  expect(agent.sql).toBe(
    "EXEC [Sales].sys.sp_addpushsubscription_agent @publication = @publication, @subscriber = @subscriber, @subscriber_db = @subscriber_db, @subscriber_security_mode = @subscriber_security_mode, @subscriber_login = @subscriber_login, @subscriber_password = @subscriber_password, @frequency_type = @frequency_type;",
  );
  expect(agent.params).toMatchObject({
    subscriber_password: TARGET_LOGIN.password,
    subscriber_security_mode: 0,
    frequency_type: 64,
  });
  // Articles leave the schema to the schema step: change procedures only (0x02), rows deleted before the snapshot.
  const article = s.sim.calls.calls.find((c) => c.name === "sp_addarticle")!;
  expect((article.params["schema_option"] as Buffer).toString("hex")).toBe("0000000000000002");
  expect(article.params).toMatchObject({
    pre_creation_cmd: "delete",
    identityrangemanagementoption: "manual",
    type: "logbased",
  });
  expect(s.sim.calls.calls.find((c) => c.name === "sp_addsubscription")!.params).toMatchObject({
    subscriber_type: 0,
    subscription_type: "Push",
    article: "all",
  });
});

test("a table without a primary key: sp_addarticle fails with 14088 through the driver, naming it; nothing else was added", async () => {
  s.source.data.set("dbo", "AuditLog", { columns: ["At", "What"], rows: [] });
  await s.onSource(async (source) => {
    await ensureLocalDistributor(source, { publisher: "SQL01", distributionDatabase: "distribution", security });
    await enablePublishing(source, "Sales");
    await ensurePublication(source, s.topology, "unit test");
    const error = await ensureArticles(source, s.topology, [{ schema: "dbo", name: "AuditLog" }], "delete").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SqlError);
    expect(error).toMatchObject({
      number: 14088,
      message:
        "The table '[dbo].[AuditLog]' must have a primary key to be published using the transaction-based method.",
    });
  });
  expect(s.sim.publisher.publication("pulumi_sales_Sales")!.articles).toEqual([]);
});

test("distributor: missing → publication refused (14071); an existing remote one is required as it is, with the fix", async () => {
  const refused = await s.onSource((source) => ensurePublication(source, s.topology, "x")).catch((e: unknown) => e);
  expect(refused).toMatchObject({ number: 14071, message: expect.stringMatching(/Could not find the Distributor/) });
  const remote = await s.onSource((source) => requireRemoteDistributor(source, "DIST01")).catch((e: Error) => e);
  expect((remote as Error).message).toMatch(
    /not configured to use the remote distributor DIST01 \(it has no distributor\)\. Fix: at DIST01, register this publisher \(sp_adddistpublisher\)/,
  );
  await s.onSource((source) =>
    ensureLocalDistributor(source, { publisher: "SQL01", distributionDatabase: "distribution", security }),
  );
  expect(await s.onSource(readDistributor)).toEqual({
    installed: true,
    server: "SQL01",
    distributionDatabaseInstalled: true,
    isDistributionPublisher: true,
    hasRemoteDistributionPublisher: false,
  });
});

test("monitoring: snapshot delivered per article; writes pend while delivery is paused and drain into the target; a tracer token arrives only after them", async () => {
  await configureAll();
  await s.onSource((source) => startSnapshot(source, s.topology));
  await s.until(() => s.target.data.get("Sales", "Orders")!.rows.length === 50, "the snapshot");
  await s.until(
    () => [...s.sim.publisher.publications[0]!.subscriptions[0]!.articleStatus.values()].every((v) => v === 2),
    "active articles",
  );
  expect(
    (await s.onSource((source) => readSubscription(source, s.topology))).map((a) => [a.article, a.status]),
  ).toEqual([
    ["Customers", 2],
    ["Orders", 2],
  ]);
  await s.until(() => s.sim.publisher.publications[0]!.subscriptions[0]!.agent!.status === 4, "idle agent");

  s.sim.pauseDelivery();
  s.sim.insert("Sales.Orders", [
    [51, "late"],
    [52, "later"],
  ]);
  s.sim.delete("dbo.Customers", 3);
  const pending = await s.onSource((source) => readPendingCommands(source, s.topology));
  expect(pending).toEqual({ pendingCommands: 3, estimatedSeconds: 1 });
  const tracerId = await s.onSource((source) => postTracerToken(source, s.topology));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await s.onSource((source) => readTracerToken(source, s.topology, tracerId))).toEqual({
    distributorLatency: 1,
  });

  s.sim.resumeDelivery();
  await s.until(() => s.sim.pendingCommands() === 0, "the drain");
  await s.until(() => s.sim.publisher.tokens[0]!.arrivals.size === 1, "the token");
  expect(await s.onSource((source) => readTracerToken(source, s.topology, tracerId))).toEqual({
    distributorLatency: 1,
    subscriberLatency: 1,
    overallLatency: 2,
  });
  expect(s.target.data.get("Sales", "Orders")!.rows).toHaveLength(52);
  expect(s.target.data.get("dbo", "Customers")!.rows).toHaveLength(29);
  expect(await s.onSource((source) => readAgentStatus(source, s.topology))).toMatchObject({
    status: 4,
    description: "idle",
    agentName: `SQL01-Sales-pulumi_sales_Sales-${s.topology.subscriber}-1`,
  });
});

test("agent failure: status 6 and the agent's own errors, newest first", async () => {
  await configureAll();
  s.sim.faults.subscriberUnreachable = true;
  await s.onSource((source) => startSnapshot(source, s.topology));
  await s.until(() => s.sim.publisher.publications[0]!.subscriptions[0]!.agent!.status === 6, "the failure");
  const [agent, errors] = await s.onSource(
    async (source) =>
      [await readAgentStatus(source, s.topology), await readSubscriptionErrors(source, s.topology)] as const,
  );
  expect(agent).toMatchObject({ status: 6, description: "failed" });
  expect(errors.map((e) => [e.code, e.text])).toEqual([
    ["HYT00", "Login timeout expired"],
    ["53", "Named Pipes Provider: Could not open a connection to SQL Server [53]."],
    ["MSSQL_REPL20084", `The process could not connect to Subscriber '${s.topology.subscriber}'.`],
  ]);
});

test("teardown order is enforced, and removal undoes exactly what setup did", async () => {
  await configureAll();
  const early = await s.onSource((source) => dropPublication(source, s.topology)).catch((e: unknown) => e);
  expect(early).toMatchObject({ number: 14005 });
  await s.onSource(async (source) => {
    expect(await dropSubscription(source, s.topology)).toBe(true);
    expect(await dropPublication(source, s.topology)).toBe(true);
    expect(await disablePublishing(source, "Sales")).toEqual({ disabled: true });
    expect(await removeLocalDistributor(source, "SQL01", "Sales")).toEqual({
      removed: ["distPublisher", "distributionDatabase distribution", "distributor"],
    });
    // Again: nothing left, nothing sent.
    expect(await dropSubscription(source, s.topology)).toBe(false);
    expect(await removeLocalDistributor(source, "SQL01", "Sales")).toEqual({ removed: [] });
  });
  expect(s.sim.replicationObjects()).toEqual([]);
});

test("target fixes after cutover: identities reseeded from the data, sequences after the source, constraints re-enabled and trusted, leftovers dropped; a second pass changes nothing", async () => {
  s.sim.sequence("dbo.InvoiceNumbers", 1042n);
  s.sim.tableObject("Sales.Orders", "FK_Orders_Customers", "FOREIGN KEY");
  s.sim.tableObject("Sales.Orders", "trg_Orders_Audit", "TRIGGER");
  await configureAll();
  expect(s.sim.target.objects.map((o) => [o.object, o.disabled])).toEqual([
    ["FK_Orders_Customers", true],
    ["trg_Orders_Audit", true],
  ]);
  expect(s.sim.target.identityOf({ schema: "Sales", name: "Orders" })!.notForReplication).toBe(true);
  await s.onSource((source) => startSnapshot(source, s.topology));
  await s.until(() => s.target.data.get("Sales", "Orders")!.rows.length === 50, "the snapshot");
  s.sim.insert("Sales.Orders", [[60, "sixty"]]);
  await s.until(() => s.target.data.get("Sales", "Orders")!.rows.length === 51, "the insert");
  // Replicated inserts do not move the subscriber's identity.
  expect(s.sim.target.identityOf({ schema: "Sales", name: "Orders" })!.lastValue).toBeNull();
  await s.onSource((source) => dropSubscription(source, s.topology));

  const run = () =>
    s.onTarget((target) =>
      s.onSource(async (source) => ({
        reseeded: await reseedIdentities(target, source, TABLES),
        sequences: await advanceSequences(target, source),
        enabled: await enableConstraintsAndTriggers(target, source, TABLES),
        dropped: await dropReplicationLeftovers(target, s.topology, TABLES),
      })),
    );
  const first = await run();
  expect(first.reseeded).toEqual([{ table: "Sales.Orders", column: "Id", seed: "60" }]);
  expect(first.sequences).toEqual([{ sequence: "dbo.InvoiceNumbers", restartWith: "1043" }]);
  expect(first.enabled).toEqual(["Sales.Orders: FK_Orders_Customers", "Sales.Orders: trg_Orders_Audit"]);
  expect(first.dropped).toEqual(expect.arrayContaining(["dbo.sp_MSins_dboCustomers", "Sales.sp_MSdel_SalesOrders"]));
  expect(s.sim.target.identityOf({ schema: "Sales", name: "Orders" })!.lastValue).toBe(60n);
  expect(s.sim.target.objects.every((o) => !o.disabled && !o.notTrusted)).toBe(true);
  expect(s.sim.target.procedures.size).toBe(0);
  expect(s.sim.target.replicationSubscriptions).toBeUndefined();
  const changes = [
    "reseed-identity",
    "restart-sequence",
    "enable-constraint",
    "drop-procedure",
    "clean-subscription-tables",
  ];
  const before = writes(changes);
  expect(await run()).toEqual({ reseeded: [], sequences: [], enabled: [], dropped: [] });
  expect(writes(changes)).toBe(before);
  // The table name reached DBCC CHECKIDENT as a parameter, bracket-quoted.
  expect(s.sim.calls.calls.find((c) => c.name === "reseed-identity")!.params).toMatchObject({
    table: "[Sales].[Orders]",
    seed: 60n,
  });
});

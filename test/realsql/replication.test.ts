/**
 * The replication engine's flow against a real SQL Server source (2016 or later, SQL Server Agent running, a
 * sysadmin login, @@SERVERNAME matching its host) and a real Azure SQL database (or a second SQL Server standing
 * in for it), when both are configured:
 *
 *   REPLICATION_SOURCE_HOST, REPLICATION_SOURCE_PORT (default 1433), REPLICATION_SOURCE_DATABASE,
 *   REPLICATION_SOURCE_USER, REPLICATION_SOURCE_PASSWORD, REPLICATION_SOURCE_TRUST_CERT ("true" for a container's
 *   self-signed certificate);
 *   REPLICATION_TARGET_HOST (e.g. <server>.database.windows.net), REPLICATION_TARGET_PORT, REPLICATION_TARGET_DATABASE,
 *   REPLICATION_TARGET_USER, REPLICATION_TARGET_PASSWORD (db_owner in the target database),
 *   REPLICATION_TARGET_TRUST_CERT, REPLICATION_SUBSCRIBER (the target as the distributor reaches it, if not the host).
 *
 * The target server's firewall must admit the source's egress address (the Distribution Agent connects from
 * there) and this machine. The suite drives ReplicationMigration's provider directly — create (configure, follow
 * to readyForCutover, validate), writes on the source, update with cutover (hook, drain, validate, teardown,
 * target fixes) — in a scratch schema it creates on both sides and drops at the end. Without the variables it is
 * reported as skipped, with the reason, so it never counts as passed.
 */
import { randomBytes } from "crypto";
import { provider } from "../../provider/resources/replication-migration";
import {
  replicationMigrationInputs,
  type ReplicationMigrationInputs,
} from "../../provider/resources/replication-migration/inputs";
import type { ReplicationMigrationOutputs } from "../../provider/resources/replication-migration/outputs";
import { withConnection } from "../../provider/sql/connection";
import type { SqlConnectionSpec } from "../../provider/sql/connection-spec";
import { quoteName, quoteParts } from "../../provider/schema/quote";

interface Side {
  host: string;
  port?: number;
  database: string;
  user: string;
  password: string;
  trust: boolean;
}

function side(prefix: string): Side | undefined {
  const env = process.env;
  const host = env[`${prefix}_HOST`];
  const database = env[`${prefix}_DATABASE`];
  const user = env[`${prefix}_USER`];
  const password = env[`${prefix}_PASSWORD`];
  if (!host || !database || !user || !password) return undefined;
  return {
    host,
    port: env[`${prefix}_PORT`] ? Number(env[`${prefix}_PORT`]) : undefined,
    database,
    user,
    password,
    trust: env[`${prefix}_TRUST_CERT`] === "true",
  };
}

const source = side("REPLICATION_SOURCE");
const target = side("REPLICATION_TARGET");

if (!source || !target) {
  const reason =
    "SKIPPED: no real replication pair configured (set REPLICATION_SOURCE_HOST/_DATABASE/_USER/_PASSWORD for a SQL Server 2016+ publisher with SQL Server Agent, " +
    "and REPLICATION_TARGET_HOST/_DATABASE/_USER/_PASSWORD for the Azure SQL database)";
  console.warn(`test/realsql: ${reason}`);
  test.skip(reason, () => undefined);
} else {
  const src = source;
  const tgt = target;
  const spec = (s: Side): SqlConnectionSpec => ({
    server: s.host,
    ...(s.port ? { port: s.port } : {}),
    database: s.database,
    authentication: { type: "sql", user: s.user, password: s.password },
    encrypt: true,
    trustServerCertificate: s.trust,
    connectTimeoutMs: 30_000,
  });
  const schema = `repl_${randomBytes(4).toString("hex")}`;
  const orders = quoteParts(schema, "Orders");
  const publication = `pulumi_realsql_${schema}`;
  const endpoint = (s: Side) => ({
    server: s.host,
    ...(s.port ? { port: s.port } : {}),
    userName: s.user,
    password: s.password,
    encrypt: true,
    trustServerCertificate: s.trust,
  });
  const inputs = (extra: Record<string, unknown> = {}): ReplicationMigrationInputs =>
    replicationMigrationInputs.parse({
      source: endpoint(src),
      sourceDatabaseName: src.database,
      target: {
        ...endpoint(tgt),
        ...(process.env.REPLICATION_SUBSCRIBER ? { subscriber: process.env.REPLICATION_SUBSCRIBER } : {}),
      },
      targetDatabaseName: tgt.database,
      publicationName: publication,
      tables: [`${schema}.Orders`],
      pollIntervalSeconds: 5,
      progressLogIntervalSeconds: 30,
      waitTimeoutSeconds: 900,
      reportDirectory: `.work/realsql-replication-${schema}`,
      ...extra,
    });
  const ddl = (identity: boolean) =>
    `CREATE TABLE ${orders} ([Id] int ${identity ? "IDENTITY(1,1) " : ""}NOT NULL CONSTRAINT ${quoteName(`PK_${schema}_Orders`)} PRIMARY KEY, [Note] nvarchar(100) NULL);`;
  let outputs: ReplicationMigrationOutputs | undefined;

  beforeAll(async () => {
    for (const s of [src, tgt])
      await withConnection(spec(s), (session) => session.executeBatch(`CREATE SCHEMA ${quoteName(schema)};`));
    await withConnection(spec(src), async (session) => {
      await session.executeBatch(ddl(true));
      await session.executeBatch(`INSERT INTO ${orders} ([Note]) SELECT TOP (500) N'order' FROM sys.all_objects;`);
    });
    // The schema step's part: the table exists on the target, empty.
    await withConnection(spec(tgt), (session) => session.executeBatch(ddl(true)));
  }, 120_000);

  afterAll(async () => {
    if (outputs && outputs.phase !== "completed")
      await provider.delete!(outputs.resourceId, outputs).catch((e: Error) =>
        console.warn(`test/realsql: removing the replication failed: ${e.message}`),
      );
    for (const s of [src, tgt]) {
      await withConnection(spec(s), async (session) => {
        await session.executeBatch(`DROP TABLE IF EXISTS ${orders};`);
        await session.executeBatch(`DROP SCHEMA IF EXISTS ${quoteName(schema)};`);
      }).catch((error: Error) => console.warn(`test/realsql: cleanup of ${schema} failed: ${error.message}`));
    }
  }, 300_000);

  test("configures, syncs to readyForCutover, carries writes, and cuts over: source torn down, identity reseeded, validation clean", async () => {
    const created = await provider.create!(inputs());
    outputs = created.outs as ReplicationMigrationOutputs;
    expect(outputs.phase).toBe("readyForCutover");
    expect(outputs.pendingCommands).toBe(0);
    expect(outputs.latencySeconds).toBeGreaterThanOrEqual(0);
    expect(outputs.validationResult).toMatchObject({ verdict: "validated" });

    await withConnection(spec(src), (session) =>
      session.executeBatch(`INSERT INTO ${orders} ([Note]) VALUES (N'written during the sync');`),
    );
    const cutover = await provider.update!(outputs.resourceId, outputs, inputs({ cutover: true }));
    outputs = cutover.outs as ReplicationMigrationOutputs;
    expect(outputs.phase).toBe("completed");
    expect(outputs.validationResult).toMatchObject({ verdict: "validated" });

    // Publishing is disabled again (this suite's run enabled it): the database may not answer sp_helppublication at all.
    const publications = await withConnection(spec(src), (session) =>
      session.query(`EXEC ${quoteName(src.database)}.sys.sp_helppublication;`),
    ).catch(() => ({ recordsets: [[]] }));
    expect((publications.recordsets[0] ?? []).map((r) => (r as { name: string }).name)).not.toContain(publication);
    const identity = await withConnection(spec(tgt), (session) =>
      session.query<{ current: string }>(`SELECT CONVERT(nvarchar(40), IDENT_CURRENT(@table)) AS [current];`, {
        table: { type: "nvarchar", value: orders, length: 300 },
      }),
    );
    expect(identity.recordsets[0]![0]!.current).toBe("501");
  }, 1_800_000);
}

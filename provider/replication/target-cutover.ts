/**
 * The target's side of cutover, once the source's replication is torn down, so the Azure SQL database works
 * on its own:
 *   - identities reseeded: replicated inserts never advance the subscriber's identity, so each identity is set
 *     to the highest of the source's last value and the target's maximum (DBCC CHECKIDENT … RESEED);
 *   - sequences restarted after the source's current value (sequences are not replicated at all);
 *   - constraints and triggers disabled for replication re-enabled, constraints re-validated (WITH CHECK) so the
 *     optimizer trusts them again — except those the source itself has disabled;
 *   - replication's leftovers dropped: the change procedures (sp_MSins_/upd_/del_) of the published tables and
 *     this subscription's row of dbo.MSreplication_subscriptions (the table too once empty).
 * Each function reads first and changes only what is not yet so: running one again sends no change.
 */
import { quoteName, quoteParts } from "../schema/quote";
import { asFlag, name, queryRows } from "./calls";
import { changeProcedurePrefixes, REPLICATION_MARKERS, tableKey, type TableName } from "./names";
import { integer, ofTables, readIdentityColumns, readSequences, readTableObjects } from "./table-objects";
import type { ReplicationTopology } from "./topology";
import type { SqlSession } from "../sql/session";

export interface Reseeded {
  table: string;
  column: string;
  seed: string;
}

/** Reseeds every identity of the published tables on the target. */
export async function reseedIdentities(
  target: SqlSession,
  source: SqlSession,
  tables: readonly TableName[],
): Promise<Reseeded[]> {
  const sourceColumns = ofTables(await readIdentityColumns(source), tables);
  const done: Reseeded[] = [];
  for (const column of ofTables(await readIdentityColumns(target), tables)) {
    const table = quoteParts(column.schema, column.name);
    const [row = {}] = await queryRows(
      target,
      `${REPLICATION_MARKERS.identityMaximum}\nSELECT CONVERT(nvarchar(40), MAX(${quoteName(column.column)})) AS [maximum] FROM ${table};`,
    );
    const fromSource = integer(
      sourceColumns.find((c) => tableKey(c).toLowerCase() === tableKey(column).toLowerCase())?.lastValue,
    );
    const fromTarget = integer(
      row["maximum"] === null || row["maximum"] === undefined ? undefined : String(row["maximum"]),
    );
    const descending = (integer(column.increment) ?? 1n) < 0n;
    const candidates = [fromSource, fromTarget].filter((v): v is bigint => v !== undefined);
    if (!candidates.length) continue;
    const seed = candidates.reduce((a, b) => (descending ? (b < a ? b : a) : b > a ? b : a));
    const current = integer(column.lastValue);
    if (current !== undefined && current === seed) continue;
    await target.query(
      `${REPLICATION_MARKERS.reseedIdentity}\nDBCC CHECKIDENT (@table, RESEED, @seed) WITH NO_INFOMSGS;`,
      {
        table: { type: "nvarchar", value: table, length: 300 },
        seed: { type: "bigint", value: seed },
      },
    );
    done.push({ table: tableKey(column), column: column.column, seed: seed.toString() });
  }
  return done;
}

export interface SequenceRestart {
  sequence: string;
  restartWith: string;
}

/** Restarts each target sequence that also exists on the source just after the source's current value. */
export async function advanceSequences(target: SqlSession, source: SqlSession): Promise<SequenceRestart[]> {
  const sourceSequences = await readSequences(source);
  const done: SequenceRestart[] = [];
  for (const sequence of await readSequences(target)) {
    const match = sourceSequences.find(
      (s) => `${s.schema}.${s.name}`.toLowerCase() === `${sequence.schema}.${sequence.name}`.toLowerCase(),
    );
    const current = integer(match?.currentValue);
    const increment = integer(match?.increment);
    if (current === undefined || increment === undefined) continue;
    const restartWith = current + increment;
    if (integer(sequence.currentValue) === restartWith) continue;
    await target.executeBatch(
      `${REPLICATION_MARKERS.restartSequence}\nALTER SEQUENCE ${quoteParts(sequence.schema, sequence.name)} RESTART WITH ${restartWith.toString()};`,
    );
    done.push({ sequence: `${sequence.schema}.${sequence.name}`, restartWith: restartWith.toString() });
  }
  return done;
}

/** Re-enables (and re-validates) on the target what is disabled or untrusted there but not at the source. */
export async function enableConstraintsAndTriggers(
  target: SqlSession,
  source: SqlSession,
  tables: readonly TableName[],
): Promise<string[]> {
  const sourceObjects = ofTables(await readTableObjects(source), tables);
  const done: string[] = [];
  for (const object of ofTables(await readTableObjects(target), tables)) {
    const counterpart = sourceObjects.find(
      (o) =>
        tableKey(o).toLowerCase() === tableKey(object).toLowerCase() &&
        o.object.toLowerCase() === object.object.toLowerCase(),
    );
    const wanted = { disabled: counterpart?.disabled ?? false, notTrusted: counterpart?.notTrusted ?? false };
    const needsWork =
      object.kind === "TRIGGER"
        ? object.disabled && !wanted.disabled
        : (object.disabled && !wanted.disabled) || (object.notTrusted && !wanted.notTrusted && !wanted.disabled);
    if (!needsWork) continue;
    const table = quoteParts(object.schema, object.name);
    const statement =
      object.kind === "TRIGGER"
        ? `ALTER TABLE ${table} ENABLE TRIGGER ${quoteName(object.object)};`
        : `ALTER TABLE ${table} WITH CHECK CHECK CONSTRAINT ${quoteName(object.object)};`;
    await target.executeBatch(`${REPLICATION_MARKERS.enableConstraint}\n${statement}`);
    done.push(`${tableKey(object)}: ${object.object}`);
  }
  return done;
}

/** Drops the change procedures of the published tables and this subscription's replication metadata on the target. */
export async function dropReplicationLeftovers(
  target: SqlSession,
  topology: ReplicationTopology,
  destinations: readonly TableName[],
): Promise<string[]> {
  const prefixes = destinations.flatMap(changeProcedurePrefixes).map((p) => p.toLowerCase());
  const procedures = await queryRows(
    target,
    `${REPLICATION_MARKERS.leftoverProcedures}\nSELECT s.[name] AS [schema_name], p.[name] AS [procedure_name] FROM sys.procedures AS p JOIN sys.schemas AS s ON s.[schema_id] = p.[schema_id] ` +
      "WHERE p.[name] LIKE N'sp[_]MSins[_]%' OR p.[name] LIKE N'sp[_]MSupd[_]%' OR p.[name] LIKE N'sp[_]MSdel[_]%';",
  );
  const dropped: string[] = [];
  for (const row of procedures) {
    const procedure = String(row["procedure_name"]);
    const lower = procedure.toLowerCase();
    if (!prefixes.some((prefix) => lower === prefix || lower.startsWith(`${prefix}_`))) continue;
    await target.executeBatch(
      `${REPLICATION_MARKERS.dropProcedure}\nDROP PROCEDURE ${quoteParts(String(row["schema_name"]), procedure)};`,
    );
    dropped.push(`${row["schema_name"]}.${procedure}`);
  }
  const [tablesRow = {}] = await queryRows(
    target,
    `${REPLICATION_MARKERS.subscriptionTables}\nSELECT CAST(CASE WHEN OBJECT_ID(N'dbo.MSreplication_subscriptions', N'U') IS NULL THEN 0 ELSE 1 END AS int) AS [subscriptions_table], ` +
      "CAST(CASE WHEN OBJECT_ID(N'dbo.MSsubscription_agents', N'U') IS NULL THEN 0 ELSE 1 END AS int) AS [agents_table];",
  );
  if (asFlag(tablesRow["subscriptions_table"]) || asFlag(tablesRow["agents_table"])) {
    await target.query(
      `${REPLICATION_MARKERS.cleanSubscriptionTables}\n` +
        "IF OBJECT_ID(N'dbo.MSreplication_subscriptions', N'U') IS NOT NULL DELETE FROM [dbo].[MSreplication_subscriptions] WHERE [publisher] = @publisher AND [publisher_db] = @publisher_db AND [publication] = @publication;\n" +
        "IF OBJECT_ID(N'dbo.MSreplication_subscriptions', N'U') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM [dbo].[MSreplication_subscriptions]) DROP TABLE [dbo].[MSreplication_subscriptions];\n" +
        "IF OBJECT_ID(N'dbo.MSsubscription_agents', N'U') IS NOT NULL AND OBJECT_ID(N'dbo.MSreplication_subscriptions', N'U') IS NULL DROP TABLE [dbo].[MSsubscription_agents];",
      {
        publisher: name(topology.publisher),
        publisher_db: name(topology.publicationDatabase),
        publication: name(topology.publication),
      },
    );
    dropped.push("dbo.MSreplication_subscriptions (this subscription's row; the table once empty)");
  }
  return dropped;
}

/**
 * Readying the pre-deployed target tables for replicated changes, before the subscription delivers anything:
 *   - identity columns get NOT FOR REPLICATION, so the Distribution Agent may insert the source's values (the
 *     schema step created them without it; replication would have added it had it created the tables);
 *   - FOREIGN KEY and CHECK constraints are disabled (NOCHECK) and DML triggers disabled on the published
 *     tables: the snapshot empties and reloads tables in an order of its own, and a target trigger would apply
 *     a change the source's trigger already replicated. Cutover re-enables and re-validates them
 *     (target-cutover.ts).
 * Only what is not already so is changed, so a re-run sends nothing.
 */
import { quoteName, quoteParts } from "../schema/quote";
import { REPLICATION_MARKERS, tableKey, type TableName } from "./names";
import { ofTables, readIdentityColumns, readTableObjects } from "./table-objects";
import type { SqlSession } from "../sql/session";

export interface TargetPreparation {
  /** `schema.table.column` given NOT FOR REPLICATION. */
  identities: string[];
  /** `schema.table: object` disabled. */
  disabled: string[];
}

export async function prepareTarget(target: SqlSession, tables: readonly TableName[]): Promise<TargetPreparation> {
  const identities: string[] = [];
  for (const column of ofTables(await readIdentityColumns(target), tables)) {
    if (column.notForReplication) continue;
    await target.executeBatch(
      `${REPLICATION_MARKERS.identityNotForReplication}\nALTER TABLE ${quoteParts(column.schema, column.name)} ALTER COLUMN ${quoteName(column.column)} ADD NOT FOR REPLICATION;`,
    );
    identities.push(`${tableKey(column)}.${column.column}`);
  }
  const disabled: string[] = [];
  for (const object of ofTables(await readTableObjects(target), tables)) {
    if (object.disabled) continue;
    const table = quoteParts(object.schema, object.name);
    const statement =
      object.kind === "TRIGGER"
        ? `ALTER TABLE ${table} DISABLE TRIGGER ${quoteName(object.object)};`
        : `ALTER TABLE ${table} NOCHECK CONSTRAINT ${quoteName(object.object)};`;
    await target.executeBatch(`${REPLICATION_MARKERS.disableConstraint}\n${statement}`);
    disabled.push(`${tableKey(object)}: ${object.object}`);
  }
  return { identities, disabled };
}

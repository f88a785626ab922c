/**
 * The catalog questions the adapter asks either database (source or target), answered from a DatabaseSide and
 * its DataTables — user tables with their keys, row counts, identity columns, sequences, constraints and
 * triggers — and the target-side changes it makes (NOT FOR REPLICATION, NOCHECK/CHECK, DISABLE/ENABLE TRIGGER,
 * DBCC CHECKIDENT, ALTER SEQUENCE … RESTART, dropped procedures and subscription metadata). Statements are read
 * by their marker and their bracket-quoted names.
 */
import type { CellValue, ColumnType, QueryRequest, QueryResponse } from "../tds";
import { keyOf, SimulatedError, type DatabaseSide } from "./model";
import { answer } from "./result-sets";
import { param, quotedNames, same } from "./sql-text";

const nvarchar: ColumnType = { type: "nvarchar", length: 128 };
const int: ColumnType = { type: "int" };
const bigint: ColumnType = { type: "bigint" };

const text = (value: bigint | null | undefined) => (value === null || value === undefined ? null : value.toString());

function tableOf(side: DatabaseSide, schema: string, name: string) {
  const table = side.data.get(schema, name);
  if (!table) throw new SimulatedError(208, `Invalid object name '${schema}.${name}'.`);
  return table;
}

// Longer than ~80 lines on purpose: one case per replication catalog query the simulator answers (written from
// Microsoft's docs, not from the implementation).
/** Catalog queries, by marker. Undefined: not a catalog question of this module. */
export function answerCatalog(side: DatabaseSide, marker: string, request: QueryRequest): QueryResponse | undefined {
  switch (marker) {
    case "tables":
      return answer(
        { schema_name: nvarchar, table_name: nvarchar, has_primary_key: int, has_identity: int },
        side.tables().map((t) => ({
          schema_name: t.schema,
          table_name: t.name,
          has_primary_key: t.hasPrimaryKey ? 1 : 0,
          has_identity: side.identityOf(t) ? 1 : 0,
        })),
      );
    case "row-counts":
      return answer(
        { schema_name: nvarchar, table_name: nvarchar, row_count: bigint },
        side.tables().map((t) => ({ schema_name: t.schema, table_name: t.name, row_count: BigInt(t.rows.length) })),
      );
    case "identity-columns":
      return answer(
        {
          schema_name: nvarchar,
          table_name: nvarchar,
          column_name: nvarchar,
          last_value: nvarchar,
          increment_value: nvarchar,
          is_not_for_replication: int,
        },
        side.identities
          .filter((i) => side.data.get(i.schema, i.name))
          .map((i) => ({
            schema_name: i.schema,
            table_name: i.name,
            column_name: i.column,
            last_value: text(i.lastValue),
            increment_value: i.increment.toString(),
            is_not_for_replication: i.notForReplication ? 1 : 0,
          })),
      );
    case "identity-maximum": {
      // SELECT CONVERT(nvarchar(40), MAX([column])) AS [maximum] FROM [schema].[table];
      const [column, , schema, name] = quotedNames(request.sql.slice(request.sql.indexOf("\n")));
      tableOf(side, schema!, name!);
      const identity = side.identityOf({ schema: schema!, name: name! });
      if (!identity || !same(identity.column, column))
        throw new SimulatedError(207, `Invalid column name '${column}'.`);
      return answer({ maximum: nvarchar }, [{ maximum: text(side.maxIdentity(identity)) }]);
    }
    case "sequences":
      return answer(
        { schema_name: nvarchar, sequence_name: nvarchar, current_value: nvarchar, increment: nvarchar },
        side.sequences.map((s) => ({
          schema_name: s.schema,
          sequence_name: s.name,
          current_value: s.current.toString(),
          increment: s.increment.toString(),
        })),
      );
    case "constraints":
      return answer(
        {
          schema_name: nvarchar,
          table_name: nvarchar,
          object_name: nvarchar,
          kind: nvarchar,
          is_disabled: int,
          is_not_trusted: int,
        },
        side.objects
          .filter((o) => side.data.get(o.schema, o.name))
          .map((o) => ({
            schema_name: o.schema,
            table_name: o.name,
            object_name: o.object,
            kind: o.kind,
            is_disabled: o.disabled ? 1 : 0,
            is_not_trusted: o.notTrusted ? 1 : 0,
          })),
      );
    case "leftover-procedures":
      return answer(
        { schema_name: nvarchar, procedure_name: nvarchar },
        [...side.procedures]
          .filter((p) => /\.sp_MS(ins|upd|del)_/i.test(p))
          .map((p) => ({ schema_name: p.slice(0, p.indexOf(".")), procedure_name: p.slice(p.indexOf(".") + 1) })),
      );
    case "subscription-tables":
      return answer({ subscriptions_table: int, agents_table: int }, [
        { subscriptions_table: side.replicationSubscriptions ? 1 : 0, agents_table: 0 },
      ]);
    default:
      return undefined;
  }
}

// Longer than ~80 lines on purpose: one case per replication procedure the simulator applies (written from Microsoft's
// docs, not from the implementation).
/** Statements that change the database's objects, by marker. Undefined: not one of them. */
export function applyStatement(side: DatabaseSide, marker: string, request: QueryRequest): QueryResponse | undefined {
  const names = quotedNames(request.sql.slice(request.sql.indexOf("\n")));
  switch (marker) {
    case "identity-not-for-replication": {
      const [schema, name, column] = names;
      tableOf(side, schema!, name!);
      const identity = side.identityOf({ schema: schema!, name: name! });
      if (!identity || !same(identity.column, column))
        throw new SimulatedError(
          4924,
          `ALTER TABLE ALTER COLUMN failed because column '${column}' does not exist in table '${name}'.`,
        );
      identity.notForReplication = true;
      return {};
    }
    case "disable-constraint":
    case "enable-constraint": {
      const [schema, name, object] = names;
      tableOf(side, schema!, name!);
      const found = side.objectsOf({ schema: schema!, name: name! }).find((o) => same(o.object, object));
      if (!found) throw new SimulatedError(4917, `Constraint '${object}' does not exist.`);
      if (marker === "disable-constraint") {
        found.disabled = true;
        if (found.kind !== "TRIGGER") found.notTrusted = true;
      } else {
        if (found.kind !== "TRIGGER" && !/WITH CHECK CHECK CONSTRAINT/i.test(request.sql))
          throw new SimulatedError(50000, "simulator: constraints must be re-enabled WITH CHECK");
        found.disabled = false;
        found.notTrusted = false;
      }
      return {};
    }
    case "reseed-identity": {
      const [schema, name] = quotedNames(param(request, "table") ?? "");
      if (!schema || !name)
        throw new SimulatedError(
          2501,
          `Cannot find a table or object with the name "${param(request, "table")}". Check the system catalog.`,
        );
      tableOf(side, schema, name);
      const identity = side.identityOf({ schema, name });
      if (!identity) throw new SimulatedError(7997, `'${name}' does not contain an identity column.`);
      identity.lastValue = BigInt(param(request, "seed")!);
      return { infos: [] };
    }
    case "restart-sequence": {
      const [schema, name] = names;
      const sequence = side.sequences.find((s) => same(s.schema, schema) && same(s.name, name));
      if (!sequence)
        throw new SimulatedError(
          15151,
          `Cannot find the object '${name}', because it does not exist or you do not have permission.`,
        );
      const value = /RESTART WITH (-?\d+)\s*;/i.exec(request.sql)?.[1];
      if (!value) throw new SimulatedError(102, "Incorrect syntax near 'RESTART'.");
      sequence.current = BigInt(value);
      return {};
    }
    case "drop-procedure": {
      const [schema, name] = names;
      const key = [...side.procedures].find((p) => same(p, `${schema}.${name}`));
      if (!key)
        throw new SimulatedError(
          3701,
          `Cannot drop the procedure '${schema}.${name}', because it does not exist or you do not have permission.`,
        );
      side.procedures.delete(key);
      return {};
    }
    case "clean-subscription-tables": {
      if (side.replicationSubscriptions) {
        side.replicationSubscriptions = side.replicationSubscriptions.filter(
          (r) =>
            !(
              same(r.publisher, param(request, "publisher")) &&
              same(r.publisherDb, param(request, "publisher_db")) &&
              same(r.publication, param(request, "publication"))
            ),
        );
        if (!side.replicationSubscriptions.length) side.replicationSubscriptions = undefined;
      }
      return {};
    }
    default:
      return undefined;
  }
}

export type { CellValue };
export { keyOf };

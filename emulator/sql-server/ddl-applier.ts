/**
 * Lets the TDS test server "apply" the DDL a deployment sends, so a read-back after the deployment sees the
 * deployed schema instead of one the test put there by hand.
 *
 * What it is, precisely: the server has no SQL engine. Each batch it receives (catalog queries and the driver's
 * own session batches aside) is read with the project's own T-SQL script reader, together with every batch
 * accepted before it, and the resulting model is what the catalog queries are answered from from then on
 * (catalog-rows-from-model.ts, which also creates the history table of a temporal table whose history table the
 * model lacks, as SQL Server does). So a read-back proves that the generated DDL carries what it should, in an
 * order that satisfies the rules below, and that extraction brings it back, through the real driver; it does
 * not prove that SQL Server accepts every clause.
 *
 * The rules enforced, with SQL Server's error numbers, are those the deployment order depends on:
 *   - a batch the reader cannot read, or reads with a warning, fails (102, incorrect syntax);
 *   - CREATE of an object that exists fails (2714);
 *   - ALTER TABLE on a table that does not exist fails (4902);
 *   - a FOREIGN KEY to a table that does not exist fails (1767);
 *   - SYSTEM_VERSIONING = ON needs a primary key and a PERIOD FOR SYSTEM_TIME on the table (13553, 13510), and a
 *     named history table that exists must have the table's number of columns and no primary key (13523, 13539);
 *   - CREATE SECURITY POLICY needs its predicate functions and target tables to exist (4121, 208).
 */
import { readScriptText, type DatabaseModel, type ScriptReadResult } from '../../provider/schema';
import { qualifiedKey, schemaObjectKey } from '../../provider/schema/keys';
import { significantTokens } from '../../provider/schema/tokenizer';
import type { QueryHandler, ServerMessage } from './query-handler';

function failure(number: number, message: string): { error: ServerMessage } {
  return { error: { number, state: 1, class: 16, message } };
}

function isHousekeeping(sql: string): boolean {
  const text = sql.trim().toLowerCase();
  return text === 'select 1;' || text.split('\n').every((line) => line.trim().startsWith('set '));
}

export class DdlApplier {
  /** Batches accepted so far, in order. */
  readonly applied: string[] = [];
  private current: ScriptReadResult;

  constructor(
    private readonly databaseName: string,
    /** Called with the new model after each accepted batch (give it to server.setModel). */
    private readonly onChange: (model: DatabaseModel) => void,
  ) {
    this.current = readScriptText('', 'deployed.sql', { databaseName });
  }

  get model(): DatabaseModel {
    return this.current.model;
  }

  readonly handler: QueryHandler = (request) => {
    if (request.sql.startsWith('/* catalog:') || isHousekeeping(request.sql)) return undefined;
    const next = readScriptText([...this.applied, request.sql].join('\nGO\n'), 'deployed.sql', { databaseName: this.databaseName });
    const rejected = this.check(request.sql, this.current.model, next);
    if (rejected !== undefined) return rejected;
    this.applied.push(request.sql);
    this.current = next;
    this.onChange(next.model);
    return {};
  };

  private check(sql: string, before: DatabaseModel, after: ScriptReadResult): { error: ServerMessage } | undefined {
    if (after.warnings.length > this.current.warnings.length) {
      return failure(102, `Incorrect syntax: ${after.warnings[after.warnings.length - 1]!.message}`);
    }
    const tokens = significantTokens(sql);
    const words = tokens.slice(0, 3).map((t) => t.upper);
    const tables = new Map(before.tables.map((t) => [t.key, t]));
    const nameAt = (i: number): { key: string; next: number } => {
      const parts: string[] = [tokens[i]!.value];
      let j = i + 1;
      while (tokens[j]?.text === '.') {
        parts.push(tokens[j + 1]!.value);
        j += 2;
      }
      return { key: schemaObjectKey(parts.length > 1 ? parts[parts.length - 2]! : 'dbo', parts[parts.length - 1]!), next: j };
    };

    if (words[0] === 'CREATE' && (words[1] === 'TABLE' || words[1] === 'VIEW' || words[1] === 'FUNCTION' || words[1] === 'PROCEDURE')) {
      const { key } = nameAt(2);
      const exists = [...before.tables, ...before.views, ...before.functions, ...before.procedures].some((o) => o.key === key);
      if (exists) return failure(2714, `There is already an object named '${key}' in the database.`);
    }
    if (words[0] === 'ALTER' && words[1] === 'TABLE') {
      const { key, next } = nameAt(2);
      const table = tables.get(key);
      if (table === undefined) return failure(4902, `Cannot find the object "${key}" because it does not exist or you do not have permissions.`);
      const rest = tokens.slice(next).map((t) => t.upper);
      const referenced = tokens.findIndex((t) => t.upper === 'REFERENCES');
      if (referenced > 0 && !tables.has(nameAt(referenced + 1).key)) return failure(1767, `Foreign key references invalid table '${nameAt(referenced + 1).key}'.`);
      if (rest[0] === 'SET' && rest.includes('SYSTEM_VERSIONING') && rest[rest.indexOf('SYSTEM_VERSIONING') + 2] === 'ON') {
        if (table.primaryKey === undefined) return failure(13553, `System versioned temporal table '${key}' must have primary key defined.`);
        if (table.period === undefined) return failure(13510, `Cannot set SYSTEM_VERSIONING to ON when SYSTEM_TIME period is not defined on '${key}'.`);
        const history = after.model.tables.find((t) => t.key === key)?.systemVersioning?.historyTable;
        const existing = history !== undefined ? tables.get(qualifiedKey(history)) : undefined;
        if (existing !== undefined && existing.columns.length !== table.columns.length) {
          return failure(13523, `Setting SYSTEM_VERSIONING to ON failed because table '${key}' has ${table.columns.length} columns and table '${existing.key}' has ${existing.columns.length} columns.`);
        }
        if (existing?.primaryKey !== undefined) return failure(13539, `Setting SYSTEM_VERSIONING to ON failed because history table '${existing.key}' has a primary key defined.`);
      }
    }
    if (words[0] === 'CREATE' && words[1] === 'SECURITY') {
      const policy = after.model.securityPolicies.find((p) => !before.securityPolicies.some((b) => b.key === p.key));
      const functions = new Set(before.functions.map((f) => f.key));
      for (const predicate of policy?.predicates ?? []) {
        const call = significantTokens(predicate.definition).filter((t) => t.text !== '(');
        const fn = call[1]?.text === '.' ? schemaObjectKey(call[0]!.value, call[2]!.value) : schemaObjectKey('dbo', call[0]?.value ?? '');
        if (!functions.has(fn)) return failure(4121, `Cannot find either column "${fn}" or the user-defined function or aggregate "${fn}", or the name is ambiguous.`);
        if (!tables.has(qualifiedKey(predicate.table))) return failure(208, `Invalid object name '${qualifiedKey(predicate.table)}'.`);
      }
    }
    return undefined;
  }
}

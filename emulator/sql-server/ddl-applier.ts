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
 *   - CREATE of an object that exists fails (2714); ALTER of a view, procedure, function or trigger that does not
 *     exist fails (208);
 *   - `CREATE OR ALTER` / `ALTER` of a view, procedure, function or trigger replaces its definition, and for a view
 *     drops every index of the view, as SQL Server does (the batches that created it and its indexes no longer
 *     count: the model is read from the batches still in effect);
 *   - CREATE INDEX on an object that does not exist fails (1088); on a view: the view must be schema-bound (1939),
 *     its first index unique clustered (1940 for another index first, 1941 for a non-unique clustered one, 1902 for
 *     a second clustered one), and a filtered index is refused (10610); an XML, spatial or columnstore index on a
 *     view is one the reader refuses, so it fails as 102;
 *   - ALTER TABLE on a table that does not exist fails (4902);
 *   - a FOREIGN KEY to a table that does not exist fails (1767);
 *   - SYSTEM_VERSIONING = ON needs a primary key and a PERIOD FOR SYSTEM_TIME on the table (13553, 13510), and a
 *     named history table that exists must have the table's number of columns and no primary key (13523, 13539);
 *   - CREATE SECURITY POLICY needs its predicate functions and target tables to exist (4121, 208).
 */
import { readScriptText, type DatabaseModel, type ScriptReadResult } from "../../provider/schema";
import { qualifiedKey, schemaObjectKey } from "../../provider/schema/keys";
import { significantTokens } from "../../provider/schema/tokenizer";
import type { QueryHandler, ServerMessage } from "./query-handler";

function failure(number: number, message: string): { error: ServerMessage } {
  return { error: { number, state: 1, class: 16, message } };
}

function isHousekeeping(sql: string): boolean {
  const text = sql.trim().toLowerCase();
  return text === "select 1;" || text.split("\n").every((line) => line.trim().startsWith("set "));
}

/** Module kinds `CREATE OR ALTER` / `ALTER` replace in place. */
const MODULE_WORDS = new Set(["VIEW", "PROC", "PROCEDURE", "FUNCTION", "TRIGGER"]);

/** What a batch's first statement defines: a module (`CREATE [OR ALTER] | ALTER` kind name) or an index (`CREATE ... INDEX name ON target`). */
interface BatchTarget {
  verb: "create" | "createOrAlter" | "alter" | "createIndex";
  /** VIEW / PROCEDURE / FUNCTION / TRIGGER for a module (PROC read as PROCEDURE). */
  kind?: string;
  /** Key of the module, or of the object an index is created on. */
  key: string;
  /** The index name for createIndex. */
  index?: string;
  /** For createIndex: the words before INDEX (UNIQUE, CLUSTERED, XML...). */
  indexWords?: string[];
  /** For createIndex: a WHERE clause (a filtered index). */
  filtered?: boolean;
}

/** `[s].[n]` of a one- to four-part name starting at token i; `next` is the index after it. */
function nameAt(tokens: ReturnType<typeof significantTokens>, i: number): { key: string; next: number } {
  const parts: string[] = [tokens[i]?.value ?? ""];
  let j = i + 1;
  while (tokens[j]?.text === ".") {
    parts.push(tokens[j + 1]?.value ?? "");
    j += 2;
  }
  return {
    key: schemaObjectKey(
      parts.length > 1 && parts[parts.length - 2] !== "" ? parts[parts.length - 2]! : "dbo",
      parts[parts.length - 1]!,
    ),
    next: j,
  };
}

function batchTarget(sql: string): BatchTarget | undefined {
  const tokens = significantTokens(sql);
  const word = (i: number): string =>
    tokens[i]?.type === "keyword" || tokens[i]?.type === "identifier" ? tokens[i]!.upper : "";
  const kindOf = (w: string): string => (w === "PROC" ? "PROCEDURE" : w);
  if (word(0) === "CREATE" && word(1) === "OR" && word(2) === "ALTER" && MODULE_WORDS.has(word(3)))
    return { verb: "createOrAlter", kind: kindOf(word(3)), key: nameAt(tokens, 4).key };
  if (word(0) === "ALTER" && MODULE_WORDS.has(word(1)))
    return { verb: "alter", kind: kindOf(word(1)), key: nameAt(tokens, 2).key };
  if (word(0) === "CREATE" && MODULE_WORDS.has(word(1)))
    return { verb: "create", kind: kindOf(word(1)), key: nameAt(tokens, 2).key };
  if (word(0) === "CREATE") {
    let i = 1;
    while (
      i < 6 &&
      ["UNIQUE", "CLUSTERED", "NONCLUSTERED", "COLUMNSTORE", "PRIMARY", "XML", "SPATIAL"].includes(word(i))
    )
      i++;
    if (word(i) !== "INDEX" || word(i + 2) !== "ON") return undefined;
    return {
      verb: "createIndex",
      key: nameAt(tokens, i + 3).key,
      index: tokens[i + 1]?.value ?? "",
      indexWords: tokens.slice(1, i).map((t) => t.upper),
      filtered: tokens.some((t) => t.type === "keyword" && t.upper === "WHERE"),
    };
  }
  return undefined;
}

export class DdlApplier {
  /** Batches accepted so far, in order. */
  readonly applied: string[] = [];
  /**
   * The accepted batches still in effect, which the model is read from: a module replaced by `CREATE OR ALTER`
   * leaves it (and, for a view, the indexes created on it) for the replacing batch.
   */
  private inEffect: string[] = [];
  private current: ScriptReadResult;

  constructor(
    private readonly databaseName: string,
    /** Called with the new model after each accepted batch (give it to server.setModel). */
    private readonly onChange: (model: DatabaseModel) => void,
  ) {
    this.current = readScriptText("", "deployed.sql", { databaseName });
  }

  get model(): DatabaseModel {
    return this.current.model;
  }

  readonly handler: QueryHandler = (request) => {
    if (request.sql.startsWith("/* catalog:") || isHousekeeping(request.sql)) return undefined;
    const before = this.current.model;
    const target = batchTarget(request.sql);
    const refused = this.checkBefore(target, before);
    if (refused !== undefined) return refused;
    const replaced = this.replacedBy(target, before);
    const inEffect = [...this.inEffect.filter((batch) => !replaced.has(batch)), request.sql];
    const next = readScriptText(inEffect.join("\nGO\n"), "deployed.sql", { databaseName: this.databaseName });
    // A replacement takes its predecessor's warnings with it: only a warning of this batch counts.
    const baseline =
      replaced.size > 0
        ? readScriptText(inEffect.slice(0, -1).join("\nGO\n"), "deployed.sql", { databaseName: this.databaseName })
            .warnings.length
        : this.current.warnings.length;
    const rejected = this.check(request.sql, before, next, baseline);
    if (rejected !== undefined) return rejected;
    this.applied.push(request.sql);
    this.inEffect = inEffect;
    this.current = next;
    this.onChange(next.model);
    return {};
  };

  /**
   * The batches in effect that a `CREATE OR ALTER` / `ALTER` of an existing module replaces: the ones that created
   * or last altered it and, for a view, every index created on it (ALTER VIEW drops a view's indexes).
   */
  private replacedBy(target: BatchTarget | undefined, before: DatabaseModel): Set<string> {
    const replaced = new Set<string>();
    if (
      target === undefined ||
      (target.verb !== "createOrAlter" && target.verb !== "alter") ||
      !moduleExists(before, target.kind!, target.key)
    )
      return replaced;
    for (const batch of this.inEffect) {
      const other = batchTarget(batch);
      if (other === undefined || other.key !== target.key) continue;
      if (other.verb === "createIndex" ? target.kind === "VIEW" : other.kind === target.kind) replaced.add(batch);
    }
    return replaced;
  }

  /** What SQL Server refuses before reading the batch: ALTER of a missing module, and the rules of indexes on views. */
  private checkBefore(target: BatchTarget | undefined, before: DatabaseModel): { error: ServerMessage } | undefined {
    if (target === undefined) return undefined;
    if (target.verb === "alter" && !moduleExists(before, target.kind!, target.key))
      return failure(208, `Invalid object name '${target.key}'.`);
    if (target.verb !== "createIndex") return undefined;
    const view = before.views.find((v) => v.key === target.key);
    if (view === undefined) {
      if (before.tables.some((t) => t.key === target.key)) return undefined;
      return failure(
        1088,
        `Cannot find the object "${target.key}" because it does not exist or you do not have permissions.`,
      );
    }
    const words = target.indexWords ?? [];
    if (!view.isSchemaBound)
      return failure(1939, `Cannot create index on view '${view.key}' because the view is not schema bound.`);
    const clustered = words.includes("CLUSTERED");
    if (clustered && !words.includes("UNIQUE"))
      return failure(
        1941,
        `Cannot create nonunique clustered index on view '${view.key}' because only unique clustered indexes are allowed. Consider creating unique clustered index instead.`,
      );
    if (!clustered && !(view.indexes ?? []).some((ix) => ix.type === "clustered")) {
      return failure(1940, `Cannot create index on view '${view.key}'. It does not have a unique clustered index.`);
    }
    if (clustered && (view.indexes ?? []).some((ix) => ix.type === "clustered"))
      return failure(
        1902,
        `Cannot create more than one clustered index on view '${view.key}'. Drop the existing clustered index before creating another.`,
      );
    if (target.filtered === true)
      return failure(
        10610,
        `Filtered index '${target.index}' cannot be created on object '${view.key}' because it is not a user table.`,
      );
    return undefined;
  }

  /** The errors SQL Server raises for a statement the model can judge: syntax, names taken, missing objects. */
  private check(
    sql: string,
    before: DatabaseModel,
    after: ScriptReadResult,
    warningsBefore: number,
  ): { error: ServerMessage } | undefined {
    if (after.warnings.length > warningsBefore) {
      return failure(102, `Incorrect syntax: ${after.warnings[after.warnings.length - 1]!.message}`);
    }
    const tokens = significantTokens(sql);
    const words = tokens.slice(0, 3).map((t) => t.upper);
    if (
      words[0] === "CREATE" &&
      (words[1] === "TABLE" || words[1] === "VIEW" || words[1] === "FUNCTION" || words[1] === "PROCEDURE")
    )
      return checkNameFree(tokens, before);
    if (words[0] === "ALTER" && words[1] === "TABLE") return checkAlterTable(tokens, before, after);
    if (words[0] === "CREATE" && words[1] === "SECURITY") return checkSecurityPolicy(before, after);
    return undefined;
  }
}

type Tokens = ReturnType<typeof significantTokens>;

/** CREATE TABLE/VIEW/FUNCTION/PROCEDURE of a name already taken: 2714. */
function checkNameFree(tokens: Tokens, before: DatabaseModel): { error: ServerMessage } | undefined {
  const { key } = nameAt(tokens, 2);
  const exists = [...before.tables, ...before.views, ...before.functions, ...before.procedures].some(
    (o) => o.key === key,
  );
  return exists ? failure(2714, `There is already an object named '${key}' in the database.`) : undefined;
}

/** ALTER TABLE: the table must exist (4902), a foreign key's table too (1767), and system versioning's rules hold. */
function checkAlterTable(
  tokens: Tokens,
  before: DatabaseModel,
  after: ScriptReadResult,
): { error: ServerMessage } | undefined {
  const tables = new Map(before.tables.map((t) => [t.key, t]));
  const { key, next } = nameAt(tokens, 2);
  const table = tables.get(key);
  if (table === undefined)
    return failure(4902, `Cannot find the object "${key}" because it does not exist or you do not have permissions.`);
  const rest = tokens.slice(next).map((t) => t.upper);
  const referenced = tokens.findIndex((t) => t.upper === "REFERENCES");
  if (referenced > 0 && !tables.has(nameAt(tokens, referenced + 1).key))
    return failure(1767, `Foreign key references invalid table '${nameAt(tokens, referenced + 1).key}'.`);
  if (rest[0] === "SET" && rest.includes("SYSTEM_VERSIONING") && rest[rest.indexOf("SYSTEM_VERSIONING") + 2] === "ON")
    return checkSystemVersioningOn(table, tables, after);
  return undefined;
}

/** SET (SYSTEM_VERSIONING = ON): a primary key and a period on the table; a history table that fits (13523, 13539). */
function checkSystemVersioningOn(
  table: DatabaseModel["tables"][number],
  tables: Map<string, DatabaseModel["tables"][number]>,
  after: ScriptReadResult,
): { error: ServerMessage } | undefined {
  const key = table.key;
  if (table.primaryKey === undefined)
    return failure(13553, `System versioned temporal table '${key}' must have primary key defined.`);
  if (table.period === undefined)
    return failure(13510, `Cannot set SYSTEM_VERSIONING to ON when SYSTEM_TIME period is not defined on '${key}'.`);
  const history = after.model.tables.find((t) => t.key === key)?.systemVersioning?.historyTable;
  const existing = history !== undefined ? tables.get(qualifiedKey(history)) : undefined;
  if (existing !== undefined && existing.columns.length !== table.columns.length) {
    return failure(
      13523,
      `Setting SYSTEM_VERSIONING to ON failed because table '${key}' has ${table.columns.length} columns and table '${existing.key}' has ${existing.columns.length} columns.`,
    );
  }
  if (existing?.primaryKey !== undefined)
    return failure(
      13539,
      `Setting SYSTEM_VERSIONING to ON failed because history table '${existing.key}' has a primary key defined.`,
    );
  return undefined;
}

/** CREATE SECURITY POLICY: each predicate's function (4121) and table (208) must exist. */
function checkSecurityPolicy(before: DatabaseModel, after: ScriptReadResult): { error: ServerMessage } | undefined {
  const tables = new Set(before.tables.map((t) => t.key));
  const policy = after.model.securityPolicies.find((p) => !before.securityPolicies.some((b) => b.key === p.key));
  const functions = new Set(before.functions.map((f) => f.key));
  for (const predicate of policy?.predicates ?? []) {
    const call = significantTokens(predicate.definition).filter((t) => t.text !== "(");
    const fn =
      call[1]?.text === "."
        ? schemaObjectKey(call[0]!.value, call[2]!.value)
        : schemaObjectKey("dbo", call[0]?.value ?? "");
    if (!functions.has(fn))
      return failure(
        4121,
        `Cannot find either column "${fn}" or the user-defined function or aggregate "${fn}", or the name is ambiguous.`,
      );
    if (!tables.has(qualifiedKey(predicate.table)))
      return failure(208, `Invalid object name '${qualifiedKey(predicate.table)}'.`);
  }
  return undefined;
}

function moduleExists(model: DatabaseModel, kind: string, key: string): boolean {
  const list =
    kind === "VIEW"
      ? model.views
      : kind === "FUNCTION"
        ? model.functions
        : kind === "PROCEDURE"
          ? model.procedures
          : model.triggers;
  return list.some((o: { key: string }) => o.key === key);
}

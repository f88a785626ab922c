/**
 * State shared by the statement parsers while a set of script files is read: the model being built, the
 * warnings, and statements that must wait until every file has been read (ALTER TABLE, CREATE INDEX and role
 * membership may come from files that sort before the table or role they change).
 */
import {
  emptyModel,
  type DatabaseModel,
  type RoleDef,
  type SchemaObject,
  type SourceLocation,
  type StatementDef,
  type TableDef,
  type ViewDef,
} from "../model";
import { statementKey } from "../keys";
import type { Statement } from "../statements";
import { redactSecrets } from "../redact";

/**
 * What a warning is about, so callers can tell "the reader did not understand this" from "this is not schema":
 * - `notUnderstood`: a statement the reader could not read; kept in the model as written (and replayed).
 * - `schema`: a remark on a schema statement that was read (a part not modelled, a duplicate, an unknown table).
 * - `data`: data statements (INSERT, UPDATE, DELETE, MERGE, TRUNCATE, and the DECLARE / IF / transaction
 *   logic around them): not part of the schema, not in the model, not deployed.
 * - `script`: install-script logic with no schema or data change (variables, guards, RAISERROR, queries,
 *   CHECKPOINT): not in the model, not deployed.
 * - `drop`: DROP statements (also `IF EXISTS (...) DROP ...`): the model holds what the scripts create.
 * - `database`: database-level statements and settings (CREATE DATABASE, BACKUP, options the model lacks).
 * - `sqlcmd`: sqlcmd commands and variables (`:r` not found, `:on error`, `$(x)` without a value, `GO n`).
 * - `file`: how a file was read (text encoding).
 */
export type ScriptWarningKind =
  "notUnderstood" | "schema" | "data" | "script" | "drop" | "database" | "sqlcmd" | "file";

export interface ScriptWarning {
  file: string;
  line: number;
  /** The first words of the statement, as written. */
  firstWords: string;
  message: string;
  kind: ScriptWarningKind;
}

export class ReaderContext {
  readonly model: DatabaseModel;
  readonly warnings: ScriptWarning[] = [];
  private readonly deferred: (() => void)[] = [];
  private readonly finally: (() => void)[] = [];
  private readonly seen = new Set<string>();
  private readonly tables = new Map<string, TableDef>();
  private readonly views = new Map<string, ViewDef>();
  /** Keys given to kept statements so far. */
  private readonly statementKeys = new Set<string>();
  /** File being read. */
  file = "<inline>";

  constructor(
    readonly defaultSchema: string,
    databaseName?: string,
  ) {
    this.model = emptyModel(databaseName);
  }

  source(stmt: Statement): SourceLocation {
    return { file: this.file, line: stmt.line };
  }

  warn(stmt: Statement, message: string, file = this.file, kind: ScriptWarningKind = "schema"): void {
    this.warnings.push({ file, line: stmt.line, firstWords: firstWords(stmt), message, kind });
  }

  /** A warning about something that is not a parsed statement (a run of data statements, a sqlcmd line). */
  report(kind: ScriptWarningKind, line: number, firstWordsText: string, message: string, file = this.file): void {
    this.warnings.push({ file, line, firstWords: firstWordsText, message, kind });
  }

  /**
   * Adds an object to its list unless one of the same kind and key already exists (the first definition wins,
   * the duplicate is reported).
   */
  add<T extends SchemaObject>(list: T[], obj: T, stmt: Statement): boolean {
    const id = `${obj.kind} ${obj.key}`;
    if (this.seen.has(id)) {
      this.warn(stmt, `duplicate ${obj.kind} ${obj.key}; the first definition is kept`);
      return false;
    }
    this.seen.add(id);
    list.push(obj);
    if (obj.kind === "table") this.tables.set(obj.key, obj as TableDef);
    if (obj.kind === "view") this.views.set(obj.key, obj as ViewDef);
    return true;
  }

  table(key: string): TableDef | undefined {
    return this.tables.get(key);
  }

  view(key: string): ViewDef | undefined {
    return this.views.get(key);
  }

  /** A role by name, for deferred actions (the index is built once, after every file has been read). */
  role(name: string): RoleDef | undefined {
    this.roleIndex ??= new Map(this.model.roles.map((r) => [r.name, r]));
    return this.roleIndex.get(name);
  }
  private roleIndex: Map<string, RoleDef> | undefined;

  /** Keeps a statement the reader does not turn into an object, so nothing is silently dropped. */
  keepStatement(stmt: Statement, unrecognized: boolean, reason?: string, file = this.file): void {
    // A second statement kept from the same line is told apart by its column (see statementKey).
    let key = statementKey(file, stmt.line);
    if (this.statementKeys.has(key)) key = statementKey(file, stmt.line, stmt.tokens[0]?.column ?? 1);
    this.statementKeys.add(key);
    const def: StatementDef = {
      kind: "statement",
      key,
      name: firstWords(stmt),
      source: { file, line: stmt.line },
      firstWords: leadingKeywords(stmt),
      sql: redactSecrets(stmt.text),
      unrecognized,
    };
    this.model.statements.push(def);
    if (unrecognized) this.warn(stmt, reason ?? "statement not understood; kept as written", file, "notUnderstood");
  }

  /** Runs `action` after every file has been read, with warnings attributed to the current file. */
  defer(action: () => void): void {
    this.deferred.push(action);
  }

  /** Runs `action` after every deferred action (checks that need the whole set read, such as an indexed view's clustered index). */
  atEnd(action: () => void): void {
    this.finally.push(action);
  }

  runDeferred(): void {
    for (const action of this.deferred.splice(0)) action();
    for (const action of this.finally.splice(0)) action();
  }
}

/**
 * The statement's first six tokens as written (whitespace collapsed), for warnings: `CREATE TABLE dbo.T (`.
 * Redacted, because six tokens can already reach a password: `EXEC sp_password 'old', 'new'`.
 */
export function firstWords(stmt: Statement): string {
  const last = stmt.tokens[Math.min(5, stmt.tokens.length - 1)]!;
  return firstWordsOf(stmt.text.slice(0, last.end - stmt.start));
}

/** `firstWords` for text already cut after the sixth token. */
export function firstWordsOf(text: string): string {
  return redactSecrets(text).replace(/\s+/g, " ");
}

/** Statements whose second word says what they are (CREATE TABLE, DBCC TRACEON, SET ANSI_NULLS). */
const TWO_WORD_STATEMENTS = new Set(["CREATE", "ALTER", "DROP", "DBCC", "SET", "BULK"]);

/**
 * What kind of statement this is, upper-case: `USE`, `EXEC`, `DBCC TRACEON`, `CREATE MESSAGE`. Names never
 * become part of it (`USE Db` is `USE`), so rules can match on it.
 */
function leadingKeywords(stmt: Statement): string {
  const [first, second] = stmt.tokens;
  if (first === undefined) return "";
  const isWordToken = (t: typeof first | undefined): boolean =>
    t !== undefined && (t.type === "keyword" || t.type === "identifier");
  if (!isWordToken(first)) return first.text;
  if (TWO_WORD_STATEMENTS.has(first.upper) && isWordToken(second)) return `${first.upper} ${second!.upper}`;
  return first.upper;
}

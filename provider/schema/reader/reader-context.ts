/**
 * State shared by the statement parsers while a set of script files is read: the model being built, the
 * warnings, and statements that must wait until every file has been read (ALTER TABLE, CREATE INDEX and role
 * membership may come from files that sort before the table or role they change).
 */
import { emptyModel, type DatabaseModel, type SchemaObject, type SourceLocation, type StatementDef, type TableDef } from "../model";
import { statementKey } from "../keys";
import type { Statement } from "../statements";
import { redactSecrets } from "../redact";

export interface ScriptWarning {
  file: string;
  line: number;
  /** The first words of the statement, as written. */
  firstWords: string;
  message: string;
}

export class ReaderContext {
  readonly model: DatabaseModel;
  readonly warnings: ScriptWarning[] = [];
  private readonly deferred: (() => void)[] = [];
  private readonly seen = new Set<string>();
  private readonly tables = new Map<string, TableDef>();
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

  warn(stmt: Statement, message: string, file = this.file): void {
    this.warnings.push({ file, line: stmt.line, firstWords: firstWords(stmt), message });
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
    return true;
  }

  table(key: string): TableDef | undefined {
    return this.tables.get(key);
  }

  /** Keeps a statement the reader does not turn into an object, so nothing is silently dropped. */
  keepStatement(stmt: Statement, unrecognized: boolean, reason?: string, file = this.file): void {
    const def: StatementDef = {
      kind: "statement",
      key: statementKey(file, stmt.line),
      name: firstWords(stmt),
      source: { file, line: stmt.line },
      firstWords: leadingKeywords(stmt),
      sql: redactSecrets(stmt.text),
      unrecognized,
    };
    this.model.statements.push(def);
    if (unrecognized) this.warn(stmt, reason ?? "statement not understood; kept as written", file);
  }

  /** Runs `action` after every file has been read, with warnings attributed to the current file. */
  defer(action: () => void): void {
    this.deferred.push(action);
  }

  runDeferred(): void {
    for (const action of this.deferred.splice(0)) action();
  }
}

/**
 * The statement's first six tokens as written (whitespace collapsed), for warnings: `CREATE TABLE dbo.T (`.
 * Redacted, because six tokens can already reach a password: `EXEC sp_password 'old', 'new'`.
 */
export function firstWords(stmt: Statement): string {
  const last = stmt.tokens[Math.min(5, stmt.tokens.length - 1)]!;
  return redactSecrets(stmt.text.slice(0, last.end - stmt.start)).replace(/\s+/g, " ");
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
  const isWordToken = (t: typeof first | undefined): boolean => t !== undefined && (t.type === "keyword" || t.type === "identifier");
  if (!isWordToken(first)) return first.text;
  if (TWO_WORD_STATEMENTS.has(first.upper) && isWordToken(second)) return `${first.upper} ${second!.upper}`;
  return first.upper;
}

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
      firstWords: stmt.tokens
        .slice(0, 2)
        .filter((t) => t.type === "keyword" || t.type === "identifier")
        .map((t) => t.upper)
        .join(" "),
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

/** Up to four leading tokens as written, for warnings. */
export function firstWords(stmt: Statement): string {
  return stmt.tokens
    .slice(0, 4)
    .map((t) => t.text)
    .join(" ");
}

/**
 * What a statement is, before any parser looks at it: schema (parsed into the model), a loose statement the
 * model keeps (USE, EXEC, DBCC, SET options, PRINT), or something that is not schema at all — data changes,
 * install-script logic, drops, database-level statements. Those are reported with a precise reason and kept
 * out of the model: the generator replays every kept statement, and replaying an install script's INSERTs,
 * guards or drops into the target would be wrong (the data is moved by the data migration).
 *
 * Consecutive data and script statements of a file (a seed script: PRINT, BEGIN TRAN, DECLARE, thousands of
 * INSERTs, COMMIT) are reported as one entry, with counts and the line range.
 */
import { leavesOf, statementOf, textOf, type Statement, type StatementNode, type TokenTable } from "../statements";
import { firstWordsOf, type ReaderContext } from "./reader-context";

/**
 * - `dispatch`: schema, or a statement the parsers decide on (unknown ones are kept and reported there).
 * - `loose`: a non-object statement the model keeps as written (USE, EXEC, DBCC, SET option, BULK INSERT).
 * - `message`: PRINT: kept when alone, part of the run when next to data or script statements.
 * - `data`, `script`, `drop`, `database`: reported, not kept.
 */
export type StatementClass = "dispatch" | "loose" | "message" | "data" | "script" | "drop" | "database";

const DATA_VERBS = new Set(["INSERT", "DELETE", "MERGE", "TRUNCATE", "READTEXT", "WRITETEXT", "UPDATETEXT"]);
const SCRIPT_VERBS = new Set([
  "DECLARE",
  "RAISERROR",
  "THROW",
  "RETURN",
  "BREAK",
  "CONTINUE",
  "GOTO",
  "WAITFOR",
  "COMMIT",
  "ROLLBACK",
  "SAVE",
  "OPEN",
  "FETCH",
  "CLOSE",
  "DEALLOCATE",
  "REVERT",
  "KILL",
  "SHUTDOWN",
  "CHECKPOINT",
  "BEGIN",
  "WITH",
]);
const LOOSE_VERBS = new Set(["USE", "DBCC", "RECONFIGURE", "SETUSER", "BULK"]);
const DATABASE_VERBS = new Set(["BACKUP", "RESTORE"]);
/** Procedures whose calls the parsers read into the model. */
const SCHEMA_PROCEDURES = new Set(["SP_ADDROLEMEMBER", "SP_ADDLINKEDSERVER"]);

/** The class of a statement that is not a block. */
export function classifyLeaf(t: TokenTable, node: StatementNode): StatementClass {
  if (node.module) return "dispatch";
  const verb = node.verb;
  const first = node.first;
  const second = node.last > first ? t.word(first + 1) : "";
  if (DATA_VERBS.has(verb)) return "data";
  if (verb === "UPDATE") return second === "STATISTICS" ? "script" : "data";
  if (verb === "DROP") return "drop";
  if (verb === "PRINT") return "message";
  if (verb === "SELECT") {
    const into = intoTarget(t, node);
    // SELECT ... INTO #temp is the script's own scratch table; INTO a real table is DDL the parsers report.
    return into === -1 || t.text(into).startsWith("#") ? "script" : "dispatch";
  }
  // CREATE TABLE #temp: a scratch table of the script, not part of the schema.
  if (verb === "CREATE" && second === "TABLE" && t.text(first + 2).startsWith("#")) return "script";
  if (verb === "SET") return node.last > first && t.type(first + 1) === "variable" ? "script" : "loose";
  if (verb === "EXEC" || verb === "EXECUTE") {
    if (second === "AS") return "script";
    if (SCHEMA_PROCEDURES.has(procedureName(t, node))) return "dispatch";
    // A call that passes the batch's local variables belongs to the script around it: alone, it cannot run.
    return usesLocalVariables(t, node) ? "script" : "loose";
  }
  if (SCRIPT_VERBS.has(verb)) return "script";
  if (LOOSE_VERBS.has(verb)) return "loose";
  if (DATABASE_VERBS.has(verb)) return "database";
  // A label: `name:`.
  if (node.last === first + 1 && t.type(first) === "identifier" && t.text(first + 1) === ":") return "script";
  return "dispatch";
}

/** Whether the statement reads a local variable (`@x` that is not a parameter name in `@name = value`). */
function usesLocalVariables(t: TokenTable, node: StatementNode): boolean {
  for (let i = node.first; i <= node.last; i++) {
    if (t.type(i) !== "variable" || t.text(i).startsWith("@@")) continue;
    // EXEC @status = proc ... assigns a variable; @name = value names a parameter.
    if (t.text(i + 1) === "=" && i !== node.first + 1) continue;
    return true;
  }
  return false;
}

/** SELECT ... INTO name (creates a table from a query): the index of the name's first token, or -1. */
function intoTarget(t: TokenTable, node: StatementNode): number {
  let depth = 0;
  for (let i = node.first + 1; i <= node.last; i++) {
    if (t.isPunct(i, 40 /* ( */)) depth++;
    else if (t.isPunct(i, 41 /* ) */)) depth--;
    else if (depth === 0) {
      const w = t.word(i);
      if (w === "INTO") return i + 1 <= node.last ? i + 1 : -1;
      if (w === "FROM") return -1;
    }
  }
  return -1;
}

/** Last part of the procedure name after EXEC (`EXEC master.dbo.sp_x` → SP_X); "" when it is not a name. */
function procedureName(t: TokenTable, node: StatementNode): string {
  let i = node.first + 1;
  if (t.type(i) === "variable" && t.text(i + 1) === "=") i += 2;
  let last = "";
  while (i <= node.last && (t.type(i) === "identifier" || t.type(i) === "quotedIdentifier")) {
    last = t.type(i) === "identifier" ? t.word(i) : t.token(i).value.toUpperCase();
    if (t.text(i + 1) !== ".") break;
    i += 2;
  }
  return last;
}

/**
 * What to do with a block (IF / WHILE / BEGIN...END / TRY...CATCH), from the statements inside it:
 * - `expand`: it holds schema statements: each statement inside is read on its own (the condition is not
 *   evaluated; `IF NOT EXISTS (...) CREATE TABLE ...` gives the table).
 * - `data`, `drop`, `database`, `script`: reported as one entry of that class.
 * - `keep`: it holds loose statements (EXEC...): kept as written, as a loose EXEC would be.
 */
export function classifyBlock(
  t: TokenTable,
  node: StatementNode,
): "expand" | "keep" | "data" | "drop" | "database" | "script" {
  const classes = new Set(leavesOf(node).map((leaf) => classifyLeaf(t, leaf)));
  if (classes.has("dispatch")) return "expand";
  if (classes.has("data")) return "data";
  if (classes.has("drop")) return "drop";
  if (classes.has("database")) return "database";
  if (classes.has("loose")) return usesLocalVariables(t, node) ? "script" : "keep";
  return "script";
}

/** A statement waiting in the current run of data / script statements. */
interface RunEntry {
  cls: "data" | "script" | "message";
  label: string;
  line: number;
  /** First words of the first entry only (computed when the run starts). */
  firstWords?: string;
  /** PRINT statements are kept if the run turns out to hold nothing else, with the text their offsets refer to. */
  statement?: Statement;
  source?: string;
}

/**
 * Reads the statements of one file's batches in order: hands schema and loose statements to `dispatch`,
 * reports the rest. Call `flush()` at the end of the file (and before an included file starts).
 */
export class StatementRouter {
  private run: RunEntry[] = [];
  private lastLine = 0;

  constructor(
    private readonly ctx: ReaderContext,
    private readonly dispatch: (stmt: Statement, source: string) => void,
  ) {}

  /** One top-level statement (or block) of the batch in `t`. */
  route(t: TokenTable, node: StatementNode): void {
    const lastLine = t.lines[node.last]!;
    if (node.body !== undefined) {
      const action = classifyBlock(t, node);
      if (action === "expand") {
        this.flush();
        // Every statement inside, nested blocks included, is read on its own.
        const leaves = leavesOf(node);
        const inside = leaves.length === 1 ? "the statement inside is" : `the ${leaves.length} statements inside are`;
        this.ctx.report(
          "script",
          t.lines[node.first]!,
          this.firstWords(t, node),
          `${blockLabel(t, node)} block holding schema statements: its condition is not evaluated; ${inside} read as if it held`,
        );
        for (const leaf of leaves) this.route(t, leaf);
        return;
      }
      if (action === "keep") {
        this.flush();
        this.ctx.keepStatement(statementOf(t, node.first, node.last), false);
        return;
      }
      if (action === "data" || action === "script") return this.add(t, node, action, blockLabel(t, node), lastLine);
      this.flush();
      const inside = leavesOf(node).filter((leaf) => classifyLeaf(t, leaf) === action);
      const what = inside.map((leaf) => this.firstWords(t, leaf)).join("; ");
      if (action === "drop")
        this.ctx.report(
          "drop",
          t.lines[node.first]!,
          this.firstWords(t, node),
          `conditional drop (${what}): ${DROP_REASON}`,
        );
      else
        this.ctx.report(
          "database",
          t.lines[node.first]!,
          this.firstWords(t, node),
          `database-level statements (${what}): ${DATABASE_REASON}`,
        );
      return;
    }
    const cls = classifyLeaf(t, node);
    switch (cls) {
      case "data":
      case "script":
        return this.add(t, node, cls, leafLabel(t, node), lastLine);
      case "message":
        return this.add(t, node, "message", "PRINT", lastLine, statementOf(t, node.first, node.last));
      case "drop":
        this.flush();
        this.ctx.report("drop", t.lines[node.first]!, this.firstWords(t, node), `drop statement: ${DROP_REASON}`);
        return;
      case "database":
        this.flush();
        this.ctx.report(
          "database",
          t.lines[node.first]!,
          this.firstWords(t, node),
          `database-level statement (${leafLabel(t, node)}): ${DATABASE_REASON}`,
        );
        return;
      default:
        this.flush();
        this.dispatch(statementOf(t, node.first, node.last), t.source);
    }
  }

  private add(
    t: TokenTable,
    node: StatementNode,
    cls: RunEntry["cls"],
    label: string,
    lastLine: number,
    statement?: Statement,
  ): void {
    const entry: RunEntry = { cls, label, line: t.lines[node.first]! };
    if (this.run.length === 0) entry.firstWords = this.firstWords(t, node);
    if (statement !== undefined) {
      entry.statement = statement;
      entry.source = t.source;
    }
    this.run.push(entry);
    this.lastLine = lastLine;
  }

  /** Reports (or, for PRINT alone, keeps) the run of data / script statements collected so far. */
  flush(): void {
    const run = this.run;
    if (run.length === 0) return;
    this.run = [];
    const hasData = run.some((e) => e.cls === "data");
    const hasScript = run.some((e) => e.cls === "script");
    if (!hasData && !hasScript) {
      for (const e of run) this.dispatch(e.statement!, e.source!);
      return;
    }
    const first = run[0]!;
    const kind = hasData ? "data" : "script";
    const what = hasData ? "data statement" : "script statement";
    const reason = hasData ? DATA_REASON : SCRIPT_REASON;
    let message: string;
    if (run.length === 1) message = `${what} (${first.label}), ${reason}`;
    else {
      const counts = new Map<string, number>();
      for (const e of run) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
      const listed = [...counts].map(([label, n]) => `${n} ${label}`);
      const lines = first.line === this.lastLine ? `line ${first.line}` : `lines ${first.line}-${this.lastLine}`;
      message = `${run.length} ${what}s (${lines}: ${listed.join(", ")}), ${reason}`;
    }
    this.ctx.report(kind, first.line, first.firstWords!, message);
  }

  /** The first six tokens' text; it stops at a `(` whose rows were stepped over (their text can be huge). */
  private firstWords(t: TokenTable, node: StatementNode): string {
    let last = Math.min(node.first + 5, node.last);
    for (let i = node.first; i < last; i++) {
      if (t.isPunct(i, 40) && t.isPunct(i + 1, 41) && t.starts[i + 1]! > t.ends[i]! + 1) last = i;
    }
    return firstWordsOf(textOf(t, node.first, last));
  }
}

const DATA_REASON = "not part of the schema; not deployed (data is moved by the data migration)";
const SCRIPT_REASON = "install-script logic, not part of the schema; not deployed";
const DROP_REASON = "ignored for the model (it holds what the scripts create); not deployed";
export const DATABASE_REASON =
  "database-level, not part of the schema (the deployment targets an existing Azure SQL database); not deployed";

/** `INSERT`, `BEGIN TRANSACTION`, `UPDATE STATISTICS`, `SELECT`. */
function leafLabel(t: TokenTable, node: StatementNode): string {
  const verb = node.verb || t.text(node.first);
  const second = node.last > node.first ? t.word(node.first + 1) : "";
  if (verb === "BEGIN" && (second === "TRAN" || second === "TRANSACTION")) return "BEGIN TRANSACTION";
  if (verb === "BEGIN" && second !== "") return `BEGIN ${second}`;
  if ((verb === "COMMIT" || verb === "ROLLBACK") && (second === "TRAN" || second === "TRANSACTION"))
    return `${verb} TRANSACTION`;
  if (verb === "UPDATE" && second === "STATISTICS") return "UPDATE STATISTICS";
  if ((verb === "BACKUP" || verb === "RESTORE" || verb === "DROP") && second !== "") return `${verb} ${second}`;
  if (verb === "SET") return "SET @variable";
  return verb;
}

function blockLabel(t: TokenTable, node: StatementNode): string {
  if (node.verb === "BEGIN") return t.word(node.first + 1) === "TRY" ? "TRY...CATCH" : "BEGIN...END";
  return node.verb;
}

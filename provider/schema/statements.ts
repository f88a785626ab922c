/**
 * Splits one batch into statements. T-SQL does not require semicolons, so besides `;` a statement also ends
 * where another one begins: the splitter knows which words begin a statement and in which clauses they do not
 * (`INSERT ... SELECT`, `UPDATE ... SET`, `ON DELETE SET NULL`, `GRANT SELECT, INSERT`, `FOR UPDATE`,
 * `DROP TABLE IF EXISTS`, `WHEN MATCHED THEN DELETE`...). Control flow is read as blocks: `IF cond stmt [ELSE
 * stmt]`, `WHILE cond stmt`, `BEGIN ... END`, `BEGIN TRY ... END TRY BEGIN CATCH ... END CATCH`, so an old-style
 * `if exists (...) drop table x` is one statement whose body is the DROP. A CREATE or ALTER of a view,
 * function, procedure or trigger (and the old CREATE RULE / CREATE DEFAULT) must be alone in its batch, so it
 * takes the rest of the batch.
 *
 * The batch is lexed once into a compact table (type, offsets, line, column and the upper-cased text of words
 * per token; no objects), split over that table in one forward pass, and Token objects are made only for the
 * statements a parser reads. Every step is linear in the size of the batch.
 */
import {
  Lexer,
  TOKEN_TYPES,
  T_LINECOMMENT,
  T_PUNCTUATION,
  T_VARIABLE,
  isWord,
  unquote,
  type Token,
  type TokenType,
} from "./tokenizer";

export interface Statement {
  /** Significant tokens of the statement (no whitespace or comments). */
  tokens: Token[];
  /** Source text from the first to the last significant token (comments inside are kept). */
  text: string;
  line: number;
  start: number;
  end: number;
  /** SET QUOTED_IDENTIFIER when the statement was read (absent: ON). */
  quotedIdentifier?: boolean;
}

const CODE_OF = new Map<TokenType, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const PUNCTUATION = T_PUNCTUATION;
const FLAG_UNTERMINATED = 1;
const FLAG_UNICODE = 2;

/** The significant tokens of a batch, column by column. Arrays grow as needed and are reused between batches. */
export class TokenTable {
  count = 0;
  source = "";
  types: Uint8Array = new Uint8Array(1024);
  flags: Uint8Array = new Uint8Array(1024);
  starts: Int32Array = new Int32Array(1024);
  ends: Int32Array = new Int32Array(1024);
  lines: Int32Array = new Int32Array(1024);
  columns: Int32Array = new Int32Array(1024);
  /** Upper-cased text of keywords and unquoted identifiers; "" for other tokens. */
  words: string[] = [];
  /** QUOTED_IDENTIFIER in force at each token (1 = ON). */
  quotedIdentifier: Uint8Array = new Uint8Array(1024);
  /**
   * When the batch is a module whose body was stepped over (lexBatch), the offset after the body's last
   * significant character: the module's text runs to it, past the table's last token. -1 otherwise.
   */
  bodyEnd = -1;
  /** The text ended inside a string, quoted identifier, comment or stepped-over group (Lexer.ranOff). */
  ranOff = false;

  reset(source: string): void {
    this.count = 0;
    this.source = source;
    this.bodyEnd = -1;
    this.ranOff = false;
  }

  /** Adds a token; `code` is its type's index in TOKEN_TYPES. */
  push(
    code: number,
    start: number,
    end: number,
    line: number,
    column: number,
    word: string,
    flags: number,
    qi: boolean,
  ): void {
    if (this.count === this.types.length) this.grow();
    const i = this.count++;
    this.types[i] = code;
    this.starts[i] = start;
    this.ends[i] = end;
    this.lines[i] = line;
    this.columns[i] = column;
    this.words[i] = word;
    this.flags[i] = flags;
    this.quotedIdentifier[i] = qi ? 1 : 0;
  }

  private grow(): void {
    const size = this.types.length * 2;
    const grow8 = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.types = grow8(this.types);
    this.flags = grow8(this.flags);
    this.quotedIdentifier = grow8(this.quotedIdentifier);
    this.starts = grow32(this.starts);
    this.ends = grow32(this.ends);
    this.lines = grow32(this.lines);
    this.columns = grow32(this.columns);
  }

  /** Type of entry `i`; "whitespace" (which the table never holds) when `i` is out of range. */
  type(i: number): TokenType {
    return i >= 0 && i < this.count ? TOKEN_TYPES[this.types[i]!]! : "whitespace";
  }

  /** Upper-case text of the word at `i`, or "" when it is not an unquoted word (or out of range). */
  word(i: number): string {
    return i >= 0 && i < this.count ? this.words[i]! : "";
  }

  /** True when token `i` is the one-character punctuation `ch`. */
  isPunct(i: number, ch: number): boolean {
    return i >= 0 && i < this.count && this.types[i] === PUNCTUATION && this.source.charCodeAt(this.starts[i]!) === ch;
  }

  /** Source text of entry `i`; "" when `i` is out of range. */
  text(i: number): string {
    return i >= 0 && i < this.count ? this.source.slice(this.starts[i]!, this.ends[i]!) : "";
  }

  /** A Token object for entry `i`. */
  token(i: number): Token {
    const type = this.type(i);
    const text = this.text(i);
    const flags = this.flags[i]!;
    let value = text;
    let upper = text;
    if (type === "keyword" || type === "identifier") upper = this.words[i]!;
    else if (type === "string" || type === "quotedIdentifier") {
      value = unquote(text, type, (flags & FLAG_UNICODE) !== 0, (flags & FLAG_UNTERMINATED) !== 0);
      upper = type === "quotedIdentifier" ? value.toUpperCase() : value;
    } else if (type === "variable") upper = text.toUpperCase();
    const token: Token = {
      type,
      text,
      value,
      upper,
      start: this.starts[i]!,
      end: this.ends[i]!,
      line: this.lines[i]!,
      column: this.columns[i]!,
    };
    if ((flags & FLAG_UNTERMINATED) !== 0) token.unterminated = true;
    if ((flags & FLAG_UNICODE) !== 0) token.unicode = true;
    return token;
  }
}

export interface LexOptions {
  startLine?: number;
  startColumn?: number;
  /** SET QUOTED_IDENTIFIER at the start of the text (default ON). */
  quotedIdentifier?: boolean;
}

/**
 * Work counters (tests check that reading stays linear without timing anything): batches lexed, characters
 * lexed, tokens put in tables, and steps the splitter took (tokens looked at, lookahead included).
 */
export const lexStats = { batches: 0, characters: 0, tokens: 0, splitSteps: 0 };

/**
 * Lexes `text` into `table` (significant tokens only) and returns QUOTED_IDENTIFIER as it stands at the end,
 * so the caller can carry it into the next batch.
 *
 * Two parts are stepped over, not lexed (`skimValues: false` lexes everything):
 * - the rows of an `INSERT ... VALUES (...), (...)` outside a module: the table gets the first row's `(` and
 *   the last row's `)`. A data statement is reported, never parsed, and in seed scripts rows are most of the text;
 * - the body of a module (a batch that starts with CREATE/ALTER VIEW, PROCEDURE, FUNCTION or TRIGGER) while
 *   QUOTED_IDENTIFIER is ON: the table gets the header up to the AS (or BEGIN / RETURN) that starts the body and
 *   three tokens more (`AS EXTERNAL NAME` for CLR modules), and `bodyEnd` says where the module's text ends.
 *   The body is kept as text; the parsers read only the header.
 */
export function lexBatch(
  text: string,
  table: TokenTable,
  options: LexOptions & { skimValues?: boolean } = {},
): boolean {
  lexStats.batches++;
  lexStats.characters += text.length;
  table.reset(text);
  const lexer = new Lexer(text, options);
  let skim = options.skimValues !== false;
  let depth = 0;
  /** After VALUES at depth 0, while only row groups and commas follow. */
  let inValues = false;
  let prevWord = "";
  let lastVerb = "";
  /** Module header: 0 not decided yet, 1 in a module's header, 2 not a module (or the body is lexed). */
  let header = skim ? 0 : 2;
  let moduleKind = "";
  /** Tokens still to take after the body's first token; -1 before the body starts. */
  let tail = -1;
  for (;;) {
    const qi = lexer.quotedIdentifier;
    if (!lexer.next()) break;
    const code = lexer.code;
    if (code >= T_LINECOMMENT) continue;
    const flags = (lexer.unterminated ? FLAG_UNTERMINATED : 0) | (lexer.unicode ? FLAG_UNICODE : 0);
    table.push(code, lexer.start, lexer.pos, lexer.line, lexer.column, lexer.upper, flags, qi);
    lexStats.tokens++;
    if (header !== 2) {
      const index = table.count - 1;
      const word = lexer.upper;
      if (header === 0) {
        moduleKind = moduleStartAt(table, index);
        if (moduleKind === "?") moduleKind = "";
        else if (moduleKind === "" || !qi) header = 2;
        else header = 1;
      } else if (tail > 0) {
        if (--tail === 0) {
          table.bodyEnd = lexer.skipToEnd();
          break;
        }
      } else if (code === T_PUNCTUATION) {
        const ch = text.charCodeAt(lexer.start);
        if (ch === OPEN_PAREN) depth++;
        else if (ch === CLOSE_PAREN) depth = Math.max(0, depth - 1);
      } else if (depth === 0 && startsModuleBody(table, index, word, moduleKind)) tail = 3;
      if (header === 1 || !skim) continue;
    }
    if (!skim) continue;
    if (code === T_PUNCTUATION) {
      const ch = text.charCodeAt(lexer.start);
      if (ch === OPEN_PAREN) {
        if (inValues && depth === 0) {
          // The table gets the first row's "(" and the last row's ")".
          lexer.skipRows();
          continue;
        }
        depth++;
      } else if (ch === CLOSE_PAREN) depth = Math.max(0, depth - 1);
      else if (ch !== COMMA) inValues = false;
      continue;
    }
    const word = lexer.upper;
    if (word === "") {
      inValues = false;
      continue;
    }
    // A module's body is parsed as a whole: lex all of it.
    if (MODULE_WORDS.has(word) && (prevWord === "CREATE" || prevWord === "ALTER")) skim = false;
    // Only an INSERT's VALUES (`CREATE PARTITION FUNCTION ... FOR VALUES (...)` is schema).
    if (depth === 0 && STATEMENT_WORDS.has(word)) lastVerb = word;
    inValues = depth === 0 && word === "VALUES" && lastVerb === "INSERT";
    prevWord = word;
  }
  table.ranOff = lexer.ranOff;
  return lexer.quotedIdentifier;
}

/**
 * Whether the tokens so far (the last at `index`) start a module: its kind (VIEW, PROCEDURE...), "" when they
 * do not, "?" when it is too early to tell (CREATE, CREATE OR).
 */
function moduleStartAt(t: TokenTable, index: number): string {
  const w0 = t.words[0]!;
  if (w0 !== "CREATE" && w0 !== "ALTER") return "";
  if (index === 0) return "?";
  const w = t.words[index]!;
  if (index === 1) return MODULE_WORDS.has(w) ? w : w0 === "CREATE" && w === "OR" ? "?" : "";
  if (index === 2) return w === "ALTER" ? "?" : "";
  return MODULE_WORDS.has(w) ? w : "";
}

/** The token at `index` (depth 0) starts a module's body: AS (not `@p AS type`, not `EXECUTE AS`), or for functions BEGIN / RETURN. */
function startsModuleBody(t: TokenTable, index: number, word: string, kind: string): boolean {
  if (word === "AS") {
    const prev = t.words[index - 1]!;
    return t.types[index - 1] !== T_VARIABLE && prev !== "EXECUTE" && prev !== "EXEC";
  }
  return kind === "FUNCTION" && (word === "BEGIN" || word === "RETURN");
}

/** A statement found in a batch: token indices into the batch's table, and for blocks the statements inside. */
export interface StatementNode {
  /** First and last significant token, inclusive (a terminating `;` is not part of the statement). */
  first: number;
  last: number;
  /**
   * What the statement does, from its leading words: the first word upper-cased (`INSERT`, `IF`, `CREATE`), or
   * for a statement starting with a common table expression the statement after it (`WITH ... DELETE` →
   * `DELETE`); "" when it starts with something other than a word.
   */
  verb: string;
  /** IF / WHILE / BEGIN...END / TRY...CATCH: the statements inside, in order (nested blocks as nodes). */
  body?: StatementNode[];
  /** A module (view, function, procedure, trigger) or CREATE RULE / DEFAULT: the rest of the batch. */
  module?: boolean;
}

const MODULE_WORDS = new Set(["VIEW", "PROC", "PROCEDURE", "FUNCTION", "TRIGGER"]);
/** Old-style objects that must also be alone in their batch. */
const BATCH_ONLY_WORDS = new Set(["RULE", "DEFAULT"]);

/** Words that can begin a statement; whether they do at a given place depends on the statement around them. */
const STATEMENT_WORDS = new Set([
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "MERGE",
  "TRUNCATE",
  "CREATE",
  "ALTER",
  "DROP",
  "GRANT",
  "DENY",
  "REVOKE",
  "EXEC",
  "EXECUTE",
  "DECLARE",
  "SET",
  "PRINT",
  "RAISERROR",
  "THROW",
  "RETURN",
  "BREAK",
  "CONTINUE",
  "GOTO",
  "WAITFOR",
  "BEGIN",
  "IF",
  "WHILE",
  "USE",
  "DBCC",
  "CHECKPOINT",
  "BULK",
  "BACKUP",
  "RESTORE",
  "COMMIT",
  "ROLLBACK",
  "SAVE",
  "OPEN",
  "FETCH",
  "CLOSE",
  "DEALLOCATE",
  "KILL",
  "SHUTDOWN",
  "RECONFIGURE",
  "SETUSER",
  "WITH",
  "ENABLE",
  "DISABLE",
  "READTEXT",
  "WRITETEXT",
  "UPDATETEXT",
  "REVERT",
]);
/** Words after which INSERT / UPDATE / DELETE name an event or an action, not a statement (ON: see fkAction). */
const DML_EVENT_PREFIXES = new Set(["FOR", "AFTER", "BEFORE", "OF", "THEN", "BULK"]);
/** What follows ON DELETE / ON UPDATE when they are a foreign key's action. */
const FK_ACTIONS = new Set(["CASCADE", "SET", "NO"]);
const SET_OPERATORS = new Set(["UNION", "ALL", "EXCEPT", "INTERSECT"]);
const BEGIN_SIMPLE = new Set(["TRAN", "TRANSACTION", "DISTRIBUTED", "DIALOG", "CONVERSATION"]);
const CTE_VERBS = new Set(["SELECT", "INSERT", "UPDATE", "DELETE", "MERGE"]);

const SEMICOLON = 59;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const COMMA = 44;

/** State of the simple statement being read, for the clause rules. */
interface Clause {
  verb: string;
  /** INSERT: its rows' source (VALUES, SELECT, EXEC, DEFAULT VALUES) has begun. */
  sawSource: boolean;
  /** UPDATE: its SET clause has begun. */
  sawSet: boolean;
  /** GRANT / DENY / REVOKE: TO or FROM has been read (before it, statement words are permissions). */
  sawTo: boolean;
  /** WITH: the common table expressions are not yet followed by their statement. */
  inCte: boolean;
}

/** Records the clause words the splitting rules depend on (words that are not statement words). */
function noteClause(w: string, clause: Clause): void {
  if (clause.verb === "INSERT" && (w === "VALUES" || w === "DEFAULT")) clause.sawSource = true;
  else if (
    (w === "TO" || w === "FROM") &&
    (clause.verb === "GRANT" || clause.verb === "DENY" || clause.verb === "REVOKE")
  )
    clause.sawTo = true;
}

/** Splits a lexed batch into statements (one forward pass). */
export function splitNodes(table: TokenTable): StatementNode[] {
  const splitter = new Splitter(table);
  const nodes = splitter.batch();
  lexStats.splitSteps += splitter.steps;
  return nodes;
}

class Splitter {
  pos = 0;
  /** Tokens looked at (each once, plus the lookahead of CTE detection). */
  steps = 0;

  constructor(private readonly t: TokenTable) {}

  batch(): StatementNode[] {
    const out: StatementNode[] = [];
    while (this.pos < this.t.count) {
      if (this.t.isPunct(this.pos, SEMICOLON)) {
        this.pos++;
        continue;
      }
      out.push(this.statement());
    }
    return out;
  }

  /** Statements up to an END at statement level (not consumed). */
  private list(): StatementNode[] {
    const out: StatementNode[] = [];
    const t = this.t;
    while (this.pos < t.count) {
      if (t.isPunct(this.pos, SEMICOLON)) {
        this.pos++;
        continue;
      }
      if (t.word(this.pos) === "END" && t.word(this.pos + 1) !== "CONVERSATION") break;
      out.push(this.statement());
    }
    return out;
  }

  private statement(): StatementNode {
    const t = this.t;
    const first = this.pos;
    if (this.startsModuleAt(first)) {
      let last = t.count - 1;
      if (last > first && t.isPunct(last, SEMICOLON)) last--;
      this.pos = t.count;
      return { first, last, verb: t.word(first), module: true };
    }
    const w = t.word(first);
    if (w === "IF" || w === "WHILE") return this.conditional(w);
    if (w === "BEGIN") {
      const next = t.word(first + 1);
      if (next === "TRY") return this.tryCatch();
      if (!BEGIN_SIMPLE.has(next)) {
        this.pos++;
        const body = this.list();
        if (t.word(this.pos) === "END") this.pos++;
        return { first, last: this.pos - 1, verb: "BEGIN", body };
      }
    }
    return this.simple();
  }

  /** `IF cond stmt [ELSE stmt]`, `WHILE cond stmt`. */
  private conditional(verb: string): StatementNode {
    const t = this.t;
    const first = this.pos++;
    // The condition runs to the first word at depth 0 that begins a statement.
    let depth = 0;
    while (this.pos < t.count) {
      const i = this.pos;
      if (t.isPunct(i, OPEN_PAREN)) depth++;
      else if (t.isPunct(i, CLOSE_PAREN)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && t.isPunct(i, SEMICOLON)) break;
      else if (
        depth === 0 &&
        STATEMENT_WORDS.has(t.word(i)) &&
        !(t.word(i) === "UPDATE" && t.isPunct(i + 1, OPEN_PAREN))
      )
        break;
      this.pos++;
    }
    this.steps += this.pos - first;
    const body: StatementNode[] = [];
    if (this.pos < t.count && !t.isPunct(this.pos, SEMICOLON)) body.push(this.statement());
    if (verb === "IF") {
      // `IF c stmt; ELSE stmt`: a semicolon may end the first branch.
      let j = this.pos;
      while (t.isPunct(j, SEMICOLON)) j++;
      if (t.word(j) === "ELSE") {
        this.pos = j + 1;
        if (this.pos < t.count) body.push(this.statement());
      }
    }
    return { first, last: Math.max(first, this.pos - 1), verb, body };
  }

  /** `BEGIN TRY ... END TRY BEGIN CATCH ... END CATCH`. */
  private tryCatch(): StatementNode {
    const t = this.t;
    const first = this.pos;
    this.pos += 2;
    const body = this.list();
    if (t.word(this.pos) === "END") this.pos += t.word(this.pos + 1) === "TRY" ? 2 : 1;
    let j = this.pos;
    while (t.isPunct(j, SEMICOLON)) j++;
    if (t.word(j) === "BEGIN" && t.word(j + 1) === "CATCH") {
      this.pos = j + 2;
      body.push(...this.list());
      if (t.word(this.pos) === "END") this.pos += t.word(this.pos + 1) === "CATCH" ? 2 : 1;
    }
    return { first, last: this.pos - 1, verb: "BEGIN", body };
  }

  /**
   * A statement that is not a block: runs to a `;`, to the END or ELSE of the block around it, or to the next
   * word that begins a statement. Parentheses and CASE...END are followed so nothing inside them counts.
   */
  private simple(): StatementNode {
    const t = this.t;
    const first = this.pos;
    const clause: Clause = {
      verb: t.word(first),
      sawSource: false,
      sawSet: false,
      sawTo: false,
      inCte: t.word(first) === "WITH",
    };
    let depth = 0;
    let caseDepth = 0;
    let i = first + 1;
    for (; i < t.count; i++) {
      if (t.types[i] === PUNCTUATION) {
        const ch = t.source.charCodeAt(t.starts[i]!);
        if (ch === OPEN_PAREN) depth++;
        else if (ch === CLOSE_PAREN) depth = Math.max(0, depth - 1);
        else if (ch === SEMICOLON && depth === 0) break;
        continue;
      }
      if (depth > 0) continue;
      const w = t.words[i]!;
      if (w === "") continue;
      if (w === "CASE") caseDepth++;
      else if (w === "END") {
        if (caseDepth > 0) caseDepth--;
        // `GENERATED ALWAYS AS ROW END` (ALTER TABLE ... ADD a period column) is not a block's END.
        else if (
          t.word(i + 1) !== "CONVERSATION" &&
          t.word(i - 1) !== "ROW" &&
          t.word(i - 1) !== "TRANSACTION_ID" &&
          t.word(i - 1) !== "SEQUENCE_NUMBER"
        )
          break;
      } else if (w === "ELSE") {
        if (caseDepth === 0) break;
      } else if (caseDepth === 0 && STATEMENT_WORDS.has(w) && this.beginsStatement(i, w, clause)) break;
      else noteClause(w, clause);
    }
    this.pos = i < t.count && t.isPunct(i, SEMICOLON) ? i + 1 : i;
    this.steps += this.pos - first;
    return { first, last: i - 1, verb: clause.verb };
  }

  /**
   * Whether the statement word `w` at `i` (depth 0) begins a new statement, given the statement being read.
   * Long on purpose: one decision table of T-SQL's statement words, read top to bottom; split, the exceptions
   * (a word that continues one statement and begins another) would sit far from the rule they qualify.
   */
  private beginsStatement(i: number, w: string, clause: Clause): boolean {
    const t = this.t;
    const prev = t.word(i - 1);
    const next = t.word(i + 1);
    if (t.isPunct(i - 1, COMMA)) return false;
    const verb = clause.verb;
    if ((verb === "GRANT" || verb === "DENY" || verb === "REVOKE") && !clause.sawTo) return false;
    if (clause.inCte && CTE_VERBS.has(w)) {
      // WITH x AS (...) SELECT|INSERT|UPDATE|DELETE|MERGE: the statement the expressions belong to.
      clause.inCte = false;
      clause.verb = w;
      return false;
    }
    switch (w) {
      case "SELECT":
        if (SET_OPERATORS.has(prev) || prev === "AS") return false;
        if (prev === "FOR" && verb === "DECLARE") return false;
        if (verb === "INSERT" && !clause.sawSource) {
          clause.sawSource = true;
          return false;
        }
        return true;
      case "INSERT":
        return !DML_EVENT_PREFIXES.has(prev) && verb !== "MERGE";
      case "DELETE":
        // ON DELETE CASCADE is a foreign key's action; `SET IDENTITY_INSERT t ON DELETE FROM t` is two statements.
        if (prev === "ON" && FK_ACTIONS.has(next)) return false;
        return !DML_EVENT_PREFIXES.has(prev) && verb !== "MERGE";
      case "UPDATE":
        if (prev === "ON" && FK_ACTIONS.has(next)) return false;
        if (DML_EVENT_PREFIXES.has(prev) || verb === "MERGE") return false;
        // UPDATE(column) is the trigger function, not a statement.
        return !t.isPunct(i + 1, OPEN_PAREN);
      case "MERGE":
        return next !== "JOIN" && next !== "RANGE" && verb !== "ALTER";
      case "SET":
        if (verb === "UPDATE" && !clause.sawSet) {
          clause.sawSet = true;
          return false;
        }
        return verb !== "ALTER" && verb !== "MERGE" && prev !== "DELETE" && prev !== "UPDATE";
      case "ALTER":
        return prev !== "OR" && next !== "COLUMN";
      case "DROP":
        return verb !== "ALTER";
      case "GRANT":
        return prev !== "WITH";
      case "EXEC":
      case "EXECUTE":
        if (prev === "WITH") return false;
        if (verb === "INSERT" && !clause.sawSource) {
          clause.sawSource = true;
          return false;
        }
        return true;
      case "WITH":
        return this.startsCommonTableExpression(i);
      case "IF":
        // DROP TABLE IF EXISTS x, ALTER TABLE ... DROP COLUMN IF EXISTS c.
        return !(next === "EXISTS" && !t.isPunct(i + 2, OPEN_PAREN));
      case "THROW": {
        const after = i + 1;
        return (
          after >= t.count ||
          t.isPunct(after, SEMICOLON) ||
          t.type(after) === "number" ||
          t.type(after) === "variable" ||
          t.word(after) === "END"
        );
      }
      case "FETCH":
        return prev !== "ROWS" && prev !== "ROW";
      case "COMMIT":
      case "ROLLBACK":
        return prev !== "WITH";
      case "SAVE":
        return next === "TRAN" || next === "TRANSACTION";
      case "ENABLE":
      case "DISABLE":
        return next === "TRIGGER" && verb !== "ALTER";
      case "TRUNCATE":
        return next === "TABLE";
      default:
        return true;
    }
  }

  /** `WITH name AS (`, `WITH name (cols) AS (`, `WITH XMLNAMESPACES (`. */
  private startsCommonTableExpression(i: number): boolean {
    const t = this.t;
    if (t.word(i + 1) === "XMLNAMESPACES") return true;
    const nameType = i + 1 < t.count ? t.type(i + 1) : undefined;
    if (nameType !== "identifier" && nameType !== "quotedIdentifier") return false;
    let j = i + 2;
    if (t.isPunct(j, OPEN_PAREN)) {
      let depth = 0;
      for (; j < t.count; j++) {
        if (t.isPunct(j, OPEN_PAREN)) depth++;
        else if (t.isPunct(j, CLOSE_PAREN) && --depth === 0) break;
      }
      this.steps += j - i;
      j++;
    }
    return t.word(j) === "AS" && t.isPunct(j + 1, OPEN_PAREN);
  }

  /** CREATE [OR ALTER] / ALTER followed by VIEW, PROC, PROCEDURE, FUNCTION or TRIGGER; CREATE RULE / DEFAULT. */
  private startsModuleAt(i: number): boolean {
    const t = this.t;
    const w = t.word(i);
    if (w === "CREATE") {
      let j = i + 1;
      if (t.word(j) === "OR" && t.word(j + 1) === "ALTER") j += 2;
      return MODULE_WORDS.has(t.word(j)) || (j === i + 1 && BATCH_ONLY_WORDS.has(t.word(j)));
    }
    return w === "ALTER" && MODULE_WORDS.has(t.word(i + 1));
  }
}

/** The Statement (with Token objects) for tokens `first`..`last` of a table. */
export function statementOf(table: TokenTable, first: number, last: number): Statement {
  const tokens: Token[] = new Array(last - first + 1);
  for (let i = first; i <= last; i++) tokens[i - first] = table.token(i);
  const start = table.starts[first]!;
  // A module whose body was stepped over runs past the table's last token.
  const end = last === table.count - 1 && table.bodyEnd >= 0 ? table.bodyEnd : table.ends[last]!;
  const stmt: Statement = { tokens, text: table.source.slice(start, end), line: table.lines[first]!, start, end };
  if (table.quotedIdentifier[first] === 0) stmt.quotedIdentifier = false;
  return stmt;
}

/** Source text of tokens `first`..`last`. */
export function textOf(table: TokenTable, first: number, last: number): string {
  return table.source.slice(table.starts[first]!, table.ends[last]!);
}

/** Every simple statement inside a node, in order (the node itself when it is not a block). */
export function leavesOf(node: StatementNode, out: StatementNode[] = []): StatementNode[] {
  if (node.body === undefined) out.push(node);
  else for (const child of node.body) leavesOf(child, out);
  return out;
}

/**
 * Splits the significant tokens of a batch into top-level statements (blocks count as one statement). For
 * callers that already have tokens; the script reader lexes batches itself (lexBatch + splitNodes).
 */
export function splitStatements(source: string, batchTokens: Token[]): Statement[] {
  const table = new TokenTable();
  table.reset(source);
  for (const token of batchTokens) {
    if (token.type === "whitespace" || token.type === "lineComment" || token.type === "blockComment") continue;
    const word = token.type === "keyword" || token.type === "identifier" ? token.upper : "";
    const flags = (token.unterminated ? FLAG_UNTERMINATED : 0) | (token.unicode ? FLAG_UNICODE : 0);
    table.push(CODE_OF.get(token.type)!, token.start, token.end, token.line, token.column, word, flags, true);
  }
  return splitNodes(table).map((node) => statementOf(table, node.first, node.last));
}

/** CREATE [OR ALTER] / ALTER followed by VIEW, PROC, PROCEDURE, FUNCTION or TRIGGER. */
export function startsModule(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (isWord(t, "CREATE")) {
    let j = i + 1;
    if (isWord(tokens[j], "OR") && isWord(tokens[j + 1], "ALTER")) j += 2;
    return tokens[j] !== undefined && MODULE_WORDS.has(tokens[j]!.upper);
  }
  if (isWord(t, "ALTER")) return tokens[i + 1] !== undefined && MODULE_WORDS.has(tokens[i + 1]!.upper);
  return false;
}

/**
 * Chooses the parser for a statement from its first words. A statement no parser claims, or one whose parser
 * fails, is kept in the model as written and reported as a warning — never dropped.
 */
import type { Statement } from "../statements";
import { startsModule } from "../statements";
import { ParseError, TokenCursor } from "../token-cursor";
import { isWord, type Token } from "../tokenizer";
import { readAlterDatabase, readCreateDatabase } from "./database-statements";
import { readModule, readTriggerState } from "./module-statements";
import {
  readAddLinkedServer,
  readCreateAssembly,
  readCreateFulltextCatalog,
  readCreatePartitionFunction,
  readCreatePartitionScheme,
  readCreateQueue,
  readCreateSchema,
  readCreateSecurityPolicy,
  readCreateSequence,
  readCreateService,
  readCreateSynonym,
  readCreateType,
  readCreateXmlSchemaCollection,
  readAlterXmlSchemaCollection,
  readServerObject,
} from "./object-statements";
import { firstWords, type ReaderContext } from "./reader-context";
import { readAddRoleMemberProc, readAlterRole, readCreateRole, readCreateUser, readGrant } from "./security-statements";
import { readAlterTable, readCreateFulltextIndex, readCreateIndex, readCreateTable } from "./table-statements";

type Reader = (ctx: ReaderContext, c: TokenCursor, stmt: Statement) => void;

/** CREATE <words> → parser. Longest match first is not needed: no entry is a prefix of another. */
const CREATE_READERS: [string[], Reader][] = [
  [["TABLE"], readCreateTable],
  [["SCHEMA"], readCreateSchema],
  [["TYPE"], readCreateType],
  [["SEQUENCE"], readCreateSequence],
  [["SYNONYM"], readCreateSynonym],
  [["USER"], readCreateUser],
  [["ROLE"], readCreateRole],
  [["ASSEMBLY"], readCreateAssembly],
  [["QUEUE"], readCreateQueue],
  [["SERVICE"], readCreateService],
  [["FULLTEXT", "CATALOG"], readCreateFulltextCatalog],
  [["PARTITION", "FUNCTION"], readCreatePartitionFunction],
  [["PARTITION", "SCHEME"], readCreatePartitionScheme],
  [["SECURITY", "POLICY"], readCreateSecurityPolicy],
  [["FULLTEXT", "INDEX"], readCreateFulltextIndex],
  [["XML", "SCHEMA", "COLLECTION"], readCreateXmlSchemaCollection],
];

/** Server-level objects recorded as serverObjects. */
const SERVER_OBJECT_TYPES: string[][] = [
  ["LOGIN"],
  ["SERVER", "ROLE"],
  ["SERVER", "AUDIT", "SPECIFICATION"],
  ["SERVER", "AUDIT"],
  ["ENDPOINT"],
  ["CREDENTIAL"],
];

/** Statements the reader recognises and keeps as written without a warning. */
const KNOWN_LOOSE = [
  ["USE"],
  ["SET"],
  ["DBCC"],
  ["EXEC"],
  ["EXECUTE"],
  ["PRINT"],
  ["RECONFIGURE"],
  ["SETUSER"],
  ["BULK", "INSERT"],
  ["CREATE", "MESSAGE", "TYPE"],
  ["CREATE", "CONTRACT"],
  ["CREATE", "FULLTEXT", "INDEX"],
  ["CREATE", "EVENT", "NOTIFICATION"],
  ["CREATE", "ROUTE"],
  ["CREATE", "REMOTE", "SERVICE", "BINDING"],
  ["ALTER", "SERVER"],
  ["ALTER", "LOGIN"],
  ["REVOKE"],
  ["CREATE", "DATABASE", "SCOPED"],
  ["CREATE", "MASTER", "KEY"],
  ["CREATE", "CERTIFICATE"],
  ["CREATE", "STATISTICS"],
];

function wordsAt(tokens: Token[], start: number, words: string[]): boolean {
  return words.every((w, i) => isWord(tokens[start + i], w));
}

export function readStatement(ctx: ReaderContext, stmt: Statement, source: string): void {
  const tokens = stmt.tokens;
  const c = new TokenCursor(tokens, source);
  try {
    const reader = chooseReader(tokens);
    if (reader !== undefined) {
      reader(ctx, c, stmt);
      if (stmt.quotedIdentifier === false) warnDoubleQuotedStrings(ctx, stmt);
      return;
    }
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    const where = err.token !== undefined ? ` (line ${err.token.line}, column ${err.token.column})` : "";
    ctx.keepStatement(stmt, true, `could not read ${firstWords(stmt)}: ${err.message}${where}; kept as written`);
    return;
  }
  const known = KNOWN_LOOSE.some((words) => wordsAt(tokens, 0, words));
  ctx.keepStatement(stmt, !known);
}

function chooseReader(tokens: Token[]): Reader | undefined {
  if (startsModule(tokens, 0)) return readModule;
  if (
    wordsAt(tokens, 0, ["CREATE", "DATABASE"]) &&
    !["SCOPED", "AUDIT", "ENCRYPTION"].some((w) => isWord(tokens[2], w))
  )
    return readCreateDatabase;
  if ((isWord(tokens[0], "ENABLE") || isWord(tokens[0], "DISABLE")) && isWord(tokens[1], "TRIGGER"))
    return readTriggerState;
  if (isWord(tokens[0], "SELECT") && tokens.some((t) => isWord(t, "INTO")))
    return keepWith("SELECT ... INTO creates a table from a query, which the reader cannot model; kept as written");
  if (wordsAt(tokens, 0, ["CREATE", "RULE"]) || wordsAt(tokens, 0, ["CREATE", "DEFAULT"])) {
    return keepWith(
      `CREATE ${tokens[1]!.upper} (a deprecated bound ${tokens[1]!.upper.toLowerCase()}; Azure SQL Database has none) is not modelled; kept as written`,
    );
  }
  if (isWord(tokens[0], "CREATE")) {
    for (const [words, reader] of CREATE_READERS) if (wordsAt(tokens, 1, words)) return reader;
    for (const words of SERVER_OBJECT_TYPES)
      if (wordsAt(tokens, 1, words)) return (ctx, c, stmt) => readServerObject(ctx, c, stmt, words);
    // CREATE [UNIQUE] [CLUSTERED|NONCLUSTERED] [COLUMNSTORE] [PRIMARY] [XML|SPATIAL] INDEX
    for (let i = 1; i < Math.min(tokens.length, 6); i++) {
      if (isWord(tokens[i], "INDEX")) return readCreateIndex;
      if (
        !["UNIQUE", "CLUSTERED", "NONCLUSTERED", "COLUMNSTORE", "PRIMARY", "XML", "SPATIAL"].some((w) =>
          isWord(tokens[i], w),
        )
      )
        break;
    }
    return undefined;
  }
  if (wordsAt(tokens, 0, ["ALTER", "TABLE"])) return readAlterTable;
  if (wordsAt(tokens, 0, ["ALTER", "XML", "SCHEMA", "COLLECTION"])) return readAlterXmlSchemaCollection;
  if (wordsAt(tokens, 0, ["ALTER", "ROLE"])) return readAlterRole;
  if (wordsAt(tokens, 0, ["ALTER", "DATABASE"])) return readAlterDatabase;
  if (isWord(tokens[0], "GRANT") || isWord(tokens[0], "DENY")) return readGrant;
  if (isWord(tokens[0], "EXEC") || isWord(tokens[0], "EXECUTE")) {
    const proc = procedureName(tokens);
    if (proc === "SP_ADDROLEMEMBER") return readAddRoleMemberProc;
    if (proc === "SP_ADDLINKEDSERVER") return readAddLinkedServer;
  }
  return undefined;
}

/** A reader that keeps the statement as written with this reason. */
function keepWith(reason: string): Reader {
  return (ctx, _c, stmt) => ctx.keepStatement(stmt, true, reason);
}

/**
 * A statement read with QUOTED_IDENTIFIER OFF whose "..." are string literals: its definition is kept as written
 * and only means the same where it is run with QUOTED_IDENTIFIER OFF.
 */
function warnDoubleQuotedStrings(ctx: ReaderContext, stmt: Statement): void {
  if (!stmt.tokens.some((t) => t.type === "string" && t.text.startsWith('"'))) return;
  ctx.warn(
    stmt,
    'read with QUOTED_IDENTIFIER OFF: its "..." are string literals, so its definition means the same only when run with QUOTED_IDENTIFIER OFF',
  );
}

/** Last part of the procedure name after EXEC (`EXEC master.dbo.sp_x` → SP_X). */
function procedureName(tokens: Token[]): string | undefined {
  let i = 1;
  let last: string | undefined;
  while (tokens[i] !== undefined && (tokens[i]!.type === "identifier" || tokens[i]!.type === "quotedIdentifier")) {
    last = tokens[i]!.upper;
    if (tokens[i + 1]?.text !== ".") break;
    i += 2;
  }
  return last;
}

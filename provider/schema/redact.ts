/**
 * Removes secrets from statement text before it is kept in the model: the model is snapshotted, logged and
 * reported, and a password written in a script must never travel with it. Three shapes carry one:
 * an option (`CREATE LOGIN ... PASSWORD = '...'`, `CREATE CREDENTIAL ... SECRET = '...'`,
 * `BACKUP ... MEDIAPASSWORD = '...'`), an argument of a system procedure that takes a password
 * (`sp_addlinkedsrvlogin ..., @rmtpassword = '...'`, `sp_addlogin 'name', 'password'`), and a connection
 * string in a literal (`@provstr = 'Server=...;Password=...'`).
 */
import { isSignificant, tokenize, type Token } from "./tokenizer";

const SECRET_OPTIONS = new Set(["PASSWORD", "OLD_PASSWORD", "SECRET", "MEDIAPASSWORD"]);

/**
 * System procedures that take a password: which arguments carry it, by position (0-based) and by name.
 * Positions matter because these procedures are often called without parameter names.
 */
const PASSWORD_PROCEDURES: ReadonlyMap<string, { positions: readonly number[]; names: readonly string[] }> = new Map([
  ["SP_ADDLOGIN", { positions: [1], names: ["@PASSWD"] }],
  ["SP_PASSWORD", { positions: [0, 1], names: ["@OLD", "@NEW"] }],
  ["SP_ADDLINKEDSRVLOGIN", { positions: [4], names: ["@RMTPASSWORD"] }],
  ["SP_ADDAPPROLE", { positions: [1], names: ["@PASSWORD"] }],
  ["SP_APPROLEPASSWORD", { positions: [1], names: ["@NEWPWD"] }],
  ["SP_SETAPPROLE", { positions: [1], names: ["@PASSWORD"] }],
  ["SP_CONTROL_DBMASTERKEY_PASSWORD", { positions: [], names: ["@PASSWORD"] }],
]);

/** `Password=` or `Pwd=` inside a literal: an OLE DB / ODBC connection string. */
const CONNECTION_STRING_PASSWORD = /(^|;)\s*(password|pwd)\s*=/i;

export const REDACTED_LITERAL = "N'***'";

/**
 * Text without any of these (any case) cannot hold a secret in the shapes above, so it is returned without
 * being tokenized: most statements (extended properties, seed data, plain DDL) take this path.
 */
const MAY_HOLD_SECRET = new RegExp(
  ["PASSWORD", "PWD", ...SECRET_OPTIONS, ...PASSWORD_PROCEDURES.keys()].join("|"),
  "iu",
);

export function redactSecrets(sql: string): string {
  if (!MAY_HOLD_SECRET.test(sql)) return sql;
  const tokens = tokenize(sql);
  const significant = tokens.filter(isSignificant);
  const redact = new Set<number>();
  for (let i = 0; i < significant.length; i++) {
    const t = significant[i]!;
    if (!isLiteral(t)) continue;
    const isOptionValue = i >= 2 && significant[i - 1]!.text === "=" && SECRET_OPTIONS.has(significant[i - 2]!.upper);
    const isConnectionString = t.type === "string" && CONNECTION_STRING_PASSWORD.test(t.value);
    if (isOptionValue || isConnectionString) redact.add(t.start);
  }
  for (const start of passwordArguments(significant)) redact.add(start);
  if (redact.size === 0) return sql;
  return tokens.map((t) => (redact.has(t.start) ? REDACTED_LITERAL : t.text)).join("");
}

function isLiteral(t: Token): boolean {
  return t.type === "string" || t.type === "number";
}

/** Start offsets of the literal arguments that carry a password in `EXEC <password procedure> ...` calls. */
function passwordArguments(tokens: readonly Token[]): number[] {
  const found: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.upper !== "EXEC" && tokens[i]!.upper !== "EXECUTE") continue;
    let j = i + 1;
    // EXEC @status = proc ...
    if (tokens[j]?.type === "variable" && tokens[j + 1]?.text === "=") j += 2;
    // The procedure's last name part: master.sys.sp_addlogin → SP_ADDLOGIN.
    while (tokens[j + 1]?.text === ".") j += 2;
    const procedure = tokens[j] && PASSWORD_PROCEDURES.get(tokens[j]!.value.toUpperCase());
    if (!procedure) continue;
    j++;
    for (let position = 0; tokens[j] !== undefined; position++) {
      let name: string | undefined;
      if (tokens[j]!.type === "variable" && tokens[j + 1]?.text === "=") {
        name = tokens[j]!.upper;
        j += 2;
      }
      const value = tokens[j];
      if (value === undefined) break;
      const secret = name !== undefined ? procedure.names.includes(name) : procedure.positions.includes(position);
      if (secret && isLiteral(value)) found.push(value.start);
      j++;
      if (tokens[j]?.upper === "OUTPUT" || tokens[j]?.upper === "OUT") j++;
      if (tokens[j]?.text !== ",") break;
      j++;
    }
    i = j - 1;
  }
  return found;
}

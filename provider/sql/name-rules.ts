/**
 * What a database or table name given as an input may look like. Every statement brackets the names it carries
 * (`]` doubled) or passes them as parameters, so these rules are not what keeps SQL injection out; they make a
 * name that could only be a mistake or an attack (a quote, a statement separator, a comment, a control
 * character) fail `preview` with the field named, instead of reaching a server as an odd identifier.
 */
import { z } from "zod";

/** SQL Server's sysname: at most 128 characters. */
export const SQL_NAME_MAX_LENGTH = 128;

// Control characters (NUL included) never belong in a name; they truncate or hide text in logs and drivers.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/** Characters that only serve to leave a quoted name: brackets, quotes, the statement separator. */
const QUOTE_OR_SEPARATOR = /[[\]'";]/;

/** Why a name written without brackets is refused, or undefined when it is fine. */
export function plainNameProblem(name: string): string | undefined {
  if (name.length === 0) return "must not be empty";
  if (name.length > SQL_NAME_MAX_LENGTH) return `must be at most ${SQL_NAME_MAX_LENGTH} characters`;
  if (CONTROL_CHARACTER.test(name)) return "must not contain control characters";
  if (QUOTE_OR_SEPARATOR.test(name) || name.includes("--") || name.includes("/*"))
    return "must not contain [ ] ' \" ; -- or /*";
  if (name.trim() !== name) return "must not start or end with whitespace";
  return undefined;
}

/** Why one part of a table name (`dbo`, `[Order Details]`) is refused, or undefined when it is fine. */
function tableNamePartProblem(part: string): string | undefined {
  if (!part.startsWith("[")) return plainNameProblem(part);
  const inner = part.slice(1, -1);
  if (!part.endsWith("]") || inner.replace(/\]\]/g, "").includes("]"))
    return "a bracketed part must end with ] and double any ] inside it";
  if (inner.length === 0) return "must not have an empty part";
  if (inner.replace(/\]\]/g, "]").length > SQL_NAME_MAX_LENGTH)
    return `each part must be at most ${SQL_NAME_MAX_LENGTH} characters`;
  if (CONTROL_CHARACTER.test(inner)) return "must not contain control characters";
  return undefined;
}

/** Splits `schema.table` at dots outside brackets; undefined when a bracket is left open. */
function tableNameParts(name: string): string[] | undefined {
  const parts: string[] = [];
  let current = "";
  let inBracket = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === "." && !inBracket) {
      parts.push(current);
      current = "";
      continue;
    }
    if (ch === "[" && !inBracket && current === "") inBracket = true;
    else if (ch === "]" && inBracket) {
      if (name[i + 1] === "]") {
        current += "]]";
        i++;
        continue;
      }
      inBracket = false;
    }
    current += ch;
  }
  if (inBracket) return undefined;
  parts.push(current);
  return parts;
}

/**
 * Why a table name (`Orders`, `dbo.Orders`, `[Sales].[Order Details]`) is refused, or undefined when it is fine.
 * A part that needs odd characters is written in brackets, as in T-SQL.
 */
export function tableNameProblem(name: string): string | undefined {
  const parts = tableNameParts(name);
  if (!parts) return "has a [ without its closing ]";
  if (parts.length > 2) return "must be table or schema.table";
  for (const part of parts) {
    const problem = tableNamePartProblem(part);
    if (problem) return `${problem} (write a name with other characters in brackets: [dbo].[odd name])`;
  }
  return undefined;
}

/** A database name as an input: see plainNameProblem. */
export const databaseNameInput = z.string().superRefine((name, ctx) => {
  const problem = plainNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** A table name as an input: see tableNameProblem. */
export const tableNameInput = z.string().superRefine((name, ctx) => {
  const problem = tableNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

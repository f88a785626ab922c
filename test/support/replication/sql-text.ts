/**
 * Reading what the replication adapter sends, without a SQL engine: which system procedure a request calls and
 * in which database (`EXEC [Sales].sys.sp_addarticle @publication = @publication, …`), which marker a catalog
 * query starts with, and the bracket-quoted names in a statement (a `]` must arrive doubled, which also proves
 * the caller quoted it). Argument values are the request's RPC parameters, decoded by the TDS server.
 */
import type { QueryRequest } from "../tds";

const QUOTED = String.raw`\[(?:[^\]]|\]\])*\]`;

export const unquote = (quoted: string) => quoted.slice(1, -1).replace(/]]/g, "]");

export interface ProcedureCall {
  database: string;
  schema: string;
  /** Lower-case procedure name (`sp_addarticle`). */
  procedure: string;
}

const CALL = new RegExp(String.raw`\bEXEC(?:UTE)?\s+(?:@\w+\s*=\s*)?(${QUOTED})\.(sys|dbo)\.(sp_\w+)`, "i");

export function procedureCall(sql: string): ProcedureCall | undefined {
  const match = CALL.exec(sql);
  if (!match) return undefined;
  return { database: unquote(match[1]!), schema: match[2]!.toLowerCase(), procedure: match[3]!.toLowerCase() };
}

/** `/* replication:identity-columns *\/` → `identity-columns`. */
export function markerOf(sql: string): string | undefined {
  return /^\/\* replication:([\w-]+) \*\//.exec(sql)?.[1];
}

/** Every bracket-quoted name in the text, unquoted, in order. */
export function quotedNames(text: string): string[] {
  return [...text.matchAll(new RegExp(QUOTED, "g"))].map((m) => unquote(m[0]));
}

/** A parameter as text (undefined when absent or NULL). */
export function param(request: QueryRequest, name: string): string | undefined {
  const value = request.params[name];
  if (value === null || value === undefined) return undefined;
  return Buffer.isBuffer(value) ? value.toString("hex") : String(value);
}

export function numberParam(request: QueryRequest, name: string): number | undefined {
  const value = param(request, name);
  return value === undefined ? undefined : Number(value);
}

export const same = (a: string | undefined, b: string | undefined) =>
  (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

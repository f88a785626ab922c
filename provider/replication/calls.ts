/**
 * How the adapter talks T-SQL to the replication system procedures: one procedure call per request, sent on its
 * own (sp_executesql, autocommit — never inside an explicit transaction, where the procedures that reach the
 * distributor through the `repl_distributor` linked server fail with Msg 3933), the database it runs in named
 * as the procedure's qualifier (`EXEC [Sales].sys.sp_addarticle`: a system procedure runs in the database that
 * qualifies it) and every argument passed as a typed parameter of the same name. Nothing from input is ever
 * concatenated into the text: names are bracket-quoted by quoteName, values travel as parameters.
 */
import { quoteName } from "../schema/quote";
import type { SqlParam, SqlSession } from "../sql/session";

export type Row = Record<string, unknown>;
export type ProcedureArguments = Record<string, SqlParam | undefined>;

/** sysname arguments (names of servers, databases, publications, articles, logins). */
export const name = (value: string | null): SqlParam => ({ type: "nvarchar", value, length: 128 });
/** Longer text arguments (descriptions, folders, commands). */
export const text = (value: string | null, length = 4000): SqlParam => ({ type: "nvarchar", value, length });
/** Passwords: sysname-sized, always a parameter (never in the statement text, which traces may show). */
export const secret = (value: string): SqlParam => ({ type: "nvarchar", value, length: 128 });
export const int = (value: number): SqlParam => ({ type: "int", value });
export const bit = (value: boolean): SqlParam => ({ type: "bit", value });
export const binary8 = (value: bigint): SqlParam => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(value);
  return { type: "varbinary", value: bytes, length: 8 };
};

const PROCEDURE = /^sp_[A-Za-z_]+$/;

/** The text of one procedure call: `EXEC [db].sys.sp_x @a = @a, @b = @b;` (only the arguments given). */
export function procedureCallText(
  database: string,
  procedure: string,
  args: ProcedureArguments,
  schema: "sys" | "dbo" = "sys",
): string {
  if (!PROCEDURE.test(procedure)) throw new Error(`not a system procedure name: ${procedure}`);
  const names = Object.keys(args).filter((key) => args[key] !== undefined);
  const list = names.map((key) => `@${key} = @${key}`).join(", ");
  return `EXEC ${quoteName(database)}.${schema}.${procedure}${list ? ` ${list}` : ""};`;
}

function defined(args: ProcedureArguments): Record<string, SqlParam> {
  return Object.fromEntries(
    Object.entries(args).filter((entry): entry is [string, SqlParam] => entry[1] !== undefined),
  );
}

/** Calls a system procedure in `database`; answers its result sets (rows keyed by column name). */
export async function callProcedure(
  session: SqlSession,
  database: string,
  procedure: string,
  args: ProcedureArguments = {},
  schema: "sys" | "dbo" = "sys",
): Promise<Row[][]> {
  const result = await session.query<Row>(procedureCallText(database, procedure, args, schema), defined(args));
  return result.recordsets;
}

/** The first result set of a procedure call (empty when it returned none). */
export async function procedureRows(
  session: SqlSession,
  database: string,
  procedure: string,
  args: ProcedureArguments = {},
  schema: "sys" | "dbo" = "sys",
): Promise<Row[]> {
  return (await callProcedure(session, database, procedure, args, schema))[0] ?? [];
}

/** A catalog query (it starts with its marker comment); answers the first result set. */
export async function queryRows(session: SqlSession, sql: string, params: ProcedureArguments = {}): Promise<Row[]> {
  return (await session.query<Row>(sql, defined(params))).recordsets[0] ?? [];
}

export const asNumber = (value: unknown): number | undefined => {
  if (value === null || value === undefined || value === "") return undefined;
  const n = typeof value === "bigint" ? Number(value) : Number(value);
  return Number.isFinite(n) ? n : undefined;
};
export const asText = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : String(value);
export const asFlag = (value: unknown): boolean => value === true || asNumber(value) === 1;
export const sameName = (a: string | undefined, b: string | undefined): boolean =>
  (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

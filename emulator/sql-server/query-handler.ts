/**
 * The pluggable behaviour of the TDS test server: a request goes through a chain of handlers;
 * the first one that returns a response answers it. Handlers never see bytes, only decoded SQL
 * text and parameters, and answer with result sets, row counts and server messages.
 */
import type { CellValue, ColumnSpec } from "./protocol/column-encoding";
import type { DecodedParameter, ParameterValue } from "./protocol/parameter-decoding";
import type { ServerMessage } from "./protocol/tokens";

export type { CellValue, ColumnSpec, ColumnType } from "./protocol/column-encoding";
export type { DecodedParameter, ParameterValue } from "./protocol/parameter-decoding";
export type { ServerMessage } from "./protocol/tokens";

export interface QueryRequest {
  /** 'sql-batch' for SQL_BATCH messages, 'rpc' for RPC (mssql sends every request.query() as sp_executesql). */
  kind: "sql-batch" | "rpc";
  /** The batch text, or the @statement of sp_executesql, or the procedure name of any other RPC. */
  sql: string;
  procedure?: string;
  /** The declared parameters (@params of sp_executesql), e.g. "@schema nvarchar(128), @n int". */
  parameterDeclarations?: string;
  /** Parameter values by name without '@' (sp_executesql's own @statement/@params excluded). */
  params: Record<string, ParameterValue>;
  parameters: DecodedParameter[];
  database: string;
  login: string;
  appName: string;
  connectionId: number;
}

export interface ResultSet {
  columns: ColumnSpec[];
  rows: CellValue[][];
}

export interface QueryResponse {
  /** Sent first, as INFO tokens (PRINT output, warnings). */
  infos?: ServerMessage[];
  resultSets?: ResultSet[];
  /** Rows affected by a DML statement, reported in its own DONE token. */
  rowsAffected?: number;
  /** Sent after any result sets; the driver surfaces it as a RequestError. */
  error?: ServerMessage;
  /** Close the connection after the reply (a fatal error, severity 20 or more). */
  closeConnection?: boolean;
  /** Close the connection instead of replying (a connection lost mid-batch). */
  dropConnection?: boolean;
}

/** Returns undefined to let the next handler in the chain answer. */
export type QueryHandler = (request: QueryRequest) => QueryResponse | undefined | Promise<QueryResponse | undefined>;

/** Runs handlers in order and returns the first answer; an unanswered request succeeds empty. */
export async function answerWithChain(
  handlers: readonly QueryHandler[],
  request: QueryRequest,
): Promise<QueryResponse> {
  for (const handler of handlers) {
    const response = await handler(request);
    if (response) return response;
  }
  return {};
}

/**
 * Remembers every request the server was sent, so tests can assert what the SQL layer did
 * (how many batches, which text, which parameters) without a real engine.
 */
import type { QueryHandler, QueryRequest } from "./query-handler";
import type { ParameterValue } from "./protocol/parameter-decoding";

export interface RecordedBatch {
  kind: QueryRequest["kind"];
  sql: string;
  params: Record<string, ParameterValue>;
  database: string;
  login: string;
  connectionId: number;
  /** True for what the driver sends on its own: tedious' session SET options and mssql's pool validation. */
  driverHousekeeping: boolean;
}

function isDriverHousekeeping(sql: string): boolean {
  const text = sql.trim().toLowerCase();
  if (text === "select 1;") return true;
  // tedious' session setup: nothing but SET statements, one per line.
  return text.split("\n").every((line) => line.trim().startsWith("set "));
}

/** A handler that records and never answers, placed first in the chain. */
export function recordingHandler(into: RecordedBatch[]): QueryHandler {
  return (request) => {
    into.push({
      kind: request.kind,
      sql: request.sql,
      params: request.params,
      database: request.database,
      login: request.login,
      connectionId: request.connectionId,
      driverHousekeeping: isDriverHousekeeping(request.sql),
    });
    return undefined;
  };
}

/**
 * What the SQL operations (catalog, deploy, verify) need from a connection: run a parameterized
 * query, or run a script batch as-is. A narrow interface keeps them independent of mssql's types
 * and lets every error come out as a scrubbed SqlError.
 */
import type * as Mssql from "mssql";
import { toSqlError, type SqlError } from "./errors";

export type SqlParamType =
  | "int"
  | "bigint"
  | "smallint"
  | "tinyint"
  | "bit"
  | "nvarchar"
  | "varchar"
  | "decimal"
  | "datetime2"
  | "uniqueidentifier"
  | "varbinary";

export interface SqlParam {
  type: SqlParamType;
  value: string | number | bigint | boolean | Date | Buffer | null;
  /** Characters (nvarchar/varchar) or bytes (varbinary); "max" for the (max) types. Default "max". */
  length?: number | "max";
  precision?: number;
  scale?: number;
}

export interface QueryResult<Row> {
  /** Result sets in order; rows are objects keyed by column name. */
  recordsets: Row[][];
  /** Rows affected per statement, as the server reported them. */
  rowsAffected: number[];
}

/**
 * Receives one result set row by row: `columns` once with the select list's names, then `row` per row with the
 * values in that order. The session keeps no row, so a large result set is never held whole.
 */
export interface RowSink {
  columns(names: readonly string[]): void;
  row(values: unknown[]): void;
}

export interface SqlSession {
  /** A parameterized statement (sent as sp_executesql). Values always travel as parameters. */
  query<Row extends object = Record<string, unknown>>(
    text: string,
    params?: Record<string, SqlParam>,
  ): Promise<QueryResult<Row>>;
  /** A script batch sent as it is (SQL_BATCH), for DDL such as CREATE VIEW that must start its batch. */
  executeBatch(text: string): Promise<QueryResult<Record<string, unknown>>>;
  /**
   * A statement without parameters whose first result set goes to `sink` as it arrives (later result sets are
   * ignored), for reads too large to hold as row objects. Fails, after the request ends, with its last error.
   */
  streamRows(text: string, sink: RowSink): Promise<void>;
}

function mssqlType(sql: typeof Mssql, param: SqlParam): Mssql.ISqlType | (() => Mssql.ISqlType) {
  const length = param.length === undefined || param.length === "max" ? sql.MAX : param.length;
  switch (param.type) {
    case "int":
      return sql.Int;
    case "bigint":
      return sql.BigInt;
    case "smallint":
      return sql.SmallInt;
    case "tinyint":
      return sql.TinyInt;
    case "bit":
      return sql.Bit;
    case "nvarchar":
      return sql.NVarChar(length);
    case "varchar":
      return sql.VarChar(length);
    case "decimal":
      return sql.Decimal(param.precision ?? 38, param.scale ?? 0);
    case "datetime2":
      return sql.DateTime2(param.scale ?? 7);
    case "uniqueidentifier":
      return sql.UniqueIdentifier;
    case "varbinary":
      return sql.VarBinary(length);
  }
}

export class MssqlSession implements SqlSession {
  /**
   * `mapError` turns a driver error into a SqlError; by default toSqlError. (The pool may open a connection inside
   * a request, so a refused login can surface here: the caller knows the server's login messages.)
   */
  constructor(
    private readonly pool: Mssql.ConnectionPool,
    private readonly secrets: readonly string[],
    private readonly mapError: (error: unknown) => SqlError = (error) => toSqlError(error, secrets),
  ) {}

  async query<Row extends object>(text: string, params: Record<string, SqlParam> = {}): Promise<QueryResult<Row>> {
    const sql = require("mssql") as typeof Mssql;
    const request = this.pool.request();
    for (const [name, param] of Object.entries(params)) {
      // mssql sends bigint values as strings; it does not accept JS bigint.
      const value = typeof param.value === "bigint" ? param.value.toString() : param.value;
      request.input(name, mssqlType(sql, param), value);
    }
    try {
      const result = await request.query<Row>(text);
      return { recordsets: toRecordsets<Row>(result.recordsets), rowsAffected: result.rowsAffected };
    } catch (error) {
      throw this.mapError(error);
    }
  }

  async executeBatch(text: string): Promise<QueryResult<Record<string, unknown>>> {
    try {
      const result = await this.pool.request().batch<Record<string, unknown>>(text);
      return { recordsets: toRecordsets(result.recordsets), rowsAffected: result.rowsAffected };
    } catch (error) {
      throw this.mapError(error);
    }
  }

  async streamRows(text: string, sink: RowSink): Promise<void> {
    const outcome = await streamFirstResultSet(this.pool.request(), text, sink);
    if ("driverError" in outcome) throw this.mapError(outcome.driverError);
    if ("sinkError" in outcome) throw outcome.sinkError;
  }
}

/** How a streamed request ended: the driver's last error, or the sink's own exception. */
interface StreamOutcome {
  driverError?: unknown;
  sinkError?: unknown;
}

/**
 * mssql in stream mode with array rows: an event per row, a plain array of values, no object keyed by column name.
 * A request in stream mode reports errors as events and still ends with `done`; the last one is the request's
 * error, as in mssql's promise mode. An exception from the sink stops delivery and is rethrown once the request
 * is over (throwing inside the driver's event would break its parser).
 */
function streamFirstResultSet(request: Mssql.Request, text: string, sink: RowSink): Promise<StreamOutcome> {
  request.stream = true;
  request.arrayRowMode = true;
  const outcome: StreamOutcome = {};
  let resultSets = 0;
  const deliver = (hand: () => void): void => {
    if (resultSets !== 1 || "sinkError" in outcome) return;
    try {
      hand();
    } catch (error) {
      outcome.sinkError = error;
    }
  };
  return new Promise((resolve) => {
    request.on("recordset", (columns: Array<{ name: string }>) => {
      resultSets++;
      deliver(() => sink.columns(columns.map((column) => column.name)));
    });
    request.on("row", (values: unknown[]) => deliver(() => sink.row(values)));
    request.on("error", (error: unknown) => {
      outcome.driverError = error;
    });
    request.on("done", () => resolve(outcome));
    // In stream mode the promise resolves after `done`; a rejection would be a driver fault outside the request.
    request.query(text).catch((error: unknown) => resolve({ driverError: error, ...outcome }));
  });
}

function toRecordsets<Row>(recordsets: unknown): Row[][] {
  if (Array.isArray(recordsets)) return recordsets.map((set) => [...(set as Row[])]);
  return [];
}

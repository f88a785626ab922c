/**
 * A local SQL Server stand-in for the whole guide on one machine: a TDS server (see index.ts) that serves one
 * database's catalog from a model, applies the DDL a schema deployment sends to it (ddl-applier.ts), and holds
 * table data — seeded, or empty tables for what the deployed DDL created — for the simulated DMS to copy and
 * for validation to read. The quickstart starts a source and a target beside the ARM emulator.
 */
import type { DatabaseModel, TableDef } from "../../provider/schema/model";
import type { SqlServerBackend } from "../datamigration/source-catalog";
import type { CellValue } from "./protocol/column-encoding";
import { DdlApplier } from "./ddl-applier";
import { startTdsTestServer, type SqlLogin, type TdsTestServer } from "./index";
import type { DataTable } from "./data-tables";
import { sqlServerBackend } from "./stand-in-backend";

export interface LocalSqlServerOptions {
  /** The database it serves (logins to another fail as SQL Server's do). */
  database: string;
  logins: SqlLogin[];
  /** The schema it starts with (a source); omit for an empty target. */
  model?: DatabaseModel;
  /** Rows per table of `model`, keyed `schema.table`, for a source with data. */
  rows?: Record<string, CellValue[][]>;
  /** Apply deployed DDL to the catalog and create empty tables for it (a target). Default true. */
  applyDeployedDdl?: boolean;
  host?: string;
  port?: number;
}

export interface LocalSqlServer {
  server: TdsTestServer;
  /** What the simulated DMS connects to (attach it with `dms.controls.servers.attach(host, backend)`). */
  backend: SqlServerBackend;
  stop(): Promise<void>;
}

/** An empty data table shaped like the model's table: its columns and its primary key. */
export function dataTableFor(table: TableDef, rows: CellValue[][] = []): DataTable {
  const types = new Map(table.columns.map((c) => [c.name, c.typeName]));
  return {
    columns: table.columns.map((c) => c.name),
    ...(table.primaryKey
      ? { primaryKey: table.primaryKey.columns.map((k) => ({ column: k.name, type: types.get(k.name) ?? "int" })) }
      : {}),
    rows,
  };
}

export async function startLocalSqlServer(options: LocalSqlServerOptions): Promise<LocalSqlServer> {
  const server = await startTdsTestServer({
    databases: [options.database, "master"],
    logins: options.logins,
    ...(options.model ? { model: options.model } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
  });
  for (const table of options.model?.tables ?? []) {
    server.data.set(
      table.schema,
      table.name,
      dataTableFor(table, options.rows?.[`${table.schema}.${table.name}`] ?? []),
    );
  }
  if (options.applyDeployedDdl ?? true) {
    const applier = new DdlApplier(options.database, (model) => {
      server.setModel(model);
      // A table the deployment created exists, empty, for the data move to fill.
      for (const table of model.tables)
        if (!server.data.get(table.schema, table.name)) server.data.set(table.schema, table.name, dataTableFor(table));
    });
    // An empty database until a deployment arrives: its catalog answers with nothing, not with an error.
    if (!options.model) server.setModel(applier.model);
    // Only deployed DDL reaches the applier: catalog, validation and verification queries carry their marker.
    server.use((request) =>
      /^\/\* (catalog|validate|verify):/.test(request.sql) ? undefined : applier.handler(request),
    );
  }
  return { server, backend: sqlServerBackend(server, [options.database]), stop: () => server.stop() };
}

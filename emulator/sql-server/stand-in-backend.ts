/**
 * A TDS server as the simulated DMS sees it (emulator/datamigration SqlServerBackend): its logins, its
 * databases with the tables the validation queries answer from, and the copy writing rows into it. One server
 * holds one set of tables, served under each of the database names given.
 */
import type { SqlServerBackend } from "../datamigration/source-catalog";
import type { DataTable } from "./data-tables";
import type { TdsTestServer } from "./index";

export function sqlServerBackend(server: TdsTestServer, databases: readonly string[]): SqlServerBackend {
  const split = (table: string) => {
    const dot = table.indexOf(".");
    return dot < 0 ? { schema: "dbo", name: table } : { schema: table.slice(0, dot), name: table.slice(dot + 1) };
  };
  return {
    logins: () => Object.fromEntries(server.logins.map((login) => [login.user, login.password])),
    databases: () => {
      const tables = Object.fromEntries(
        server.data.list().map(({ schema, name, table }) => [`${schema}.${name}`, table.rows.length]),
      );
      return Object.fromEntries(databases.map((db) => [db, { ...tables }]));
    },
    readTable: (_database, table) => {
      const { schema, name } = split(table);
      return structuredClone(server.data.get(schema, name));
    },
    writeTable: (_database, table, contents) => {
      const { schema, name } = split(table);
      if (contents) server.data.set(schema, name, structuredClone(contents as DataTable));
    },
  };
}

/**
 * The SQL Servers the simulated DMS can "reach": which servers exist, which logins they accept, which
 * databases and tables (with row counts) they hold. Tests describe them per test; a connection to a server
 * not described, or with a wrong password, fails the way SQL Server reports it.
 *
 * Source and target servers live in the same catalog: to DMS both are just SQL endpoints.
 */
import { z } from "zod";
import { qualifiedTableName } from "./table-names";

export const sqlServerDefinitionSchema = z.object({
  /** Host name as it appears in SqlConnectionInfo.dataSource (compared without regard to case). */
  server: z.string().min(1),
  /** When set, a dataSource that names a port must name this one. */
  port: z.number().int().min(1).max(65535).optional(),
  /** SQL logins: user name → password. */
  logins: z.record(z.string(), z.string()),
  /** Database → table (`schema.table`, bare names mean dbo) → row count. */
  databases: z.record(z.string(), z.object({ tables: z.record(z.string(), z.number().int().min(0)) })).default({}),
  version: z.string().default("15.0.2000.5"),
  brandVersion: z.string().default("Microsoft SQL Server 2019"),
});
export type SqlServerDefinition = z.input<typeof sqlServerDefinitionSchema>;
export type SqlServer = z.output<typeof sqlServerDefinitionSchema>;

/** SqlException.HResult, as DMS copies it into ReportableException.hResult. */
export const SQL_EXCEPTION_HRESULT = -2146232060;

export type ConnectionCheck = { ok: true; server: SqlServer } | { ok: false; message: string; hResult: number };

/** The SqlConnectionInfo fields a connection attempt reads, password included (from the task engine's in-memory input). */
export interface ConnectionAttempt {
  dataSource: string;
  authentication?: string;
  userName?: string;
  password?: string;
}

/** `tcp:host\instance,1433` → host (with instance) and port. */
export function parseDataSource(dataSource: string): { host: string; port?: number } {
  const withoutProtocol = dataSource.replace(/^[a-z]+:/i, "");
  const [host, port] = withoutProtocol.split(",");
  return { host: (host ?? "").trim(), ...(port ? { port: Number(port.trim()) } : {}) };
}

/**
 * A SQL Server whose logins, databases and rows live elsewhere — the local SQL stand-in the project's tests
 * and quickstart query with a real driver — instead of in a definition. Attached to the catalog, it is what
 * the simulated DMS connects to and copies between, so validation can compare what the copy really wrote.
 */
export interface SqlServerBackend {
  /** SQL logins: user name → password. */
  logins(): Record<string, string>;
  /** Database → table (`schema.table`) → rows now. */
  databases(): Record<string, Record<string, number>>;
  /** A table's contents, opaque to the catalog, to hand to another backend. */
  readTable(database: string, table: string): unknown;
  writeTable(database: string, table: string, contents: unknown): void;
}

export class SourceCatalog {
  private readonly servers = new Map<string, SqlServer>();
  private readonly backends = new Map<string, { host: string; backend: SqlServerBackend; port?: number }>();

  /** Serves `host` (and `port`, when given) from a backend: a definition built from it at every look-up. */
  attach(host: string, backend: SqlServerBackend, port?: number): void {
    this.backends.set(host.toLowerCase(), { host, backend, ...(port ? { port } : {}) });
  }

  detach(host: string): boolean {
    return this.backends.delete(host.toLowerCase());
  }

  /**
   * The data move of one table: copies its contents from the source server to the target server when both are
   * backed (a defined server has only row counts, which the simulation reports as it is).
   */
  copyTable(
    sourceHost: string,
    sourceDatabase: string,
    targetHost: string,
    targetDatabase: string,
    table: string,
  ): void {
    const source = this.backends.get(parseDataSource(sourceHost).host.toLowerCase());
    const target = this.backends.get(parseDataSource(targetHost).host.toLowerCase());
    if (!source || !target) return;
    target.backend.writeTable(targetDatabase, table, source.backend.readTable(sourceDatabase, table));
  }

  private lookup(hostKey: string): SqlServer | undefined {
    const backed = this.backends.get(hostKey);
    if (!backed) return this.servers.get(hostKey);
    const databases = Object.fromEntries(
      Object.entries(backed.backend.databases()).map(([name, tables]) => [
        name,
        { tables: Object.fromEntries(Object.entries(tables).map(([t, rows]) => [qualifiedTableName(t), rows])) },
      ]),
    );
    return sqlServerDefinitionSchema.parse({
      server: backed.host,
      ...(backed.port ? { port: backed.port } : {}),
      logins: backed.backend.logins(),
      databases,
    });
  }

  define(definition: SqlServerDefinition): SqlServer {
    const server = sqlServerDefinitionSchema.parse(definition);
    // Table names are normalised once, so `Orders` and `dbo.Orders` mean the same table everywhere.
    for (const db of Object.values(server.databases)) {
      db.tables = Object.fromEntries(Object.entries(db.tables).map(([t, rows]) => [qualifiedTableName(t), rows]));
    }
    this.servers.set(server.server.toLowerCase(), server);
    return structuredClone(server);
  }

  remove(server: string): boolean {
    return this.servers.delete(server.toLowerCase());
  }

  clear(): void {
    this.servers.clear();
    this.backends.clear();
  }

  get(server: string): SqlServer | undefined {
    const found = this.lookup(parseDataSource(server).host.toLowerCase());
    return found ? structuredClone(found) : undefined;
  }

  /** The catalog without passwords (for the admin listing). */
  list(): Array<Omit<SqlServer, "logins"> & { logins: string[] }> {
    const backed = [...this.backends.keys()].map((key) => this.lookup(key)!);
    return [...this.servers.values(), ...backed].map((s) => ({ ...structuredClone(s), logins: Object.keys(s.logins) }));
  }

  /** Connects as DMS would, with SQL Server's own messages for an unreachable server and a bad login. */
  connect(attempt: ConnectionAttempt): ConnectionCheck {
    const { host, port } = parseDataSource(attempt.dataSource);
    const server = this.lookup(host.toLowerCase());
    if (!server || (port !== undefined && server.port !== undefined && port !== server.port)) {
      return {
        ok: false,
        hResult: SQL_EXCEPTION_HRESULT,
        message:
          `A network-related or instance-specific error occurred while establishing a connection to SQL Server '${host}'. ` +
          "The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server " +
          "is configured to allow remote connections. (provider: TCP Provider, error: 0 - No such host is known.)",
      };
    }
    if (attempt.authentication && attempt.authentication !== "SqlAuthentication") {
      return {
        ok: false,
        hResult: SQL_EXCEPTION_HRESULT,
        message: `The emulator only supports SqlAuthentication; '${attempt.authentication}' was requested.`,
      };
    }
    const user = attempt.userName ?? "";
    const expected = Object.prototype.hasOwnProperty.call(server.logins, user) ? server.logins[user] : undefined;
    if (expected === undefined || expected !== attempt.password) {
      return { ok: false, hResult: SQL_EXCEPTION_HRESULT, message: `Login failed for user '${user}'.` };
    }
    return { ok: true, server: structuredClone(server) };
  }
}

/** Finds a database by name without regard to case (SQL Server's default collations). */
export function findDatabase(
  server: SqlServer,
  name: string,
): { name: string; tables: Record<string, number> } | undefined {
  const key = Object.keys(server.databases).find((d) => d.toLowerCase() === name.toLowerCase());
  return key ? { name: key, tables: server.databases[key]!.tables } : undefined;
}

/**
 * A TDS (SQL Server wire protocol) server for tests: the real mssql/tedious driver connects to it
 * over TLS with certificate validation, logs in, and runs queries that pluggable handlers answer.
 *
 *   const server = await startTdsTestServer({ logins: [{ user: 'migrator', password: 'pw' }] });
 *   // connect with { server: server.host, port: server.port, options: { encrypt: 'strict',
 *   //   cryptoCredentialsDetails: { ca: server.caPem } } }
 *   server.failOn('CREATE TABLE [dbo].[Broken]', { number: 2714, message: 'There is already an object…' });
 *   expect(server.batches.map((b) => b.sql)).toContain(…);
 *   await server.stop();
 */
import { RecordedBatch, recordingHandler } from "./batch-recorder";
import { catalogBindingHandler } from "./catalog/binding-handler";
import { CatalogResponder } from "./catalog-responder";
import { DataTables } from "./data-tables";
import type { SqlLogin } from "./login-policy";
import { answerWithChain, type QueryHandler } from "./query-handler";
import { FailOnOptions, ScriptedDrop, ScriptedError, ScriptedFailures } from "./scripted-failures";
import { TableStore } from "./table-store";
import { TdsServer } from "./tds-server";
import { getTestCertificates } from "./test-certificates";
import type { DatabaseModel } from "../../provider/schema/model";

export type { RecordedBatch } from "./batch-recorder";
export type { SqlLogin } from "./login-policy";
export type {
  CellValue,
  ColumnSpec,
  ColumnType,
  QueryHandler,
  QueryRequest,
  QueryResponse,
  ResultSet,
  ServerMessage,
} from "./query-handler";
export type { ScriptedError, ScriptedDrop, FailOnOptions } from "./scripted-failures";
export {
  AZURE_TRANSIENT_ERROR_NUMBERS,
  azureTransientError,
  type AzureTransientErrorNumber,
} from "./azure-transient-faults";
export { TableStore, checksumOfRows } from "./table-store";
export { DataTables, aggregateChecksum, type DataTable } from "./data-tables";
export { sqlServerBackend } from "./stand-in-backend";
export { getTestCertificates } from "./test-certificates";

export interface TdsTestServerOptions {
  /** Interface to listen on; default 127.0.0.1 (the test certificate covers 127.0.0.1, ::1 and localhost). */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** SQL logins accepted; default one login, DEFAULT_TEST_LOGIN. */
  logins?: SqlLogin[];
  /** Entra ID access tokens accepted through LOGIN7 fedauth, with the principal each stands for. */
  accessTokens?: Array<{ token: string; principal: string }>;
  /** Databases that exist (login to another fails with 4060 + 18456); default: any. */
  databases?: string[];
  /** Reported in ERROR/INFO tokens as the server name. */
  serverName?: string;
  /** Schema served to the catalog queries of provider/sql/catalog.ts. */
  model?: DatabaseModel;
  /** Extra handlers, consulted after scripted failures and catalog binding, before the table store and catalog. */
  handlers?: QueryHandler[];
  /** Accept unencrypted TDS 7.x clients; default false (the server demands encryption). */
  allowUnencrypted?: boolean;
}

export interface TdsTestServer {
  host: string;
  port: number;
  /** PEM of the CA that signed the server certificate: give it to the client as its only trust anchor. */
  caPem: string;
  /** Every request received, in order (a live array; see RecordedBatch.driverHousekeeping). */
  batches: RecordedBatch[];
  /** Requests other than the driver's own session setup and pool validation. */
  clientBatches(): RecordedBatch[];
  /**
   * Make requests whose text contains `match` (or matches the RegExp) fail with this error, or drop the
   * connection before or after running them.
   */
  failOn(match: string | RegExp, failure: ScriptedError | ScriptedDrop, options?: FailOnOptions): void;
  /** Refuse the next logins (good credentials or not) with this error, e.g. 4060 or 40613 during a failover. */
  failLogins(error: ScriptedError, options?: FailOnOptions): void;
  clearFailures(): void;
  /** Row counts and checksums answered to provider/sql/verify.ts. */
  tables: TableStore;
  /** Table data answering the data-validation queries of provider/sql/validation. */
  data: DataTables;
  /** The SQL logins it accepts. */
  logins: SqlLogin[];
  /** Replaces the schema served to catalog queries. */
  setModel(model: DatabaseModel): void;
  /** Adds a handler consulted before the built-in ones. */
  use(handler: QueryHandler): void;
  /** Protocol errors seen (malformed client messages); tests may assert it stays empty. */
  protocolErrors: Error[];
  /** TCP connections accepted so far (any client, before login): 0 means nothing even connected. */
  connections(): number;
  stop(): Promise<void>;
}

export const DEFAULT_TEST_LOGIN: SqlLogin = { user: "migrator", password: "Test-only p@ss;word={1}" };

export async function startTdsTestServer(options: TdsTestServerOptions = {}): Promise<TdsTestServer> {
  const host = options.host ?? "127.0.0.1";
  const serverName = options.serverName ?? "tds-test-server";
  const certificates = getTestCertificates();
  const batches: RecordedBatch[] = [];
  const protocolErrors: Error[] = [];
  const failures = new ScriptedFailures(serverName);
  const tables = new TableStore();
  const data = new DataTables();
  const catalog = new CatalogResponder(options.model);
  const userHandlers: QueryHandler[] = [...(options.handlers ?? [])];
  const chain: QueryHandler[] = [];
  const rebuildChain = () => {
    chain.splice(
      0,
      chain.length,
      recordingHandler(batches),
      failures.handler,
      catalogBindingHandler,
      ...userHandlers,
      data.handler,
      tables.handler,
      catalog.handler,
    );
  };
  rebuildChain();
  // A drop "afterRunning" lets the rest of the chain run the batch first (e.g. the stand-in applies the DDL).
  failures.setDownstream((request) => answerWithChain(chain.slice(chain.indexOf(failures.handler) + 1), request));

  const server = new TdsServer(
    {
      serverName,
      logins: options.logins ?? [DEFAULT_TEST_LOGIN],
      accessTokens: options.accessTokens ?? [],
      databases: options.databases,
      allowUnencrypted: options.allowUnencrypted ?? false,
      handlers: () => chain,
      onProtocolError: (error) => protocolErrors.push(error),
      loginFault: (principal) => failures.loginFault(principal),
    },
    certificates,
  );
  const port = await server.listen(options.port ?? 0, host);

  return {
    host,
    port,
    caPem: certificates.caPem,
    batches,
    clientBatches: () => batches.filter((batch) => !batch.driverHousekeeping),
    failOn: (match, error, failOptions) => failures.add(match, error, failOptions),
    failLogins: (error, failOptions) => failures.addLoginFault(error, failOptions),
    clearFailures: () => failures.clear(),
    tables,
    data,
    logins: options.logins ?? [DEFAULT_TEST_LOGIN],
    setModel: (model) => catalog.setModel(model),
    use: (handler) => {
      userHandlers.unshift(handler);
      rebuildChain();
    },
    protocolErrors,
    connections: () => server.acceptedConnections,
    stop: () => server.close(),
  };
}
export { startLocalSqlServer, dataTableFor, type LocalSqlServer, type LocalSqlServerOptions } from "./local-sql-server";

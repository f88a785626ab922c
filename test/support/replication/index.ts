/**
 * A transactional-replication simulator for the TDS test server: plugged into a source server (publisher and
 * local distributor) and a target server (the Azure SQL database, a push subscriber) with `server.use(handler)`,
 * it answers the system procedures, tables and views the replication adapter uses under their real result-set
 * column names, keeps the replication's state, and runs its agents on a clock the test controls.
 *
 *   const sim = attachReplicationSimulator({ source, target, sourceDatabase: 'Sales', targetDatabase: 'SalesDb',
 *     subscriberName: 'sales.database.windows.net' });
 *   sim.identity('dbo.Orders', 'Id');
 *   sim.pauseDelivery(); sim.insert('dbo.Orders', [[501, 'late order']]);   // pending commands grow
 *   sim.resumeDelivery();                                                    // they drain into the target's rows
 *   sim.faults.subscriberUnreachable = true;                                 // agent status 6 + MSrepl_errors
 *   sim.calls.count('sp_dropsubscription');
 *
 * Table rows live in each server's DataTables (validation reads them there); everything else replication
 * keeps is here (model.ts). What is simulated, and what is not, is listed in README.md.
 */
import type { CellValue, QueryHandler, QueryRequest, QueryResponse, TdsTestServer } from "../tds";
import { tick as runAgents, type AgentFaults } from "./agents";
import { CallLog, type CallMatcher, type PausePoint } from "./call-log";
import { DatabaseSide, keyOf, SimulatedError, type TableObjectKind } from "./model";
import { Publisher } from "./publisher";
import { answer, failure } from "./result-sets";
import { answerCatalog, applyStatement } from "./side-catalog";
import { markerOf, procedureCall } from "./sql-text";

export type { CallRecord, CallMatcher, PausePoint } from "./call-log";
export { DatabaseSide, SimulatedError } from "./model";

export interface ReplicationSimulatorOptions {
  /** The publisher (and its local distributor). */
  source: TdsTestServer;
  /** The Azure SQL database. */
  target: TdsTestServer;
  sourceDatabase: string;
  targetDatabase: string;
  /** The target's name as the distributor reaches it (what sp_addsubscription is given). */
  subscriberName: string;
  /** @@SERVERNAME (default `SQL01`). */
  serverName?: string;
  /** SERVERPROPERTY('ServerName'): differs from @@SERVERNAME after a rename (default: the same). */
  machineServerName?: string;
  productVersion?: string;
  /** SERVERPROPERTY('EngineEdition'): 3 Enterprise/Developer (default), 4 Express, 5 Azure SQL Database. */
  engineEdition?: number;
  agentRunning?: boolean;
  sysadmin?: boolean;
  /** Agent clock period (default 50 ms); 0 = manual ticks only. */
  tickMs?: number;
  commandsPerTick?: number;
  /** What tracer tokens report (seconds). */
  latency?: { distributorSeconds: number; subscriberSeconds: number };
}

const HOUSEKEEPING = /^\s*(set |select 1;)/i;

export class ReplicationSimulator {
  readonly calls = new CallLog();
  readonly source: DatabaseSide;
  readonly target: DatabaseSide;
  readonly publisher: Publisher;
  readonly faults: AgentFaults = { subscriberUnreachable: false };
  readonly settings: {
    serverName: string;
    machineServerName: string;
    productVersion: string;
    engineEdition: number;
    agentRunning: boolean;
    sysadmin: boolean;
  };
  private paused = false;
  private active = true;
  private nextErrorId = 1;
  private timer: NodeJS.Timeout | undefined;
  private readonly commandsPerTick: number;

  constructor(private readonly options: ReplicationSimulatorOptions) {
    const serverName = options.serverName ?? "SQL01";
    this.settings = {
      serverName,
      machineServerName: options.machineServerName ?? serverName,
      productVersion: options.productVersion ?? "16.0.4135.4",
      engineEdition: options.engineEdition ?? 3,
      agentRunning: options.agentRunning ?? true,
      sysadmin: options.sysadmin ?? true,
    };
    this.source = new DatabaseSide(options.sourceDatabase, options.source.data);
    this.target = new DatabaseSide(options.targetDatabase, options.target.data);
    this.commandsPerTick = options.commandsPerTick ?? 100;
    const tickMs = options.tickMs ?? 50;
    this.publisher = new Publisher({
      serverName,
      database: options.sourceDatabase,
      source: this.source,
      latency: options.latency ?? { distributorSeconds: 1, subscriberSeconds: 1 },
      commandsPerSecond: () => (tickMs ? (this.commandsPerTick * 1000) / tickMs : this.commandsPerTick),
    });
    if (tickMs) {
      this.timer = setInterval(() => this.tick(), tickMs);
      this.timer.unref();
    }
  }

  /** One step of every agent (the clock calls it; tests with tickMs 0 call it themselves). */
  tick(): void {
    runAgents({
      publisher: this.settings.serverName,
      publications: () => this.publisher.publications,
      tokens: this.publisher.tokens,
      source: this.source,
      target: this.target,
      faults: this.faults,
      deliveryPaused: () => this.paused,
      commandsPerTick: this.commandsPerTick,
      nextErrorId: () => this.nextErrorId++,
    });
  }

  /** Stops the clock and unplugs the handlers (a server keeps its handlers; a stopped simulator answers nothing). */
  stop(): void {
    this.active = false;
    if (this.timer) clearInterval(this.timer);
    this.calls.releaseAll();
  }

  // ---- the test's controls ----

  /** Declares an identity column on a table of both databases (the target's as the schema step made it). */
  identity(table: string, column: string, increment = 1n): void {
    const [schema, name] = table.split(".") as [string, string];
    this.source.identities.push({ schema, name, column, increment, lastValue: null, notForReplication: false });
    this.source.identities[this.source.identities.length - 1]!.lastValue = this.source.maxIdentity({ schema, name });
    this.target.identities.push({ schema, name, column, increment, lastValue: null, notForReplication: false });
  }

  /** A sequence on both sides: the source at `current`, the target as freshly deployed (at its start). */
  sequence(name: string, current: bigint, increment = 1n, start = 1n): void {
    const [schema, sequence] = name.split(".") as [string, string];
    this.source.sequences.push({ schema, name: sequence, current, increment });
    this.target.sequences.push({ schema, name: sequence, current: start, increment });
  }

  /** A FOREIGN KEY, CHECK or trigger on a table of both databases, enabled and trusted. */
  tableObject(table: string, object: string, kind: TableObjectKind): void {
    const [schema, name] = table.split(".") as [string, string];
    for (const side of [this.source, this.target])
      side.objects.push({ schema, name, object, kind, disabled: false, notTrusted: false });
  }

  pauseDelivery(): void {
    this.paused = true;
  }

  resumeDelivery(): void {
    this.paused = false;
  }

  /** Application writes on the source: the rows change now, and the change is queued for each subscription. */
  insert(table: string, rows: CellValue[][]): void {
    const [schema, name] = table.split(".") as [string, string];
    const data = this.sourceTable(schema, name);
    for (const row of rows) {
      data.rows.push([...row]);
      this.publisher.capture({ schema, name }, { op: "insert", row: [...row] });
    }
    const identity = this.source.identityOf({ schema, name });
    if (identity) identity.lastValue = this.source.maxIdentity({ schema, name });
  }

  update(table: string, key: CellValue, row: CellValue[]): void {
    const [schema, name] = table.split(".") as [string, string];
    const data = this.sourceTable(schema, name);
    const index = data.primaryKey?.length ? data.columns.indexOf(data.primaryKey[0]!.column) : 0;
    const at = data.rows.findIndex((r) => String(r[index]) === String(key));
    if (at < 0) throw new Error(`no row ${String(key)} in ${table}`);
    data.rows[at] = [...row];
    this.publisher.capture({ schema, name }, { op: "update", key, row: [...row] });
  }

  delete(table: string, key: CellValue): void {
    const [schema, name] = table.split(".") as [string, string];
    const data = this.sourceTable(schema, name);
    const index = data.primaryKey?.length ? data.columns.indexOf(data.primaryKey[0]!.column) : 0;
    data.rows.splice(
      data.rows.findIndex((r) => String(r[index]) === String(key)),
      1,
    );
    this.publisher.capture({ schema, name }, { op: "delete", key });
  }

  /** Holds the first request matching `matcher` until released (see CallLog.pauseAt). */
  pauseAt(matcher: CallMatcher): PausePoint {
    return this.calls.pauseAt(matcher);
  }

  /** Pending commands of every subscription. */
  pendingCommands(): number {
    return this.publisher.publications
      .flatMap((p) => p.subscriptions)
      .reduce((sum, s) => sum + s.queue.filter((e) => e.kind === "command").length, 0);
  }

  /** Every replication object on the source: empty when nothing is left. */
  replicationObjects(): string[] {
    const p = this.publisher;
    return [
      ...(p.distributor
        ? [
            `distributor ${p.distributor.server}`,
            ...p.distributor.distributionDbs.map((db) => `distribution database ${db}`),
            ...p.distributor.publishers.map((x) => `distribution publisher ${x.name}`),
          ]
        : []),
      ...[...p.publishedDatabases].map((db) => `published database ${db}`),
      ...[...p.logReaders.keys()].map((db) => `log reader of ${db}`),
      ...p.publications.map((x) => `publication ${x.name}`),
      ...p.publications.flatMap((x) => x.subscriptions.map((s) => `subscription ${s.subscriber}/${s.destinationDb}`)),
    ];
  }

  private sourceTable(schema: string, name: string) {
    const table = this.source.data.get(schema, name);
    if (!table) throw new Error(`no source table ${schema}.${name}`);
    return table;
  }

  // ---- the handlers ----

  readonly sourceHandler: QueryHandler = (request) => this.handle("source", request);
  readonly targetHandler: QueryHandler = (request) => this.handle("target", request);

  private async handle(side: "source" | "target", request: QueryRequest): Promise<QueryResponse | undefined> {
    if (!this.active) return undefined;
    const marker = markerOf(request.sql);
    const call = marker ? undefined : procedureCall(request.sql);
    // Validation queries are recorded (and may be held) but answered by the server's DataTables.
    const validation = !marker && !call && request.sql.startsWith("/* validate:");
    const statement =
      !marker &&
      !call &&
      !validation &&
      !/^\/\* (catalog|verify):/.test(request.sql) &&
      !HOUSEKEEPING.test(request.sql);
    if (!marker && !call && !statement && !validation) return undefined;
    const name = marker ?? call?.procedure ?? (validation ? "validate" : "statement");
    const record = this.calls.record({
      side,
      name,
      database: call?.database ?? request.database,
      params: { ...request.params },
      sql: request.sql,
    });
    if (!(await this.calls.gate(record))) {
      // Held, then dropped: the client died before the server ran it.
      record.succeeded = false;
      return {};
    }
    if (statement || validation) return undefined;
    try {
      const response =
        side === "source" ? this.answerSource(marker, call, request) : this.answerTarget(marker, request);
      record.succeeded = !response?.error;
      return response;
    } catch (error) {
      if (!(error instanceof SimulatedError)) throw error;
      record.succeeded = false;
      return failure(error.number, error.message);
    }
  }

  private answerSource(
    marker: string | undefined,
    call: ReturnType<typeof procedureCall>,
    request: QueryRequest,
  ): QueryResponse | undefined {
    if (call) return this.publisher.call(call.procedure, call.database, request);
    const s = this.settings;
    switch (marker) {
      case "server-facts": {
        const nvarchar = { type: "nvarchar", length: 256 } as const;
        const int = { type: "int" } as const;
        return answer(
          {
            server_name: nvarchar,
            machine_server_name: nvarchar,
            product_version: nvarchar,
            engine_edition: int,
            edition: nvarchar,
            is_sysadmin: int,
            agent_running: int,
            database_name: nvarchar,
            updateability: nvarchar,
          },
          [
            {
              server_name: s.serverName,
              machine_server_name: s.machineServerName,
              product_version: s.productVersion,
              engine_edition: s.engineEdition,
              edition: s.engineEdition === 4 ? "Express Edition (64-bit)" : "Developer Edition (64-bit)",
              is_sysadmin: s.sysadmin ? 1 : 0,
              agent_running: s.agentRunning ? 1 : 0,
              database_name: request.database,
              updateability: "READ_WRITE",
            },
          ],
        );
      }
      case "distribution-databases":
        return answer(
          { name: { type: "nvarchar", length: 128 } },
          (this.publisher.distributor?.distributionDbs ?? []).map((name) => ({ name })),
        );
      case "published-databases":
        return answer(
          { name: { type: "nvarchar", length: 128 } },
          this.publisher.publishedDatabasesExcept(String(request.params["except"] ?? "")).map((name) => ({ name })),
        );
      case "snapshot-history":
        return this.publisher.snapshotHistory(request);
      case "application-lock":
        return /sp_getapplock/i.test(request.sql) ? answer({ result: { type: "int" } }, [{ result: 0 }]) : {};
      default:
        return answerCatalog(this.source, marker!, request) ?? applyStatement(this.source, marker!, request);
    }
  }

  private answerTarget(marker: string | undefined, request: QueryRequest): QueryResponse | undefined {
    if (!marker) return undefined;
    if (marker === "target-facts")
      return answer({ database_name: { type: "nvarchar", length: 128 }, engine_edition: { type: "int" } }, [
        { database_name: request.database, engine_edition: 5 },
      ]);
    return answerCatalog(this.target, marker, request) ?? applyStatement(this.target, marker, request);
  }
}

/** Creates the simulator and plugs its handlers into both servers. */
export function attachReplicationSimulator(options: ReplicationSimulatorOptions): ReplicationSimulator {
  const simulator = new ReplicationSimulator(options);
  options.source.use(simulator.sourceHandler);
  options.target.use(simulator.targetHandler);
  return simulator;
}

export { keyOf };

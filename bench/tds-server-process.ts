/**
 * The TDS test server of the extract step, in a process of its own, so the extract step's time, CPU and peak
 * RSS are the client's (driver + assembly) and the server's share is measured apart: its CPU time during the
 * extraction comes back over IPC. The child builds the synthetic catalog (deterministic for a size), serves it,
 * and says how many objects of each kind it serves, so the parent checks the extraction without holding a copy
 * of the model in its own heap (a copy the client would not have, and whose garbage-collection cost would be
 * charged to the extraction).
 *
 *   parent                          child (this file, --serve <size>)
 *   fork ─────────────────────────▶ builds the catalog, starts the server
 *        ◀───────────────────────── { ready: host, port, caPem, database, objects per kind }
 *   "mark" (before the clock) ────▶ remembers its CPU usage   ◀─ { marked }
 *   "stats" (after the clock) ────▶ ◀─ { stats: CPU since mark, batches, protocol errors }
 *   "stop" ───────────────────────▶ stops the server and exits
 */
import { fork, type ChildProcess } from "node:child_process";
import { CATALOG_QUERIES } from "../provider/sql/catalog-queries";
import { DEFAULT_TEST_LOGIN, startTdsTestServer } from "../emulator/sql-server";
import { allObjects } from "../provider/schema/model";
import { buildSyntheticCatalog } from "./synthetic-catalog";

export const BENCH_DATABASE = "BenchDb";

export interface ServedCatalog {
  host: string;
  port: number;
  caPem: string;
  database: string;
  /** Objects served, per kind (e.g. { table: 400, view: 150 }), counted from the server's own model. */
  objectsByKind: Record<string, number>;
}

export interface ServerStats {
  /** CPU time (user + system) the server process spent between "mark" and "stats". */
  cpuMs: number;
  /** Peak resident set size of the server process (MB). */
  peakRssMb: number;
  /** Requests received, and those that were catalog queries. */
  requests: number;
  catalogBatches: number;
  protocolErrors: string[];
}

type ParentMessage = "mark" | "stats" | "stop";
type ChildMessage = { ready: ServedCatalog } | { marked: true } | { stats: ServerStats } | { error: string };

/** A served catalog in a child process, and the messages to drive it. */
export class TdsServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly served: ServedCatalog,
  ) {}

  static async start(objectCount: number): Promise<TdsServerProcess> {
    const child = fork(__filename, ["--serve", String(objectCount)], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const first = await nextMessage(child);
    if (!("ready" in first)) throw new Error(`TDS server process: ${"error" in first ? first.error : "no ready"}`);
    return new TdsServerProcess(child, first.ready);
  }

  async mark(): Promise<void> {
    this.child.send("mark" satisfies ParentMessage);
    await nextMessage(this.child);
  }

  async stats(): Promise<ServerStats> {
    this.child.send("stats" satisfies ParentMessage);
    const reply = await nextMessage(this.child);
    if (!("stats" in reply)) throw new Error("TDS server process: no stats");
    return reply.stats;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.send("stop" satisfies ParentMessage);
    await exited;
  }
}

function nextMessage(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`TDS server process exited with ${code}`));
    child.once("exit", onExit);
    child.once("message", (message) => {
      child.off("exit", onExit);
      resolve(message as ChildMessage);
    });
  });
}

function isCatalogQuery(sql: string): boolean {
  return Object.values(CATALOG_QUERIES).some((query) => sql.startsWith(query.marker));
}

/** The child's side: serve the catalog of `objectCount` objects until told to stop. */
async function serve(objectCount: number): Promise<void> {
  const model = buildSyntheticCatalog(objectCount);
  const database = model.databaseName ?? BENCH_DATABASE;
  const server = await startTdsTestServer({ model, logins: [DEFAULT_TEST_LOGIN], databases: [database] });
  const send = (message: ChildMessage): void => void process.send!(message);
  let cpuAtMark = process.cpuUsage();
  process.on("message", (message: ParentMessage) => {
    if (message === "mark") {
      cpuAtMark = process.cpuUsage();
      send({ marked: true });
    } else if (message === "stats") {
      const cpu = process.cpuUsage(cpuAtMark);
      send({
        stats: {
          cpuMs: Math.round((cpu.user + cpu.system) / 1000),
          peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
          requests: server.batches.length,
          catalogBatches: server.batches.filter((batch) => isCatalogQuery(batch.sql)).length,
          protocolErrors: server.protocolErrors.map((e) => e.message),
        },
      });
    } else if (message === "stop") {
      void server.stop().then(() => process.exit(0));
    }
  });
  const objectsByKind: Record<string, number> = {};
  for (const object of allObjects(model)) objectsByKind[object.kind] = (objectsByKind[object.kind] ?? 0) + 1;
  send({ ready: { host: server.host, port: server.port, caPem: server.caPem, database, objectsByKind } });
}

if (require.main === module && process.argv[2] === "--serve") {
  serve(Number(process.argv[3])).catch((err: unknown) => {
    process.send?.({ error: String(err) } satisfies ChildMessage);
    process.exit(1);
  });
}

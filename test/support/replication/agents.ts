/**
 * The replication agents, on a clock the test controls: at each tick the Snapshot agent produces a requested
 * snapshot; each Distribution Agent delivers it to its subscription's articles (the target's rows become the
 * source's, the change procedures and MSreplication_subscriptions appear on the target), then applies queued
 * commands in order — inserts, updates and deletes on the target's rows, tracer tokens marked as arrived —
 * at most `commandsPerTick` per tick, unless delivery is paused. A subscriber it cannot reach fails the agent
 * (status 6) with the errors a real Distribution Agent logs.
 */
import type { CellValue, DataTable } from "../tds";
import {
  keyOf,
  subscriptionKey,
  type DatabaseSide,
  type Publication,
  type QueueEntry,
  type Subscription,
  type TracerToken,
} from "./model";

export interface AgentFaults {
  /** The Distribution Agent cannot connect to the subscriber (firewall, name, login). */
  subscriberUnreachable: boolean;
  /** The Snapshot agent fails with this text. */
  snapshotFails?: string;
}

/**
 * Schema option bits Azure SQL Database subscribers refuse (extended properties, permissions, …). Written again from
 * Microsoft's sp_addarticle page rather than imported from provider/replication/names.ts: the simulator keeps its own
 * knowledge, so a bit the provider gets wrong is refused here instead of agreed with.
 */
const REJECTED_BY_AZURE = [
  0x2000n,
  0x40000n,
  0x80000n,
  0x100000n,
  0x200000n,
  0x400000n,
  0x800000n,
  0x1000000n,
  0x4000000n,
  0x40000000n,
  0x400000000n,
  0x4000000000n,
  0x10000000000n,
  0x20000000000n,
];

export interface AgentContext {
  publisher: string;
  publications: () => Publication[];
  tokens: TracerToken[];
  source: DatabaseSide;
  target: DatabaseSide;
  faults: AgentFaults;
  deliveryPaused: () => boolean;
  commandsPerTick: number;
  nextErrorId: () => number;
}

function failAgent(
  context: AgentContext,
  subscription: Subscription,
  errors: { code: string; text: string; source: string }[],
): void {
  const agent = subscription.agent!;
  if (agent.status === 6) return;
  agent.status = 6;
  for (const e of errors)
    subscription.errors.push({
      id: context.nextErrorId(),
      time: new Date(),
      sourceName: e.source,
      code: e.code,
      text: e.text,
    });
}

function copyShape(table: DataTable, rows: CellValue[][]): DataTable {
  return {
    columns: [...table.columns],
    ...(table.primaryKey ? { primaryKey: table.primaryKey.map((k) => ({ ...k })) } : {}),
    rows,
  };
}

function keyIndex(table: DataTable): number {
  return table.primaryKey?.length ? table.columns.indexOf(table.primaryKey[0]!.column) : 0;
}

const sameKey = (a: CellValue, b: CellValue) => String(a) === String(b);

/** Applies one replicated command to the target's rows; answers an error text when the target refuses it. */
function applyCommand(context: AgentContext, entry: Extract<QueueEntry, { kind: "command" }>): string | undefined {
  const table = context.target.data.get(entry.table.schema, entry.table.name);
  if (!table) return `Invalid object name '${entry.table.schema}.${entry.table.name}'.`;
  const index = keyIndex(table);
  if (entry.op === "insert") {
    const identity = context.target.identityOf(entry.table);
    // The agent inserts the source's identity values: only a NOT FOR REPLICATION identity admits them.
    if (identity && !identity.notForReplication) {
      return `Cannot insert explicit value for identity column in table '${entry.table.name}' when IDENTITY_INSERT is set to OFF.`;
    }
    table.rows.push([...entry.row!]);
  } else if (entry.op === "delete") {
    const at = table.rows.findIndex((r) => sameKey(r[index], entry.key));
    if (at >= 0) table.rows.splice(at, 1);
  } else {
    const at = table.rows.findIndex((r) => sameKey(r[index], entry.key));
    if (at >= 0) table.rows[at] = [...entry.row!];
  }
  return undefined;
}

function deliverSnapshot(context: AgentContext, publication: Publication, subscription: Subscription): void {
  for (const article of publication.articles) {
    if (subscription.articleStatus.get(article.name.toLowerCase()) !== 1) continue;
    const source = context.source.data.get(article.source.schema, article.source.name);
    const target = context.target.data.get(article.destination.schema, article.destination.name);
    if (!source || !target) continue;
    const copied = source.rows.map((r) => [...r]);
    context.target.data.set(
      article.destination.schema,
      article.destination.name,
      copyShape(target, article.preCreation === "none" ? [...target.rows, ...copied] : copied),
    );
    // The snapshot holds every change made so far: commands queued for the article before it are in it already.
    subscription.queue = subscription.queue.filter(
      (e) => e.kind !== "command" || e.article !== article.name.toLowerCase(),
    );
    subscription.articleStatus.set(article.name.toLowerCase(), 2);
    const stem = `${article.destination.schema}${article.destination.name}`;
    for (const kind of ["ins", "upd", "del"])
      context.target.procedures.add(`${article.destination.schema}.sp_MS${kind}_${stem}`);
  }
  const rows = (context.target.replicationSubscriptions ??= []);
  if (!rows.some((r) => r.publication === publication.name))
    rows.push({ publisher: context.publisher, publisherDb: publication.database, publication: publication.name });
}

export function tick(context: AgentContext): void {
  for (const publication of context.publications()) {
    if (publication.snapshotRequested) {
      publication.snapshotRequested = false;
      if (context.faults.snapshotFails) {
        publication.snapshotRuns.push({ runstatus: 6, time: new Date(), comments: context.faults.snapshotFails });
      } else {
        publication.snapshotRuns.push({
          runstatus: 2,
          time: new Date(),
          comments: `[100%] A snapshot of ${publication.articles.length} article(s) was generated.`,
        });
        publication.snapshotReady = true;
      }
    }
    for (const subscription of publication.subscriptions) {
      const agent = subscription.agent;
      if (!agent || agent.status === 6) continue;
      if (context.faults.subscriberUnreachable) {
        failAgent(context, subscription, [
          {
            code: "MSSQL_REPL20084",
            source: "MSSQL_REPL",
            text: `The process could not connect to Subscriber '${subscription.subscriber}'.`,
          },
          {
            code: "53",
            source: "ODBC Driver 17 for SQL Server",
            text: "Named Pipes Provider: Could not open a connection to SQL Server [53]. ",
          },
          { code: "HYT00", source: "ODBC Driver 17 for SQL Server", text: "Login timeout expired" },
        ]);
        continue;
      }
      const rejected = publication.articles.find((a) => REJECTED_BY_AZURE.some((bit) => (a.schemaOption & bit) !== 0n));
      if (rejected && publication.snapshotReady) {
        failAgent(context, subscription, [
          {
            code: "40517",
            source: "MSSQL_REPL",
            text: `Keyword or statement option is not supported in this version of SQL Server (article ${rejected.name}, schema option 0x${rejected.schemaOption.toString(16)}).`,
          },
        ]);
        continue;
      }
      agent.lastSync = new Date();
      if (publication.snapshotReady && [...subscription.articleStatus.values()].some((s) => s === 1)) {
        deliverSnapshot(context, publication, subscription);
        agent.status = 3;
        continue;
      }
      if (!context.deliveryPaused()) {
        for (let n = 0; n < context.commandsPerTick && subscription.queue.length; n++) {
          const entry = subscription.queue[0]!;
          if (entry.kind === "token") {
            context.tokens.find((t) => t.id === entry.tokenId)?.arrivals.set(subscriptionKey(subscription), new Date());
          } else {
            const refused = applyCommand(context, entry);
            if (refused) {
              failAgent(context, subscription, [
                {
                  code: "MSSQL_REPL20046",
                  source: "MSSQL_REPL",
                  text: `The process encountered an error while applying a command to the subscriber: ${refused}`,
                },
              ]);
              break;
            }
          }
          subscription.queue.shift();
        }
      }
      if (agent.status !== 6) agent.status = subscription.queue.some((e) => e.kind === "command") ? 3 : 4;
    }
  }
}

export const pendingCommands = (subscription: Subscription) =>
  subscription.queue.filter((e) => e.kind === "command").length;
export { keyOf };

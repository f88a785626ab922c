/** What a ReplicationMigration records in state: bounded summaries (every table's detail is in the report's files). */
import type { DatabaseFacts } from "../../report";
import { redact } from "../../sql/errors";
import type { MigrationPhase } from "../migration-phase";
import { validationFacts, type ValidationSummary } from "../validation-step";
import type { CreatedObjects } from "./configure";
import type { MeasuredLatency } from "./follow";
import type { ReplicationMigrationInputs } from "./inputs";
import type { JournalEntry } from "./journal";
import type { LiveStatus } from "./status";
import type { TableProgress } from "./table-progress";

/** Names listed in state at most (excluded tables, errors, gate reasons). */
export const LIST_IN_STATE = 20;

export interface ReplicationMigrationOutputs extends ReplicationMigrationInputs {
  resourceId: string;
  /** The source's @@SERVERNAME, once read. */
  publisher?: string;
  distributionDatabase?: string;
  subscriber: string;
  phase: MigrationPhase;
  /** Configuration finished once: later updates follow the publication as it is. */
  configured: boolean;
  /** What this resource created on the source (and so removes). */
  created: CreatedObjects;
  publishedTables: number;
  excludedTables: string[];
  articlesActive: number;
  pendingCommands?: number;
  estimatedSeconds?: number;
  /** The last tracer token's publisher-to-subscriber latency, in seconds. */
  latencySeconds?: number;
  latencyMeasuredAt?: string;
  /** The Distribution Agent's status (started, succeeded, in progress, idle, retrying, failed). */
  agentStatus?: string;
  /** The readiness gate: whether it passed, and why not. */
  gate: { ready: boolean; reasons: string[]; checkedAt: string };
  /** The subscription's latest replication errors (MSrepl_errors), newest first. */
  lastErrors: string[];
  rowsOnTarget: number;
  tableProgress: TableProgress[];
  dataMoveFile?: string;
  validationResult?: ValidationSummary;
  validationMismatchAllowed?: boolean;
  cutoverSteps: JournalEntry[];
  startedAt: string;
  completedAt?: string;
  checkedAt: string;
}

export const bounded = (list: readonly string[]) =>
  list.length > LIST_IN_STATE
    ? [...list.slice(0, LIST_IN_STATE), `…and ${list.length - LIST_IN_STATE} more`]
    : [...list];

/** The live monitoring figures, copied into the outputs (agent error texts scrubbed of `secrets`). */
export function monitoringOutputs(
  status: LiveStatus,
  latency?: MeasuredLatency,
  secrets: readonly string[] = [],
): Partial<ReplicationMigrationOutputs> {
  return {
    articlesActive: status.articles.filter((a) => a.status === 2).length,
    ...(status.pending
      ? { pendingCommands: status.pending.pendingCommands, estimatedSeconds: status.pending.estimatedSeconds }
      : {}),
    ...(status.agent ? { agentStatus: status.agent.description } : {}),
    ...(latency ? { latencySeconds: latency.seconds, latencyMeasuredAt: latency.measuredAt } : {}),
    lastErrors: status.errors
      .slice(0, 5)
      .map((e) => redact(`${e.time ? `${e.time} ` : ""}${e.code ? `[${e.code}] ` : ""}${e.text}`, secrets)),
  };
}

/** This database's facts for the migration report, the cutover timeline included. */
export function reportFacts(outs: ReplicationMigrationOutputs): DatabaseFacts {
  const v = outs.validationResult;
  const gate = [
    {
      at: outs.gate.checkedAt,
      check: "readiness gate",
      passed: outs.gate.ready,
      values: {
        reasons: outs.gate.reasons,
        pendingCommands: outs.pendingCommands ?? null,
        latencySeconds: outs.latencySeconds ?? null,
      },
    },
  ];
  const steps = outs.cutoverSteps.map((s) => ({
    at: s.endedAt ?? s.startedAt,
    check: `cutover step ${s.step}`,
    passed: Boolean(s.endedAt),
    values: {
      startedAt: s.startedAt,
      ...(s.endedAt ? { endedAt: s.endedAt } : {}),
      ...(s.detail ? { detail: s.detail } : {}),
    },
  }));
  return {
    database: outs.sourceDatabaseName,
    targetDatabase: outs.targetDatabaseName,
    phase: outs.phase,
    ...(outs.agentStatus ? { state: outs.agentStatus } : {}),
    startedOn: outs.startedAt,
    ...(outs.completedAt ? { endedOn: outs.completedAt } : {}),
    rowsCopied: outs.rowsOnTarget,
    errors: outs.lastErrors,
    ...(outs.dataMoveFile ? { dataMoveFile: outs.dataMoveFile } : {}),
    ...(v ? { validation: validationFacts(v, outs.validationMismatchAllowed) } : {}),
    cutover:
      outs.cutoverSteps.length || outs.gate.reasons.length || outs.phase === "readyForCutover"
        ? [...gate, ...steps]
        : [],
  };
}

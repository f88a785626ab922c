/**
 * The progress model of one simulated migration task: per database, per table, rows copied and (online)
 * changes captured and applied. Pure state plus the step functions a tick calls; it knows nothing about
 * HTTP, the store or the clock, and turning it into the spec's output arrays is output-builders.ts' job.
 */
import { sameTableName } from "./table-names";

export type TableStage = "Queued" | "Loading" | "Loaded" | "Failed" | "Canceled";
export type DatabaseStage = "Queued" | "FullLoad" | "Syncing" | "Completing" | "Completed" | "Failed" | "Canceled";

export interface ChangeCounts {
  inserts: number;
  updates: number;
  deletes: number;
}

export interface TableProgress {
  /** `schema.table` as it appears in the outputs. */
  name: string;
  totalRows: number;
  copiedRows: number;
  stage: TableStage;
  startedAt?: number;
  endedAt?: number;
  failure?: { message: string; atRows: number };
  /** Online: changes captured on the source, waiting to be applied. */
  pending: ChangeCounts;
  /** Online: changes applied to the target. */
  applied: ChangeCounts;
}

export interface DatabaseProgress {
  /** Result id; table result ids start with `${id}/tables/` (offline resultPrefix). */
  id: string;
  sourceName: string;
  targetName: string;
  stage: DatabaseStage;
  startedAt?: number;
  endedAt?: number;
  tables: TableProgress[];
  /** Online: all changes captured so far (`incomingChanges`). */
  incoming: number;
  /** Online: all changes applied so far (`appliedChanges`). */
  appliedTotal: number;
  errors: string[];
}

export interface MigrationProgress {
  mode: "offline" | "online";
  startedAt?: number;
  endedAt?: number;
  databases: DatabaseProgress[];
  /** Migration-level error (ErrorOutput). */
  error?: string;
}

const sum = (c: ChangeCounts) => c.inserts + c.updates + c.deletes;
export const pendingOf = (t: TableProgress) => sum(t.pending);

export function newTable(name: string, totalRows: number): TableProgress {
  return {
    name,
    totalRows,
    copiedRows: 0,
    stage: "Queued",
    pending: { inserts: 0, updates: 0, deletes: 0 },
    applied: { inserts: 0, updates: 0, deletes: 0 },
  };
}

/** One tick of full load on every table still loading; the failure point of a failing table included. */
export function copyRows(db: DatabaseProgress, rowsPerTick: number, now: number): void {
  for (const t of db.tables) {
    if (t.stage !== "Queued" && t.stage !== "Loading") continue;
    if (t.stage === "Queued") {
      t.stage = "Loading";
      t.startedAt = now;
    }
    const limit = t.failure ? Math.min(t.failure.atRows, t.totalRows) : t.totalRows;
    t.copiedRows = Math.min(limit, t.copiedRows + rowsPerTick);
    if (t.failure && t.copiedRows >= t.failure.atRows) {
      t.stage = "Failed";
      t.endedAt = now;
      db.errors.push(`Table ${t.name}: ${t.failure.message}`);
    } else if (t.copiedRows >= t.totalRows) {
      t.stage = "Loaded";
      t.endedAt = now;
    }
  }
}

export function fullLoadDone(db: DatabaseProgress): boolean {
  return db.tables.every((t) => t.stage === "Loaded" || t.stage === "Failed" || t.stage === "Canceled");
}

/** Source writes captured by CDC (online): counted as incoming at once, applied after the table's full load. */
export function captureChanges(db: DatabaseProgress, tableName: string, changes: ChangeCounts): boolean {
  const t = db.tables.find((x) => sameTableName(x.name, tableName));
  if (!t || t.stage === "Failed" || t.stage === "Canceled") return false;
  t.pending.inserts += changes.inserts;
  t.pending.updates += changes.updates;
  t.pending.deletes += changes.deletes;
  db.incoming += sum(changes);
  return true;
}

/** Spreads `count` generated source writes over the database's live tables (updates, for simplicity). */
export function generateChanges(db: DatabaseProgress, count: number): void {
  const live = db.tables.filter((t) => t.stage !== "Failed" && t.stage !== "Canceled");
  for (let i = 0; i < count && live.length > 0; i++) {
    captureChanges(db, live[i % live.length]!.name, { inserts: 0, updates: 1, deletes: 0 });
  }
}

/** Applies up to `budget` pending changes, only on tables whose full load is done; returns how many. */
export function applyChanges(db: DatabaseProgress, budget: number): number {
  let applied = 0;
  for (const t of db.tables) {
    if (t.stage !== "Loaded") continue;
    for (const kind of ["inserts", "updates", "deletes"] as const) {
      const n = Math.min(t.pending[kind], budget - applied);
      t.pending[kind] -= n;
      t.applied[kind] += n;
      applied += n;
    }
    if (applied >= budget) break;
  }
  db.appliedTotal += applied;
  return applied;
}

export function pendingChanges(db: DatabaseProgress): number {
  return db.tables.reduce((n, t) => n + pendingOf(t), 0);
}

/** Stops everything unfinished (cancel, or a failing task). */
export function stopAll(progress: MigrationProgress, stage: "Canceled" | "Failed", now: number): void {
  for (const db of progress.databases) {
    if (db.stage !== "Completed") {
      db.stage = stage;
      db.endedAt ??= now;
    }
    for (const t of db.tables) {
      if (t.stage === "Queued" || t.stage === "Loading") {
        t.stage = stage === "Canceled" ? "Canceled" : "Failed";
        t.endedAt = now;
      }
    }
  }
  progress.endedAt ??= now;
}

/**
 * What a MigrationTask keeps in state of each database's progress: its state, rows and counters, and a bounded
 * table summary (counts per table state, the first failed tables) — never every table, which for a task of
 * 5,000 tables would put megabytes in state at each checkpoint. Every table's progress goes to the database's
 * data-move file beside the report, in the format every engine writes.
 */
import type { DatabaseProgress, TableProgress } from "../../dms";
import { writeDataMoveFile, type DataMoveTable } from "../data-move-file";
import { boundedMessages, summarizeTables, type TableSummary } from "../table-summary";
import { remoteTaskName, type MigrationTaskInputs } from "./inputs";

export interface DatabaseProgressInState extends Omit<DatabaseProgress, "tables"> {
  /** Counts per table state, rows, the first failed tables; every table is in `dataMoveFile`. */
  tableSummary: TableSummary;
  /** `<reportDirectory>/<targetDatabase>.data-move.json`, once an update wrote it. */
  dataMoveFile?: string;
}

/** A database's progress as state holds it: this shape, or an earlier version's with every table in `tables`. */
export type StoredDatabaseProgress = DatabaseProgressInState | DatabaseProgress;

/** The data-move file of each database, by its name in lower case. */
export type DataMoveFiles = Record<string, string>;

type FileInputs = Pick<MigrationTaskInputs, "reportDirectory" | "databases" | "taskName" | "retry">;

/** A table in the data-move file's words (`status`, `rowsCopied`), with the rest of what the service said. */
function dataMoveTable(t: TableProgress): DataMoveTable & Omit<TableProgress, "database" | "table" | "state"> {
  const { database: _database, table, state, rowsCopied, ...detail } = t;
  return { table, status: state ?? "Unknown", rowsCopied: rowsCopied ?? 0, ...detail };
}

/** What state keeps of one database: everything but the tables, which become a summary; errors bounded. */
export function progressInState(db: DatabaseProgress, dataMoveFile?: string): DatabaseProgressInState {
  const { tables, errors, ...rest } = db;
  return {
    ...rest,
    errors: boundedMessages(errors),
    tableSummary: summarizeTables(tables.map(dataMoveTable)),
    ...(dataMoveFile ? { dataMoveFile } : {}),
  };
}

const key = (database: string) => database.toLowerCase();

function targetNameOf(inputs: FileInputs, database: string): string {
  return inputs.databases.find((d) => key(d.sourceName) === key(database))?.targetName ?? database;
}

/** A database's data-move file: where it goes and what it holds (every table, every error). */
export function dataMoveContent(inputs: FileInputs, progress: DatabaseProgress) {
  const { tables, ...db } = progress;
  const targetDatabase = targetNameOf(inputs, db.database);
  return {
    targetDatabase,
    content: {
      engine: "dmsClassic",
      task: remoteTaskName(inputs),
      targetDatabase,
      ...db,
      tables: tables.map(dataMoveTable),
    },
  };
}

/** Writes each database's data-move file and answers their paths. */
export async function writeDataMoveFiles(
  inputs: FileInputs,
  databases: readonly DatabaseProgress[],
): Promise<DataMoveFiles> {
  const files: DataMoveFiles = {};
  for (const db of databases) {
    const { targetDatabase, content } = dataMoveContent(inputs, db);
    files[key(db.database)] = await writeDataMoveFile(inputs.reportDirectory, targetDatabase, content);
  }
  return files;
}

/** The data-move files recorded in state (none in an earlier version's state). */
export function dataMoveFilesIn(stored: readonly StoredDatabaseProgress[] | undefined): DataMoveFiles {
  const files: DataMoveFiles = {};
  for (const db of stored ?? []) if ("dataMoveFile" in db && db.dataMoveFile) files[key(db.database)] = db.dataMoveFile;
  return files;
}

export function inStateShape(databases: readonly DatabaseProgress[], files: DataMoveFiles): DatabaseProgressInState[] {
  return databases.map((db) => progressInState(db, files[key(db.database)]));
}

/**
 * Progress recorded by an earlier version (every table in state) in this version's shape: its tables are
 * written to the data-move files first, so nothing the state held is lost. Already bounded entries stay as
 * they are.
 */
export async function boundedStoredProgress(
  inputs: FileInputs,
  stored: readonly StoredDatabaseProgress[] | undefined,
): Promise<DatabaseProgressInState[]> {
  const legacy = (stored ?? []).filter(holdsEveryTable);
  const files = legacy.length ? await writeDataMoveFiles(inputs, legacy) : {};
  return (stored ?? []).map((db) => (holdsEveryTable(db) ? progressInState(db, files[key(db.database)]) : db));
}

function holdsEveryTable(db: StoredDatabaseProgress): db is DatabaseProgress {
  return Array.isArray((db as Partial<DatabaseProgress>).tables);
}

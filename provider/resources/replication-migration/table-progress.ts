/**
 * Per-table progress of a replication — the article's state and the rows on each side (sys.partitions counts:
 * instant, and allowed to lag changes in flight; validation does the exact comparison) — written whole to a file
 * beside the report, and kept in state only for the first tables, so the state stays small whatever the table
 * count (the data-move file has the format the report reads).
 */
import { readRowCounts, tableKey, type SubscribedArticle, type TableName } from "../../replication";
import { withConnection } from "../../sql/connection";
import { writeDataMoveFile } from "../data-move-file";
import { articleState } from "./progress-log";
import { sourceSpec, targetSpec } from "./connections";
import type { ReplicationMigrationInputs } from "./inputs";

/** Tables listed in state; every table is in the file. */
export const TABLES_IN_STATE = 20;

export interface TableProgress {
  table: string;
  /** The article's subscription state (`active`, `waiting for the snapshot`, …). */
  state: string;
  sourceRows: number;
  targetRows: number;
}

export interface TableProgressSummary {
  tables: TableProgress[];
  rowsOnTarget: number;
  file: string;
}

export async function recordTableProgress(
  inputs: ReplicationMigrationInputs,
  tables: readonly TableName[],
  articles: readonly SubscribedArticle[],
  articleOf: (table: TableName) => string,
): Promise<TableProgressSummary> {
  const [sourceCounts, targetCounts] = await Promise.all([
    withConnection(sourceSpec(inputs), readRowCounts),
    withConnection(targetSpec(inputs), readRowCounts),
  ]);
  const rows: TableProgress[] = tables.map((t) => {
    const article = articles.find((a) => a.article.toLowerCase() === articleOf(t).toLowerCase());
    const key = tableKey(t).toLowerCase();
    return {
      table: tableKey(t),
      state: article ? articleState(article.status) : "not subscribed",
      sourceRows: sourceCounts.get(key) ?? 0,
      targetRows: targetCounts.get(key) ?? 0,
    };
  });
  // The report reads `status` and `rowsCopied` per table (the data-move file's shape for every engine).
  const tablesForReport = rows.map((r) => ({
    table: r.table,
    status: r.state,
    rowsCopied: r.targetRows,
    sourceRows: r.sourceRows,
  }));
  const file = await writeDataMoveFile(inputs.reportDirectory, inputs.targetDatabaseName, {
    engine: "replication",
    publication: inputs.publicationName,
    tables: tablesForReport,
  });
  return { tables: rows.slice(0, TABLES_IN_STATE), rowsOnTarget: rows.reduce((sum, r) => sum + r.targetRows, 0), file };
}

/**
 * Every table's progress of one database's data move, written beside the report after each update follows it.
 * One writer for every engine: the state keeps a bounded summary, this file keeps every table, and the report
 * reads `tables[].status` and `tables[].rowsCopied` from it whatever moved the data.
 */
import * as path from "node:path";
import { fileStem, writeFileAtomically } from "./atomic-file";

/** What the report reads of each table; an engine adds its own fields (throughput, totals, changes…). */
export interface DataMoveTable {
  table: string;
  status: string;
  rowsCopied: number;
}

type DataMoveContent = { tables: readonly DataMoveTable[] };

/** `<reportDirectory>/<targetDatabase>.data-move.json`, absolute. */
export function dataMoveFilePath(reportDirectory: string, targetDatabase: string): string {
  return path.resolve(reportDirectory, `${fileStem(targetDatabase)}.data-move.json`);
}

/** The file's text (the benchmark measures its size without writing it). */
export function dataMoveFileText(content: DataMoveContent): string {
  return `${JSON.stringify(content, null, 2)}\n`;
}

/** Writes `<reportDirectory>/<targetDatabase>.data-move.json` whole (or not at all) and answers its path. */
export async function writeDataMoveFile<Content extends DataMoveContent>(
  reportDirectory: string,
  targetDatabase: string,
  content: Content,
): Promise<string> {
  const file = dataMoveFilePath(reportDirectory, targetDatabase);
  await writeFileAtomically(file, dataMoveFileText(content));
  return file;
}

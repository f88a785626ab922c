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

/** Writes `<reportDirectory>/<targetDatabase>.data-move.json` whole (or not at all) and answers its path. */
export async function writeDataMoveFile<Content extends { tables: readonly DataMoveTable[] }>(
  reportDirectory: string,
  targetDatabase: string,
  content: Content,
): Promise<string> {
  const file = path.resolve(reportDirectory, `${fileStem(targetDatabase)}.data-move.json`);
  await writeFileAtomically(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}

/** Every table's copy progress of a run, written beside the report after each update follows it. */
import * as path from "node:path";
import type { SqlDbRunSummary } from "../../dms";
import { fileStem, writeFileAtomically } from "../atomic-file";

export async function writeDataMoveFile(
  reportDirectory: string,
  targetDatabase: string,
  summary: SqlDbRunSummary,
): Promise<string> {
  const file = path.resolve(reportDirectory, `${fileStem(targetDatabase)}.data-move.json`);
  await writeFileAtomically(file, `${JSON.stringify(summary, null, 2)}\n`);
  return file;
}

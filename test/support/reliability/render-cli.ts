/**
 * `npm run reliability`'s last step (compiled by scripts/reliability.sh): writes docs/RELIABILITY.md from the rows
 * in $RELIABILITY_RECORD_DIR, and exits 1 when a row failed so the run cannot look green.
 */
import * as fs from "fs";
import { readRecordedRows } from "./record";
import { headlineCounts, renderReliabilityMarkdown } from "./render";

const [target] = process.argv.slice(2);
if (!target || !process.env["RELIABILITY_RECORD_DIR"]) {
  process.stderr.write("usage: RELIABILITY_RECORD_DIR=<dir> node render-cli.js <docs/RELIABILITY.md>\n");
  process.exit(2);
}
const rows = readRecordedRows();
fs.writeFileSync(target, renderReliabilityMarkdown(rows));
const counts = headlineCounts(rows);
process.stdout.write(`${target}: ${JSON.stringify(counts)}\n`);
if (counts.failing > 0 || rows.length === 0) process.exit(1);

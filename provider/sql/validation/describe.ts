import type { TableValidation } from "./table-validation";

/** One line saying how a table differs (or why it could not be validated), for messages and reports. */
export function describeDifference(t: TableValidation): string {
  if (t.verdict === "match") return t.note ?? "matches";
  if (t.verdict === "error") return `could not be validated: ${t.error}`;
  if (t.sourceRows !== t.targetRows) return `${t.sourceRows} rows on the source, ${t.targetRows} on the target`;
  if (t.mismatchedRanges?.length) {
    const r = t.mismatchedRanges[0]!;
    return `checksums differ in key range ${r.from || "(start)"}..${r.to || "(end)"} (${r.sourceChecksum} vs ${r.targetChecksum})`;
  }
  if (t.method === "tableChecksum") return `whole-table checksums differ (${t.sourceChecksum} vs ${t.targetChecksum})`;
  return "differs";
}

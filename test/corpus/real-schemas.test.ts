/**
 * The schema step on real public schemas (test/corpus/corpus.ts), because our own fixtures cannot show what real
 * databases do. For each one: the scripts are read with no DDL left "not understood" or "not modelled"; the
 * assessment reports no false cross-database reference; and the generated script, read back, holds the same
 * objects as the source apart from those the script's report names as held back.
 *
 * Without SCHEMA_CORPUS_DIR the suite is reported as skipped, with the reason, so it never counts as passed.
 */
import * as path from "node:path";
import {
  assess,
  findAnomalies,
  generateScript,
  readScripts,
  readScriptText,
  type DatabaseModel,
  type ScriptReadResult,
} from "../../provider/schema";
import { CORPUS, corpusRoot } from "./corpus";

const { root, reason } = corpusRoot();

/** Every object of the model by list, keyed so a difference names the object (loose statements aside). */
function objectKeys(model: DatabaseModel): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const [list, value] of Object.entries(model)) {
    if (!Array.isArray(value) || list === "statements") continue;
    keys.set(
      list,
      new Set(value.map((item: { key?: string; name?: string }) => item.key ?? item.name ?? JSON.stringify(item))),
    );
  }
  return keys;
}

/** DDL the reader did not take in: warnings on CREATE/ALTER statements. */
function ddlNotTakenIn(read: ScriptReadResult): string[] {
  return read.warnings
    .filter(
      (w) => /^(CREATE|ALTER)\b/i.test(w.firstWords) && /not understood|not modelled|could not read/i.test(w.message),
    )
    .map((w) => `${w.file}:${w.line} ${w.firstWords}: ${w.message}`);
}

if (!root) {
  const why = `SKIPPED: real-world schema corpus not available: ${reason}`;
  console.warn(`test/corpus: ${why}`);
  test.skip(why, () => undefined);
} else {
  describe.each(CORPUS)("$name ($style)", (entry) => {
    let read: ScriptReadResult;

    beforeAll(async () => {
      const started = Date.now();
      read = await readScripts(path.join(root, entry.relativePath), { databaseName: entry.databaseName });
      console.log(`${entry.name}: read ${read.files.length} files in ${Date.now() - started} ms`);
    });

    test("every DDL statement is understood and modelled", () => {
      expect(ddlNotTakenIn(read)).toEqual([]);
    });

    test("no false cross-database reference: every AZSQL001 finding names a real other database", () => {
      const report = assess(read.model, {});
      const crossDatabase = report.findings
        .filter((f) => f.ruleId === "AZSQL001")
        .map((f) => `${f.objectKey}: ${f.message}`);
      const unexpected = crossDatabase.filter((f) => !entry.crossDatabaseReferences.some((ref) => f.includes(ref)));
      expect(unexpected).toEqual([]);
    });

    test("source → script → read back gives the same objects, apart from those the report holds back", () => {
      const script = generateScript(read.model, {});
      const back = readScriptText(script.script, "generated.sql", { databaseName: entry.databaseName });
      const heldBack = new Set([
        ...script.omitted.map((o) => o.objectKey),
        ...script.blockers.filter((b) => b.omitted).map((b) => b.objectKey),
      ]);
      const source = objectKeys(read.model);
      const result = objectKeys(back.model);
      const lost: string[] = [];
      for (const [list, keys] of source) {
        for (const key of keys) if (!result.get(list)?.has(key) && !heldBack.has(key)) lost.push(`${list} ${key}`);
      }
      expect(lost).toEqual([]);
      expect(ddlNotTakenIn(back)).toEqual([]);
    });

    test("tables and security policies round-trip property by property: columns, masks, periods, versioning, keys, indexes", () => {
      const script = generateScript(read.model, {});
      const back = readScriptText(script.script, "generated.sql", { databaseName: entry.databaseName });
      const anomalies = findAnomalies(script.fixedModel, back.model);
      const tableLevel = (x: { kind: string }) => x.kind === "table" || x.kind === "securityPolicy";
      expect(anomalies.different.filter(tableLevel)).toEqual([]);
      expect(anomalies.missing.filter(tableLevel)).toEqual([]);
      // Say what was carried, so a corpus that lost every mask or period cannot pass silently.
      const count = (m: DatabaseModel) => ({
        masks: m.tables.flatMap((t) => t.columns.filter((c) => c.mask !== undefined)).length,
        periods: m.tables.filter((t) => t.period !== undefined).length,
        versioned: m.tables.filter((t) => t.systemVersioning !== undefined).length,
        securityPolicies: m.securityPolicies.length,
      });
      expect(count(back.model)).toEqual(count(read.model));
      console.log(`${entry.name}: round-tripped ${JSON.stringify(count(read.model))}`);
    });
  });
}

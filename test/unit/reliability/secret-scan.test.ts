/**
 * The secret scan's row in docs/RELIABILITY.md: named after the suite that ran it, its text the same however many
 * texts were read (the emulator's log grows with polling), its hits counted in the table's totals; and the SQL
 * batches a stand-in received are scanned with only password parameters set aside.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readRecordedRows } from "../../support/reliability/record";
import { expectNoSecrets, scanForSecrets, sqlBatchesAsTarget } from "../../support/secret-scan";
import { headlineCounts } from "../../support/reliability/render";

const PASSWORD = "S0urce-Pa55-unit-scan";
let recordDir: string;
const savedDir = process.env["RELIABILITY_RECORD_DIR"];

beforeEach(() => {
  recordDir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-scan-rows-"));
  process.env["RELIABILITY_RECORD_DIR"] = recordDir;
});
afterEach(() => {
  if (savedDir === undefined) delete process.env["RELIABILITY_RECORD_DIR"];
  else process.env["RELIABILITY_RECORD_DIR"] = savedDir;
  fs.rmSync(recordDir, { recursive: true, force: true });
});

const emulatorEntries = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ where: `emulator GET /things (#${i}) response`, text: "{}" }));

test("the row names this suite and reads the same for 3 or 300 emulator entries", () => {
  for (const entries of [3, 300]) {
    expectNoSecrets(
      "unit scan",
      scanForSecrets({ PASSWORD }, [{ where: "engine output", text: "ok" }, ...emulatorEntries(entries)]),
    );
  }
  const [few, many] = readRecordedRows(recordDir);
  expect(few!.suite).toBe("test/unit/reliability/secret-scan.test.ts");
  expect(few!.injected).toBe("1 secret values looked for in engine output, emulator");
  expect(many!.injected).toBe(few!.injected);
  expect(many!.measured).toMatchObject({ texts: 301 });
});

test("a hit fails the scan, names where, and counts in the table's secret hits", () => {
  const scan = scanForSecrets({ PASSWORD }, [{ where: "engine output", text: `login with ${PASSWORD}` }]);
  expect(() => expectNoSecrets("unit scan", scan)).toThrow(/PASSWORD in engine output/);
  expect(headlineCounts(readRecordedRows(recordDir))).toMatchObject({ secretScans: 1, secretHits: 1, failing: 1 });
});

test("SQL batches: a password parameter is set aside, a password in the statement text is a hit", () => {
  const batches = [
    { sql: "EXEC sp_addpushsubscription_agent @subscriber_password = @p1", params: { subscriber_password: PASSWORD } },
  ];
  expect(scanForSecrets({ PASSWORD }, [sqlBatchesAsTarget("target SQL batches", batches)]).hits).toEqual([]);
  const inline = [{ sql: `EXEC sp_addpushsubscription_agent @subscriber_password = N'${PASSWORD}'`, params: {} }];
  expect(scanForSecrets({ PASSWORD }, [sqlBatchesAsTarget("target SQL batches", inline)]).hits).toEqual([
    { secret: "PASSWORD", where: "target SQL batches (1 batches)" },
  ]);
});

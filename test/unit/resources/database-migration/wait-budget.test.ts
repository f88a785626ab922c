/**
 * A DatabaseMigration's update follows the run for at most `waitTimeoutSeconds`. When that runs out with the copy
 * still moving (the runtime online), the update ends with a warning that says how far it got and that the next
 * update continues — or, with `strictWait`, fails saying so with the state recorded. The provider runs in process
 * against the emulator on a manual clock that never reaches the copy's next tick: the copy is slow, not stalled.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { provider } from "../../../../provider/resources/database-migration";
import { databaseMigrationInputs } from "../../../../provider/resources/database-migration/inputs";
import { emulatorEnv } from "../../../support/emulator-env";
import {
  readyCurrentHarness,
  SERVER_FQDN,
  SERVER_ID,
  SERVICE_ID,
  SOURCE,
  SOURCE_PASSWORD,
  TARGET_PASSWORD,
  type Harness,
} from "../../emulator/datamigration/sql-migration-support";

let h: Harness;
let reportDirectory: string;
const saved = { ...process.env };
let ticking: NodeJS.Timeout;
let printed: string[];

beforeEach(async () => {
  h = await readyCurrentHarness();
  Object.assign(process.env, emulatorEnv(h.emulator));
  // Zero-length steps (validation, provisioning) go on; the copy's 1 s ticks never come.
  ticking = setInterval(() => h.clock.advance(0), 10);
  reportDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "wait-budget-"));
  printed = [];
  jest.spyOn(console, "log").mockImplementation((...args: unknown[]) => void printed.push(args.join(" ")));
  for (const stream of ["error", "warn"] as const)
    jest.spyOn(console, stream).mockImplementation((...args: unknown[]) => void printed.push(args.join(" ")));
});
afterEach(async () => {
  jest.restoreAllMocks();
  clearInterval(ticking);
  process.env = { ...saved };
  await h.emulator.stop();
  fs.rmSync(reportDirectory, { recursive: true, force: true });
});

const inputs = (strictWait: boolean) =>
  databaseMigrationInputs.parse({
    migrationServiceId: SERVICE_ID,
    targetServerResourceId: SERVER_ID,
    targetDatabaseName: "SalesDb",
    sourceDatabaseName: "Sales",
    source: { server: SOURCE.server, userName: "migrator", password: SOURCE_PASSWORD },
    target: { server: SERVER_FQDN, userName: "admin1", password: TARGET_PASSWORD },
    waitTimeoutSeconds: 1,
    strictWait,
    progressLogIntervalSeconds: 0,
    validation: { depth: "none" },
    reportDirectory,
    report: { migration: "wait-budget", engine: "dms" },
  });

const BUDGET_RAN_OUT =
  /the migration of Sales → SalesDb is running after 1s, short of completed; the next update continues from here/;

test("the budget runs out with the copy moving: the update ends with a warning naming how far it got", async () => {
  const created = await provider.create!(inputs(false));
  expect(created.outs.phase).toBe("running");
  expect(printed.join("\n")).toMatch(BUDGET_RAN_OUT);
});

test("with strictWait the same is a failure, with the run recorded for the next update", async () => {
  const error = await provider.create!(inputs(true)).then(
    () => undefined,
    (e: unknown) => e as Error & { properties?: Record<string, unknown> },
  );
  expect(error?.message).toMatch(BUDGET_RAN_OUT);
  expect(error?.properties?.["phase"]).toBe("running");
});

/**
 * Deleting a DatabaseMigration cancels its run first. The copy can end between the provider's read and its
 * cancel; the service then answers 400 MigrationCancelFailed ("not running"). That refusal is moot (the run is
 * over), so the delete goes on; a cancel refused while the run is still active stays an error. The emulator
 * answers for real: the test only chooses the moment the copy ends (just before the cancel is sent).
 */
import { ArmClient, ArmError } from "../../../../provider/arm";
import { deleteMigration, type DatabaseMigrationOutputs } from "../../../../provider/resources/database-migration";
import { emulatorEnv } from "../../../support/emulator-env";
import {
  api,
  getExpanded,
  migrationBody,
  migrationPath,
  readyCurrentHarness,
  SERVER_FQDN,
  SERVER_ID,
  type Harness,
} from "../../emulator/datamigration/sql-migration-support";

let h: Harness;
const saved = { ...process.env };
let ticking: NodeJS.Timeout;

beforeEach(async () => {
  h = await readyCurrentHarness();
  Object.assign(process.env, emulatorEnv(h.emulator));
  // The emulator runs on a manual clock: keep zero-length steps (LRO answers) moving while the provider waits.
  ticking = setInterval(() => h.clock.advance(0), 10);
});
afterEach(async () => {
  clearInterval(ticking);
  process.env = { ...saved };
  await h.emulator.stop();
});

const props = {
  sourceDatabaseName: "Sales",
  targetDatabaseName: "SalesDb",
  targetServerResourceId: SERVER_ID,
  target: { server: SERVER_FQDN },
} as unknown as DatabaseMigrationOutputs;

async function copying(): Promise<void> {
  expect((await api(h, "PUT", migrationPath(), migrationBody())).status).toBe(201);
  h.ticks(2);
  const res = await getExpanded(h);
  expect(res.json.properties.migrationStatus).toBe("InProgress");
}

/** An ARM client whose cancel is preceded by `beforeCancel` (the test's choice of what happens in between). */
function clientWith(beforeCancel: () => void): { arm: ArmClient; cancels: () => number } {
  const arm = ArmClient.fromEnvironment();
  let cancels = 0;
  const execute = arm.execute.bind(arm);
  arm.execute = ((request: Parameters<ArmClient["execute"]>[0]) => {
    if (/\/cancel$/.test(request.path)) {
      cancels++;
      beforeCancel();
    }
    return execute(request);
  }) as ArmClient["execute"];
  return { arm, cancels: () => cancels };
}

test("a copy that ends between the read and the cancel: the refused cancel is moot, the migration is deleted", async () => {
  await copying();
  const { arm, cancels } = clientWith(() => h.ticks(100));
  await deleteMigration(props, arm);
  expect(cancels()).toBe(1);
  expect((await api(h, "GET", migrationPath())).status).toBe(404);
});

test("a cancel refused while the run is still active stays an error", async () => {
  await copying();
  // The service's refusal, forged on a run that keeps copying: the provider must not take it as "already over".
  const refusal = new ArmError("MigrationCancelFailed", "forged by the test", 400, undefined, "POST …/cancel");
  const { arm, cancels } = clientWith(() => {
    throw refusal;
  });
  const error = await deleteMigration(props, arm).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(cancels()).toBe(1);
  expect(error).toBe(refusal);
  expect((await getExpanded(h)).json.properties.migrationStatus).toBe("InProgress");
});

/**
 * Secrets through a whole migration and a failed update: the quickstart stack (current DMS: schema step,
 * sqlMigrationService with its runtime keys, data copy, validation, report) on the local cloud, then an update
 * whose schema-step target login is refused. After each, one scan (test/support/secret-scan.ts) of the file
 * backend (state, its backups, history), the engine output, the failed update's error, the stack outputs, the
 * reports and scripts written, the emulator's requests and responses, and the batches both SQL stand-ins
 * received — for both passwords, both runtime keys, the ARM token, the stack passphrase and the wrong password.
 */
import * as path from "node:path";
import { createStackWorkDir } from "../../examples/runner/local-workspace";
import {
  RESOURCE_GROUP,
  SOURCE,
  startLocalCloud,
  SUBSCRIPTION,
  TARGET,
  type LocalCloud,
} from "../../examples/runner/local-cloud";
import { operateSelfHostedRuntime } from "../../examples/runner/self-hosted-runtime";
import { quickstartProgram } from "../../examples/quickstart/program";
import { quickstartSettings } from "../../examples/runner/quickstart-settings";
import { ARM_ENV } from "../../provider/arm";
import { SQL_MIGRATION_API_VERSION } from "../../provider/dms/sql-migration";
import { createTestStack, TEST_PASSPHRASE, type TestStack } from "../support/engine";
import {
  emulatorLogAsTargets,
  expectNoSecrets,
  filesAsTargets,
  outputsAsTarget,
  scanForSecrets,
  sqlBatchesAsTarget,
  type ScanTarget,
} from "../support/secret-scan";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";

// The rows this file recorded must be what docs/RELIABILITY.md holds for it (see committed-table.ts).
afterAll(() => expectCommittedTableMatches());

const WRONG_TARGET_PASSWORD = "Wr0ng-T4rget-Pa55-secrets";

let cloud: LocalCloud;
let stack: TestStack;
let filesDir: string;
let settings: ReturnType<typeof quickstartSettings>;

beforeAll(async () => {
  cloud = await startLocalCloud();
  filesDir = createStackWorkDir("reliability-secrets-files");
  settings = quickstartSettings(filesDir, cloud.source.server, cloud.target.server);
  stack = await createTestStack({
    name: "reliability-secrets",
    program: quickstartProgram(settings),
    env: { ...cloud.armEnv, [ARM_ENV.pollIntervalMs]: "100" },
  });
}, 120_000);

afterAll(async () => {
  await stack?.dispose().catch(() => undefined);
  await cloud?.stop();
});

/** Everything a run left behind, as texts to scan. */
function leftBehind(extra: ScanTarget[]): ScanTarget[] {
  return [
    { where: "engine output", text: stack.output() },
    ...extra,
    ...filesAsTargets(path.join(stack.workDir, "backend"), "file backend"),
    ...filesAsTargets(filesDir, "reports and scripts"),
    ...emulatorLogAsTargets(cloud.emulator),
    sqlBatchesAsTarget("source SQL batches", cloud.source.server.batches),
    sqlBatchesAsTarget("target SQL batches", cloud.target.server.batches),
  ];
}

let secrets: Record<string, string>;

test("a whole migration: no password, key or token anywhere it left a trace", async () => {
  const operator = operateSelfHostedRuntime(cloud.arm, {
    subscriptionId: SUBSCRIPTION,
    resourceGroupName: RESOURCE_GROUP,
  });
  const up = await stack.up().finally(() => operator.stop());
  expect(up.outputs.phase.value).toBe("validated");
  const serviceName = await operator.registered;
  const service = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.DataMigration/sqlMigrationServices/${serviceName}`;
  const keys = await cloud.arm.post<{ authKey1: string; authKey2: string }>(
    `${service}/listAuthKeys`,
    SQL_MIGRATION_API_VERSION,
  );
  // The scan is only as good as its list: the keys are the ones the stack's secret output holds.
  expect(up.outputs.authKey1).toEqual({ value: keys.authKey1, secret: true });
  secrets = {
    sourcePassword: SOURCE.password,
    targetPassword: TARGET.password,
    authKey1: keys.authKey1,
    authKey2: keys.authKey2,
    armToken: cloud.armEnv[ARM_ENV.token],
    passphrase: TEST_PASSPHRASE,
  };
  expectNoSecrets(
    "quickstart migration (success path)",
    scanForSecrets(secrets, leftBehind([outputsAsTarget(up.outputs)])),
  );
});

test("a failed update (the target refuses the login): no secret in its error, output or state either", async () => {
  const schema = settings.schema!;
  const target = schema.target as { authentication: Record<string, unknown> };
  const failing = quickstartProgram({
    ...settings,
    schema: {
      ...schema,
      target: { ...target, authentication: { ...target.authentication, password: WRONG_TARGET_PASSWORD } } as never,
    },
  });
  const error = await stack.up(failing).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expectNoSecrets(
    "quickstart update refused by the target (failure path)",
    scanForSecrets(
      { ...secrets, wrongTargetPassword: WRONG_TARGET_PASSWORD },
      leftBehind([{ where: "failed up error", text: error?.message ?? "" }]),
    ),
  );
});

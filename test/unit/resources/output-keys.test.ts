/**
 * Each resource's output keys are declared once (provider/resources/output-keys.ts) and the components build
 * their placeholders from them. At compile time the lists must equal the providers' outputs types; here they are
 * compared with what real creates return (the providers in process, against the emulator), where a create is
 * cheap enough for a unit test.
 */
import { ArmClient, ARM_ENV } from "../../../provider/arm";
import { provider as serviceProvider, serviceInputs } from "../../../provider/resources/data-migration-service";
import { provider as projectProvider, projectInputs } from "../../../provider/resources/migration-project";
import {
  provider as registrationProvider,
  registrationInputs,
} from "../../../provider/resources/provider-registration";
import { provider as sqlMigrationServiceProvider } from "../../../provider/resources/sql-migration-service";
import { sqlMigrationServiceInputs } from "../../../provider/resources/sql-migration-service/inputs";
import {
  DATA_MIGRATION_SERVICE_OUTPUTS,
  DATABASE_MIGRATION_OUTPUTS,
  MIGRATION_PROJECT_OUTPUTS,
  MIGRATION_TASK_OUTPUTS,
  OUTPUT_KEY_CHECKS,
  REGISTRATION_OUTPUTS,
  SCHEMA_DEPLOYMENT_OUTPUTS,
  SQL_MIGRATION_SERVICE_OUTPUTS,
  outputPlaceholders,
} from "../../../provider/resources/output-keys";
import type { Emulator } from "../../../emulator";
import { emulatorEnv, startTestEmulator } from "../../support/emulator-env";

const SUB = "6f1c1c39-6e44-4f58-9f6c-2c1d3c1a0004";
const RG = "rg-output-keys";
const SUBNET = `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`;

/** Keys of a create's outputs that are not among its inputs. */
function outputOnly(outs: Record<string, unknown>, inputs: object): string[] {
  return Object.keys(outs)
    .filter((k) => !(k in inputs))
    .sort();
}

test("the lists hold no duplicates, and the placeholders are exactly them", () => {
  const lists = [
    REGISTRATION_OUTPUTS,
    DATA_MIGRATION_SERVICE_OUTPUTS,
    MIGRATION_PROJECT_OUTPUTS,
    MIGRATION_TASK_OUTPUTS,
    SQL_MIGRATION_SERVICE_OUTPUTS,
    DATABASE_MIGRATION_OUTPUTS,
    SCHEMA_DEPLOYMENT_OUTPUTS,
  ];
  for (const list of lists) {
    expect(new Set(list).size).toBe(list.length);
    const placeholders = outputPlaceholders(list);
    expect(Object.keys(placeholders)).toEqual([...list]);
    expect(Object.values(placeholders).every((v) => v === undefined)).toBe(true);
  }
  // The compile-time checks exist (they fail `tsc` when a list and its outputs type differ).
  expect(OUTPUT_KEY_CHECKS.every((c) => c === true)).toBe(true);
});

describe("declared output keys match real create results", () => {
  let emulator: Emulator;
  const saved = { ...process.env };
  beforeAll(async () => {
    emulator = await startTestEmulator({ registeredProviders: ["Microsoft.DataMigration"] });
    Object.assign(process.env, emulatorEnv(emulator, { [ARM_ENV.pollIntervalMs]: "10" }));
    await ArmClient.fromEnvironment().request({
      method: "PUT",
      path: `/subscriptions/${SUB}/resourcegroups/${RG}`,
      apiVersion: "2021-04-01",
      body: { location: "westeurope" },
    });
  });
  afterAll(async () => {
    process.env = saved;
    await emulator.stop();
  });

  test("ResourceProviderRegistration", async () => {
    const inputs = registrationInputs.parse({ subscriptionId: SUB, namespace: "Microsoft.Sql" });
    const { outs } = await registrationProvider.create!(inputs);
    expect(outputOnly(outs, inputs)).toEqual([...REGISTRATION_OUTPUTS].sort());
  });

  test("DataMigrationService and MigrationProject", async () => {
    const service = serviceInputs.parse({
      subscriptionId: SUB,
      resourceGroupName: RG,
      serviceName: "dms-keys",
      location: "westeurope",
      virtualSubnetId: SUBNET,
    });
    const created = await serviceProvider.create!(service);
    expect(outputOnly(created.outs, service)).toEqual([...DATA_MIGRATION_SERVICE_OUTPUTS].sort());

    const project = projectInputs.parse({
      subscriptionId: SUB,
      resourceGroupName: RG,
      serviceName: "dms-keys",
      projectName: "proj-keys",
      location: "westeurope",
    });
    const { outs } = await projectProvider.create!(project);
    expect(outputOnly(outs, project)).toEqual([...MIGRATION_PROJECT_OUTPUTS].sort());
  });

  test("SqlMigrationService", async () => {
    const inputs = sqlMigrationServiceInputs.parse({
      subscriptionId: SUB,
      resourceGroupName: RG,
      serviceName: "sms-keys",
      location: "westeurope",
      waitForRuntime: "none",
    });
    const { outs } = await sqlMigrationServiceProvider.create!(inputs);
    expect(outputOnly(outs, inputs)).toEqual([...SQL_MIGRATION_SERVICE_OUTPUTS].sort());
  });
});

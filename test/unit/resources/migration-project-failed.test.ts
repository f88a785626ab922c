/**
 * MigrationProject never adopts a project found in a failed remote state: create writes it again (a PUT is how ARM
 * retries a resource), and a refresh that reads a non-Succeeded state makes the next diff an update that repairs
 * it. The spec's projects are only ever Succeeded or Deleting, so the test puts the project in Failed behind the
 * API (emulator.store), as a broken Azure would leave it.
 */
import { ARM_ENV, ArmClient } from "../../../provider/arm";
import { projectInputs, provider } from "../../../provider/resources/migration-project";
import type { Emulator } from "../../../emulator";
import { emulatorEnv, startTestEmulator } from "../../support/emulator-env";
import { expectCommittedTableMatches } from "../../support/reliability/committed-table";
import { recordPassedFault } from "../../support/reliability/record";

const SUITE = "test/unit/resources/migration-project-failed.test.ts";

const SUB = "6f1c1c39-6e44-4f58-9f6c-2c1d3c1a0014";
const RG = "rg-project-failed";
const GROUP = `/subscriptions/${SUB}/resourceGroups/${RG}`;
const SERVICE = `${GROUP}/providers/Microsoft.DataMigration/services/dms-p`;
const PROJECT = `${SERVICE}/projects/proj-p`;
const SUBNET = `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`;

describe("MigrationProject found Failed", () => {
  let emulator: Emulator;
  const saved = { ...process.env };
  beforeAll(async () => {
    emulator = await startTestEmulator({ registeredProviders: ["Microsoft.DataMigration"] });
    Object.assign(process.env, emulatorEnv(emulator, { [ARM_ENV.pollIntervalMs]: "20" }));
    const arm = ArmClient.fromEnvironment();
    await arm.request({ method: "PUT", path: GROUP, apiVersion: "2021-04-01", body: { location: "westeurope" } });
    await arm.execute({
      method: "PUT",
      path: SERVICE,
      apiVersion: "2021-06-30",
      body: { location: "westeurope", sku: { name: "Standard_1vCores" }, properties: { virtualSubnetId: SUBNET } },
    });
  });
  afterAll(async () => {
    process.env = saved;
    await emulator.stop();
    expectCommittedTableMatches(SUITE);
  });

  const inputs = projectInputs.parse({
    subscriptionId: SUB,
    resourceGroupName: RG,
    serviceName: "dms-p",
    projectName: "proj-p",
    location: "westeurope",
  });
  const breakProject = () =>
    emulator.store.update(PROJECT, (p) => {
      p.properties = { ...p.properties, provisioningState: "Failed" };
    });
  const projectPuts = () => emulator.requestLog.count("PUT", /\/projects\/proj-p$/i);

  test("create writes a Failed project again instead of adopting it", async () => {
    await provider.create!(inputs);
    breakProject();
    emulator.requestLog.clear();
    const created = await provider.create!(inputs);
    expect(projectPuts()).toBe(1);
    expect(created.outs.provisioningState).toBe("Succeeded");
  });

  test("a refresh that reads Failed makes the next diff an update, and the update repairs it", async () => {
    const { outs } = await provider.create!(inputs);
    expect((await provider.diff!(PROJECT, outs, inputs)).changes).toBe(false);
    breakProject();
    const read = await provider.read!(PROJECT, outs);
    expect(read.props.provisioningState).toBe("Failed");
    expect((await provider.diff!(PROJECT, read.props, inputs)).changes).toBe(true);
    emulator.requestLog.clear();
    const updated = await provider.update!(PROJECT, read.props, inputs);
    expect(projectPuts()).toBe(1);
    expect(updated.outs.provisioningState).toBe("Succeeded");
    recordPassedFault(SUITE, {
      area: "DMS (classic)",
      injected: "MigrationProject found Failed (on create, and by a refresh); provider in process, not the engine",
      expected: "written again with one PUT, never adopted; a refresh that reads Failed makes the next up repair it",
    });
  });
});

/**
 * DataMigrationService's `timeoutSeconds` bounds the provisioning wait of one create/update: past it, create
 * fails saying the service goes on in Azure; the next run adopts the service and waits again, without a second
 * PUT. The provider runs in process against the emulator, whose provisioning takes several seconds here.
 */
import { ARM_ENV, OperationTimeoutError } from "../../../provider/arm";
import { provider, serviceInputs } from "../../../provider/resources/data-migration-service";
import type { Emulator } from "../../../emulator";
import { emulatorEnv, startTestEmulator } from "../../support/emulator-env";

const SUB = "6f1c1c39-6e44-4f58-9f6c-2c1d3c1a0003";
const RG = "rg-dms-timeout";
const SUBNET = `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`;

describe("DataMigrationService timeoutSeconds", () => {
  let emulator: Emulator;
  const saved = { ...process.env };
  beforeAll(async () => {
    // Accepted → Deploying → Succeeded: two steps of 3 s.
    emulator = await startTestEmulator({ provisioningDelayMs: 3000, registeredProviders: ["Microsoft.DataMigration"] });
    Object.assign(process.env, emulatorEnv(emulator, { [ARM_ENV.pollIntervalMs]: "100" }));
    const { ArmClient } = await import("../../../provider/arm");
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

  const inputs = (timeoutSeconds: number) =>
    serviceInputs.parse({
      subscriptionId: SUB,
      resourceGroupName: RG,
      serviceName: "dms-timeout",
      location: "westeurope",
      skuName: "Standard_1vCores",
      virtualSubnetId: SUBNET,
      timeoutSeconds,
    });

  test("a budget shorter than provisioning fails the create in time, naming what to do; the next create waits for the same service", async () => {
    const started = Date.now();
    const error = await provider.create!(inputs(1)).then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect((error as Error).message).toMatch(
      /did not finish within 1 s .*run `pulumi up` again to keep waiting, or raise the resource's timeoutSeconds/,
    );
    expect(elapsed).toBeGreaterThanOrEqual(900);
    // It gave up while the service was still being provisioned (6 s), not when provisioning ended.
    expect(elapsed).toBeLessThan(5000);
    const { ArmClient } = await import("../../../provider/arm");
    const live = await ArmClient.fromEnvironment().get<{ properties: { provisioningState: string } }>(
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DataMigration/services/dms-timeout`,
      "2021-06-30",
    );
    expect(live.properties.provisioningState).not.toBe("Succeeded");

    const adopted = await provider.create!(inputs(30));
    expect(adopted.outs.provisioningState).toBe("Succeeded");
    expect(emulator.requestLog.count("PUT", /services\/dms-timeout$/)).toBe(1);
  });
});

/**
 * DataMigrationService's `timeoutSeconds` bounds the provisioning wait of one create/update: past it, create
 * fails saying the service goes on in Azure; the next run adopts the service and waits again, without a second
 * PUT. The provider runs in process against the emulator, whose clock holds the provisioning until the test lets
 * it go: the budget runs out while the service is provisioning however slow the machine is.
 */
import { ARM_ENV, OperationTimeoutError } from "../../../provider/arm";
import { provider, serviceInputs } from "../../../provider/resources/data-migration-service";
import type { Emulator } from "../../../emulator";
import { emulatorEnv, startTestEmulator } from "../../support/emulator-env";
import { HeldClock } from "../../support/reliability/held-clock";

const SUB = "6f1c1c39-6e44-4f58-9f6c-2c1d3c1a0003";
const RG = "rg-dms-timeout";
const SUBNET = `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`;

describe("DataMigrationService timeoutSeconds", () => {
  let emulator: Emulator;
  // Accepted → Deploying → Succeeded: two steps of 3 s, the first held until the test stops holding.
  const clock = new HeldClock(3000);
  const saved = { ...process.env };
  beforeAll(async () => {
    emulator = await startTestEmulator({
      provisioningDelayMs: 3000,
      registeredProviders: ["Microsoft.DataMigration"],
      clock,
    });
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

  test("a budget shorter than provisioning fails the create once the budget is spent, naming what to do; the next create waits for the same service", async () => {
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
    // It waited out its budget, and gave up while the service was still provisioning (the clock holds it).
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(clock.heldCount()).toBe(1);
    const { ArmClient } = await import("../../../provider/arm");
    const live = await ArmClient.fromEnvironment().get<{ properties: { provisioningState: string } }>(
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DataMigration/services/dms-timeout`,
      "2021-06-30",
    );
    expect(live.properties.provisioningState).not.toBe("Succeeded");

    clock.stopHolding();
    const adopted = await provider.create!(inputs(30));
    expect(adopted.outs.provisioningState).toBe("Succeeded");
    expect(emulator.requestLog.count("PUT", /services\/dms-timeout$/)).toBe(1);
  });
});

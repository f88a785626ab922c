/**
 * The ARM client against the emulator, in-process: LROs, errors, retries, and what errors never carry.
 */
import { ArmClient, readArmSettings, ARM_ENV } from "../../../provider/arm";
import { armFailure } from "./arm-failure";
import { ManualClock, type Emulator } from "../../../emulator";
import { emulatorEnv, startTestEmulator, EMULATOR_TOKEN } from "../../support/emulator-env";

const SUB = "6f1c1c39-6e44-4f58-9f6c-2c1d3c1a0001";
const RG_PATH = `/subscriptions/${SUB}/resourcegroups/rg-arm-client`;
const RG_API = "2021-04-01";

describe("ArmClient", () => {
  let emulator: Emulator;
  let arm: ArmClient;

  beforeAll(async () => {
    emulator = await startTestEmulator({ log: false });
    arm = ArmClient.fromEnvironment(emulatorEnv(emulator, { [ARM_ENV.retryDelayMs]: "10" }));
  });
  afterAll(() => emulator.stop());
  afterEach(() => {
    emulator.faults.clear();
    emulator.requestLog.clear();
  });

  test("a long-running DELETE is followed to the end: polled while it runs, resolved only once it is done", async () => {
    // Its own emulator on a manual clock: the deletion stays "Deleting" until the test moves time on, so the
    // client must keep polling; an operation that finishes at once could not tell following from not following.
    const clock = new ManualClock(Date.parse("2030-01-01T00:00:00Z"));
    const slow = await startTestEmulator({ clock, provisioningDelayMs: 60_000 });
    try {
      const client = ArmClient.fromEnvironment(emulatorEnv(slow, { [ARM_ENV.pollIntervalMs]: "10" }));
      await client.request({ method: "PUT", path: RG_PATH, apiVersion: RG_API, body: { location: "westeurope" } });
      let done = false;
      const deletion = client.execute({ method: "DELETE", path: RG_PATH, apiVersion: RG_API }).then(() => {
        done = true;
      });
      const polls = () => slow.requestLog.count("GET", /operationResults/);
      const deadline = Date.now() + 5_000;
      while (polls() < 3 && !done && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(done).toBe(false);
      expect(polls()).toBeGreaterThanOrEqual(3);
      expect((await client.find<{ properties: { provisioningState: string } }>(RG_PATH, RG_API))?.properties).toEqual({
        provisioningState: "Deleting",
      });

      const pollsWhileRunning = polls();
      clock.advance(60_000);
      await deletion;
      expect(await client.find(RG_PATH, RG_API)).toBeUndefined();
      expect(slow.requestLog.count("DELETE", /rg-arm-client$/)).toBe(1);
      // It kept polling until a poll after the clock moved said "done".
      expect(polls()).toBeGreaterThan(pollsWhileRunning);
    } finally {
      await slow.stop();
    }
  });

  test("an LRO that ends Failed surfaces ARM's code and message as an ArmError", async () => {
    await arm.request({ method: "PUT", path: RG_PATH, apiVersion: RG_API, body: { location: "westeurope" } });
    emulator.faults.add({
      method: "DELETE",
      path: /rg-arm-client$/,
      count: 1,
      kind: "lroFailed",
      code: "ResourceGroupDeletionBlocked",
      message: "Deletion of resource group 'rg-arm-client' failed as resources with identifiers could not be deleted.",
    });
    const error = await armFailure(arm.execute({ method: "DELETE", path: RG_PATH, apiVersion: RG_API }));
    expect(error.code).toBe("ResourceGroupDeletionBlocked");
    expect(error.armMessage).toMatch(/could not be deleted/);
    expect(error.message).toContain(`DELETE ${RG_PATH}`);
  });

  test("a 4xx answer becomes an ArmError with code, status and request id", async () => {
    const error = await armFailure(arm.get(`/subscriptions/${SUB}/resourcegroups/does-not-exist`, RG_API));
    expect(error.code).toBe("ResourceGroupNotFound");
    expect(error.statusCode).toBe(404);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("429, 500 and a dropped connection are retried within the budget", async () => {
    emulator.faults.add({
      method: "GET",
      path: /providers\/Microsoft\.Sql$/,
      count: 1,
      kind: "429",
      retryAfterSeconds: 0,
    });
    emulator.faults.add({ method: "GET", path: /providers\/Microsoft\.Sql$/, count: 1, kind: "500" });
    emulator.faults.add({ method: "GET", path: /providers\/Microsoft\.Sql$/, count: 1, kind: "drop" });
    const provider = await arm.get<{ namespace: string }>(`/subscriptions/${SUB}/providers/Microsoft.Sql`, RG_API);
    expect(provider.namespace).toBe("Microsoft.Sql");
    const statuses = emulator.requestLog.read().map((e) => e.status);
    expect(statuses).toEqual([429, 500, 0, 200]);
  });

  test("retries stop when the budget is spent and the last answer is reported", async () => {
    const stingy = ArmClient.fromEnvironment(
      emulatorEnv(emulator, { [ARM_ENV.maxRetries]: "1", [ARM_ENV.retryDelayMs]: "1" }),
    );
    emulator.faults.add({ method: "GET", path: /providers\/Microsoft\.Sql$/, count: 5, kind: "503" });
    const error = await armFailure(stingy.get(`/subscriptions/${SUB}/providers/Microsoft.Sql`, RG_API));
    expect(error.statusCode).toBe(503);
    expect(emulator.requestLog.count("GET", /providers\/Microsoft\.Sql$/)).toBe(2);
  });

  test("errors never carry the bearer token or the request body", async () => {
    const secretBody = { location: "westeurope", tags: { password: "P@ssw0rd-in-body" } };
    emulator.faults.add({ method: "PUT", path: /rg-secret$/, count: 10, kind: "500", message: "boom" });
    const stingy = ArmClient.fromEnvironment(emulatorEnv(emulator, { [ARM_ENV.maxRetries]: "0" }));
    const error = await armFailure(
      stingy.request({
        method: "PUT",
        path: `/subscriptions/${SUB}/resourcegroups/rg-secret`,
        apiVersion: RG_API,
        body: secretBody,
      }),
    );
    const text = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
    expect(text).toContain("boom");
    expect(text).not.toContain(EMULATOR_TOKEN);
    expect(text).not.toContain("P@ssw0rd-in-body");
  });
});

describe("readArmSettings", () => {
  test("refuses a plain-HTTP endpoint and bad numbers, naming the variable", () => {
    expect(() => readArmSettings({ [ARM_ENV.endpoint]: "http://127.0.0.1:1" })).toThrow(ARM_ENV.endpoint);
    expect(() => readArmSettings({ [ARM_ENV.maxRetries]: "-1" })).toThrow(ARM_ENV.maxRetries);
  });

  test("defaults to the public cloud", () => {
    const settings = readArmSettings({});
    expect(settings.endpoint).toBe("https://management.azure.com");
    expect(settings.staticToken).toBeUndefined();
  });
});

/**
 * ResourceProviderRegistration through the real Pulumi engine (Automation API, file backend) against the emulator.
 */
import { ResourceProviderRegistration } from "../../components";
import type { Emulator } from "../../emulator";
import { createTestStack, type TestStack } from "../support/engine";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";
import { recordPassedFault } from "../support/reliability/record";
import { stepsInOrder } from "../support/steps";
import { emulatorEnv, startTestEmulator } from "../support/emulator-env";

const SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
const NAMESPACE = "Microsoft.DataMigration";

function registrationProgram(
  args: { unregisterOnDelete?: boolean; subscriptionId?: string; namespace?: string; timeoutSeconds?: number } = {},
) {
  return async () => {
    const registration = new ResourceProviderRegistration("datamigration", {
      subscriptionId: args.subscriptionId ?? SUBSCRIPTION,
      namespace: args.namespace,
      timeoutSeconds: args.timeoutSeconds,
      unregisterOnDelete: args.unregisterOnDelete,
    });
    return { state: registration.registrationState, namespace: registration.namespace };
  };
}

/** Rows of docs/RELIABILITY.md recorded here are checked against the committed file in afterAll. */
const SUITE = "test/integration/provider-registration.test.ts";
describe("ResourceProviderRegistration (real engine, emulator)", () => {
  let emulator: Emulator;
  let stack: TestStack | undefined;

  beforeAll(async () => {
    emulator = await startTestEmulator({ registrationDelayMs: 200 });
  });
  afterAll(async () => {
    await emulator?.stop();
    expectCommittedTableMatches(SUITE);
  });
  afterEach(async () => {
    await stack?.dispose();
    stack = undefined;
    emulator.faults.clear();
    emulator.requestLog.clear();
  });

  async function newStack(name: string, program = registrationProgram()) {
    stack = await createTestStack({ name, program, env: emulatorEnv(emulator) });
    return stack;
  }

  // One stack through the registration's life: register, converge, state size, drift and its repair. Each step
  // is its own test; a later one does not run on a stack an earlier one left broken.
  describe("one registration stack", () => {
    const step = stepsInOrder();
    let s: TestStack;
    afterAll(() => s?.dispose());

    step("up registers and waits for Registered; a second up changes nothing and writes nothing", async () => {
      s = await createTestStack({ name: "register", program: registrationProgram(), env: emulatorEnv(emulator) });
      expect(emulator.providers.getState(SUBSCRIPTION, NAMESPACE)).toBe("NotRegistered");

      const first = await s.up();
      // The engine counts the stack itself too: the stack and the registration.
      expect(first.summary.resourceChanges?.create).toBe(2);
      expect(first.outputs.state.value).toBe("Registered");
      expect(first.outputs.namespace.value).toBe(NAMESPACE);
      expect(emulator.providers.getState(SUBSCRIPTION, NAMESPACE)).toBe("Registered");
      expect(emulator.requestLog.count("POST", /\/register$/)).toBe(1);

      emulator.requestLog.clear();
      const second = await s.up();
      expect(second.summary.resourceChanges?.same).toBe(2);
      expect(second.summary.resourceChanges?.create ?? 0).toBe(0);
      expect(second.summary.resourceChanges?.update ?? 0).toBe(0);
      expect(emulator.requestLog.writes()).toBe(0);
    });

    step("the serialized provider in the state file stays small", async () => {
      const state = JSON.parse(s.stateFileText());
      const resource = state.checkpoint.latest.resources.find((r: { type: string }) =>
        r.type.endsWith("ResourceProviderRegistration"),
      );
      const serializedProvider: string = resource.inputs.__provider;
      console.log(`serialized ResourceProviderRegistration provider: ${serializedProvider.length} bytes`);
      expect(serializedProvider).toContain("pulumi-azure-sql-migration/provider/resources/");
      expect(serializedProvider.length).toBeLessThan(8 * 1024);
    });

    step("refresh shows drift after an unregister behind the stack's back; the next up registers again", async () => {
      emulator.providers.setState(SUBSCRIPTION, NAMESPACE, "NotRegistered");

      const refresh = await s.refresh();
      expect(refresh.summary.resourceChanges?.update).toBe(1);
      const refreshed = await s.resourceOutputs("ResourceProviderRegistration");
      expect(refreshed.registrationState).toBe("NotRegistered");

      emulator.requestLog.clear();
      const again = await s.up();
      expect(again.summary.resourceChanges?.update).toBe(1);
      expect(again.outputs.state.value).toBe("Registered");
      expect(emulator.requestLog.count("POST", /\/register$/)).toBe(1);
      recordPassedFault(SUITE, {
        area: "ResourceProviderRegistration",
        injected: "namespace unregistered behind the stack's back after an up",
        expected: "refresh shows the drift; the next up registers again (one POST)",
      });
    });
  });

  test("destroy leaves the namespace registered by default and unregisters with unregisterOnDelete", async () => {
    const s = await newStack("keep");
    await s.up();
    await s.destroy();
    expect(s.output()).toMatch(/stays registered/);
    expect(emulator.providers.getState(SUBSCRIPTION, NAMESPACE)).toBe("Registered");
    expect(emulator.requestLog.count("POST", /\/unregister$/)).toBe(0);

    // The same (now empty) stack again, asking for the unregister on delete.
    await s.up(registrationProgram({ unregisterOnDelete: true }));
    await s.destroy();
    expect(emulator.requestLog.count("POST", /\/unregister$/)).toBe(1);
    expect(emulator.providers.getState(SUBSCRIPTION, NAMESPACE)).toBe("NotRegistered");
  });

  test("a burst of 429s with Retry-After and a 503 during register are survived", async () => {
    emulator.providers.setState(SUBSCRIPTION, NAMESPACE, "NotRegistered");
    const s = await newStack("throttled");
    emulator.faults.add({ method: "POST", path: /\/register$/, count: 2, kind: "429", retryAfterSeconds: 1 });
    emulator.faults.add({ method: "POST", path: /\/register$/, count: 1, kind: "503" });

    const result = await s.up();
    expect(result.outputs.state.value).toBe("Registered");

    const posts = emulator.requestLog.read().filter((e) => e.method === "POST" && /\/register$/.test(e.path));
    expect(posts.map((e) => e.status)).toEqual([429, 429, 503, 200]);
    // The client waited as told: at least Retry-After (1 s) between the throttled attempts.
    const at = posts.map((e) => Date.parse(e.timestamp));
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(950);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(950);
    recordPassedFault(SUITE, {
      area: "ARM",
      injected: "429 with Retry-After: 1 twice, then 503, on the register POST",
      expected: "retried, waiting as told, and converged in one up",
      counts: { faultsInjected: 3 },
    });
  });

  // The stack's name holds no field name, and the pattern is the engine's check-failure message for the field:
  // a field name found anywhere else in the output (a project or stack name, a path) does not count. The three
  // previews share one stack: a refused preview leaves nothing in it.
  describe("refused inputs", () => {
    let refused: TestStack;
    beforeAll(async () => {
      refused = await createTestStack({
        name: "refused-input",
        program: registrationProgram(),
        env: emulatorEnv(emulator),
      });
    });
    afterAll(() => refused?.dispose());

    test.each([
      [
        "subscriptionId",
        { subscriptionId: "not-a-guid" },
        /property subscriptionId value .* has a problem: must be a subscription GUID/,
      ],
      ["namespace", { namespace: "" }, /property namespace value .* has a problem: must not be empty/],
      [
        "timeoutSeconds",
        { timeoutSeconds: -5 },
        /property timeoutSeconds value .* has a problem: must be greater than 0/,
      ],
    ])("a bad %s fails preview with the field named", async (_field, args, message) => {
      const error = await refused.preview(registrationProgram(args as never)).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect(emulator.requestLog.writes()).toBe(0);
    });
  });
});

/**
 * The bad-input corpus at the provider's `check` (what `pulumi preview` runs for each resource): every input
 * generated from the schemas must be refused with its field named, without the provider throwing, without a
 * connection to SQL (tripwire) and without a request to ARM (emulator request log). Rows are recorded per
 * resource and kind of mistake, with the count of inputs in `counts` (summed in the table).
 */
import { startTestEmulator, emulatorEnv } from "../support/emulator-env";
import { startConnectionTripwire, type ConnectionTripwire } from "../support/reliability/connection-tripwire";
import { recordReliabilityRow } from "../support/reliability/record";
import { validateInputs } from "../../provider/resources/validation";
import type { Emulator } from "../../emulator";
import { contradictoryInputs } from "./bad-input/contradictions";
import { generateBadInputs, type BadInputCase } from "./bad-input/generate";
import { runBadInputCheck, type CheckVerdict } from "./bad-input/run-check";
import { BAD_INPUT_PASSWORDS, resourcesUnderTest, type ResourceUnderTest } from "./bad-input/valid-inputs";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";

// The rows this file recorded must be what docs/RELIABILITY.md holds for it (see committed-table.ts).
afterAll(() => expectCommittedTableMatches());

let tripwire: ConnectionTripwire;
let emulator: Emulator;
let resources: ResourceUnderTest[];
const savedEnv = { ...process.env };

beforeAll(async () => {
  tripwire = await startConnectionTripwire();
  emulator = await startTestEmulator();
  // Were a provider to call ARM during check, it would call the emulator and show in its request log.
  Object.assign(process.env, emulatorEnv(emulator));
  resources = resourcesUnderTest(tripwire.host, tripwire.port);
});

afterAll(async () => {
  process.env = savedEnv;
  await Promise.all([tripwire?.stop(), emulator?.stop()]);
});

test("each resource's valid input passes its schema (so each bad input differs from a good one by one mistake)", () => {
  for (const resource of resources) {
    const result = validateInputs(resource.schema, resource.valid);
    expect({ resource: resource.resource, ...result, value: undefined }).toEqual({
      resource: resource.resource,
      ok: true,
      value: undefined,
    });
  }
});

test("at least 200 generated bad inputs fail check naming the field; none crashes, connects to SQL or calls ARM", async () => {
  const cases = [...resources.flatMap(generateBadInputs), ...contradictoryInputs(resources)];
  const passwords = Object.values(BAD_INPUT_PASSWORDS);
  const outcomes: { badInput: BadInputCase; verdict: CheckVerdict }[] = [];
  for (const badInput of cases) {
    const module = resources.find((r) => r.resource === badInput.resource)!.module;
    const { provider } = require(`../../provider/resources/${module}`);
    outcomes.push({ badInput, verdict: await runBadInputCheck(provider.check, badInput, passwords) });
  }
  const requests = emulator.requestLog.read().length;
  const connections = tripwire.connections();
  recordGroups(outcomes, requests, connections);

  const wrong = outcomes
    .filter((o) => !o.verdict.passed)
    .map((o) => `${o.badInput.resource} ${o.badInput.kind} ${o.badInput.field}: ${o.verdict.observed}`);
  expect(wrong).toEqual([]);
  expect(cases.length).toBeGreaterThanOrEqual(200);
  expect({ requests, connections }).toEqual({ requests: 0, connections: 0 });
});

/** One row per resource and kind of mistake: how many inputs, how many were refused with the field named. */
function recordGroups(
  outcomes: { badInput: BadInputCase; verdict: CheckVerdict }[],
  requests: number,
  connections: number,
) {
  const groups = new Map<string, { badInput: BadInputCase; verdict: CheckVerdict }[]>();
  for (const outcome of outcomes) {
    const key = `${outcome.badInput.resource}\u0000${outcome.badInput.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), outcome]);
  }
  for (const [key, members] of groups) {
    const [resource, kind] = key.split("\u0000");
    const refused = members.filter((m) => m.verdict.passed).length;
    const firstWrong = members.find((m) => !m.verdict.passed);
    recordReliabilityRow({
      matrix: "badInput",
      area: `${resource} (check)`,
      injected: `${kind}: ${members.length} input${members.length === 1 ? "" : "s"} (${[...new Set(members.map((m) => m.badInput.field))].slice(0, 4).join(", ")}${members.length > 4 ? ", ..." : ""})`,
      expected: "refused at check, field named; 0 SQL connections, 0 ARM requests",
      observed: firstWrong
        ? `${refused}/${members.length} refused with the field named; ${firstWrong.badInput.field}: ${firstWrong.verdict.observed}`
        : `${refused}/${members.length} refused with the field named; ${connections} SQL connections, ${requests} ARM requests`,
      passed: !firstWrong && connections === 0 && requests === 0,
      counts: { badInputs: members.length },
      measured: { inputs: members.length, refused },
    });
  }
}

/**
 * The bad-input corpus through the real engine: one generated bad input per resource type (each a different
 * kind of mistake), declared with the real component classes in one stack and previewed one after another, and
 * the component's own refusals (engine/mode combinations, a missing schema step) in a process of their own, as
 * a user's `pulumi preview` runs. Each preview must fail with the engine's check-failure message for the
 * field (`property <field> value … has a problem: …`, not just the field's name somewhere in the output), with
 * 0 ARM requests and 0 SQL connections; the failed previews' output is scanned for the passwords and tokens.
 * Stack and project names hold no field names.
 */
import * as components from "../../components";
import type { Emulator } from "../../emulator";
import { createTestStack, TEST_PASSPHRASE, type TestStack } from "../support/engine";
import { EMULATOR_TOKEN, emulatorEnv, startTestEmulator } from "../support/emulator-env";
import { startConnectionTripwire, type ConnectionTripwire } from "../support/reliability/connection-tripwire";
import { recordReliabilityRow } from "../support/reliability/record";
import {
  emulatorLogAsTargets,
  expectNoSecrets,
  filesAsTargets,
  scanForSecrets,
  type ScanTarget,
} from "../support/secret-scan";
import { contradictoryInputs } from "./bad-input/contradictions";
import { generateBadInputs, type BadInputCase, type BadInputKind } from "./bad-input/generate";
import { BAD_INPUT_PASSWORDS, resourcesUnderTest } from "./bad-input/valid-inputs";
import * as path from "node:path";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";

// The rows this file recorded must be what docs/RELIABILITY.md holds for it (see committed-table.ts).
afterAll(() => expectCommittedTableMatches());

/** Per resource, the kind of mistake previewed through the engine (the check suite covers every kind). */
const REPRESENTATIVE: Record<string, { kind: BadInputKind; field: string }> = {
  ResourceProviderRegistration: { kind: "bad GUID", field: "subscriptionId" },
  DataMigrationService: { kind: "bad ARM id", field: "virtualSubnetId" },
  MigrationProject: { kind: "injection in a name", field: "projectName" },
  MigrationTask: { kind: "contradictory options", field: "cutover" },
  SqlMigrationService: { kind: "over length limit", field: "serviceName" },
  DatabaseMigration: { kind: "injection in a name", field: "tables[0]" },
  SchemaDeployment: { kind: "misspelt optional field", field: "includes" },
  ReplicationMigration: { kind: "control character in a name", field: "sourceDatabaseName" },
};

let emulator: Emulator;
let tripwire: ConnectionTripwire;
let stack: TestStack;
const failureTexts: ScanTarget[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator();
  tripwire = await startConnectionTripwire();
  stack = await createTestStack({ name: "reliability-engine", program: async () => ({}), env: emulatorEnv(emulator) });
});

afterAll(async () => {
  await stack?.dispose();
  await Promise.all([emulator?.stop(), tripwire?.stop()]);
});

function pick(cases: BadInputCase[], resource: string): BadInputCase {
  const wanted = REPRESENTATIVE[resource];
  const found = cases.find((c) => c.resource === resource && c.kind === wanted.kind && c.field === wanted.field);
  if (!found) throw new Error(`the corpus has no ${wanted.kind} case for ${resource}.${wanted.field}`);
  return found;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const all = resourcesUnderTest("127.0.0.1", 1);
const corpus = [...all.flatMap(generateBadInputs), ...contradictoryInputs(all)];
const engineCases = [
  ...Object.keys(REPRESENTATIVE).map((resource) => pick(corpus, resource)),
  // The schema source is an object holding a password: the engine prints the failing property's value.
  corpus.find((c) => c.resource === "SchemaDeployment" && c.kind === "contradictory options")!,
];

test.each(engineCases.map((c) => [`${c.resource} ${c.kind} (${c.field})`, c] as const))(
  "preview refuses %s with the engine's message for the field",
  async (_label, template) => {
    // The same mistake, on inputs whose SQL endpoints point at this run's tripwire.
    const resource = resourcesUnderTest(tripwire.host, tripwire.port).find((r) => r.resource === template.resource)!;
    const badInput = [...generateBadInputs(resource), ...contradictoryInputs([resource])].find(
      (c) => c.kind === template.kind && c.field === template.field,
    )!;
    const Component = (components as unknown as Record<string, new (name: string, args: unknown) => unknown>)[
      badInput.resource
    ];
    const before = { requests: emulator.requestLog.read().length, connections: tripwire.connections() };
    const error = await stack
      .preview(async () => {
        new Component("subject", badInput.inputs);
        return {};
      })
      .catch((e: Error) => e);
    const message = error instanceof Error ? error.message : "";
    if (process.env.DEBUG_BAD_INPUT) console.log(message);
    failureTexts.push({ where: `failed preview error: ${badInput.resource}`, text: message });
    // The engine's check-failure message: `property <field> value … has a problem: …`, or for an input holding a
    // credential (whose value the engine would print) `has a problem: <field>: …`.
    const named = new RegExp(
      `property ${escaped(badInput.field)} value [\\s\\S]*?has a problem: \\S|has a problem: ${escaped(badInput.field)}: \\S`,
    );
    const after = { requests: emulator.requestLog.read().length, connections: tripwire.connections() };
    const observed = {
      failed: error instanceof Error,
      fieldNamed: named.test(message),
      requests: after.requests - before.requests,
      connections: after.connections - before.connections,
    };
    recordReliabilityRow({
      matrix: "badInput",
      area: `${badInput.resource} (pulumi preview)`,
      injected: `${badInput.kind}: ${badInput.field}`,
      expected: "preview fails naming the field; 0 ARM requests, 0 SQL connections",
      observed: `${observed.failed ? "failed" : "succeeded"}${observed.fieldNamed ? " naming the field" : ", field not named"}; ${observed.requests} ARM requests, ${observed.connections} SQL connections`,
      passed: observed.failed && observed.fieldNamed && observed.requests === 0 && observed.connections === 0,
    });
    expect(observed).toEqual({ failed: true, fieldNamed: true, requests: 0, connections: 0 });
  },
);

/** The component's own refusals, thrown by its constructor before anything is declared. */
const COMPONENT_ERRORS: { label: string; settings: Record<string, unknown>; message: RegExp }[] = [
  {
    label: 'engine "replication" with mode offline',
    settings: { engine: "replication", migration: { mode: "offline" } },
    message: /Error: migration\.mode: engine "replication" is online/,
  },
  {
    label: 'engine "dms" with mode online',
    settings: { engine: "dms", migration: { mode: "online" }, schema: {} },
    message: /Error: migration\.mode: the current DMS \(engine "dms"\) migrates to Azure SQL Database offline only/,
  },
  {
    label: 'engine "dms" without the schema step',
    settings: { migration: { mode: "offline" } },
    message: /Error: schema: the current DMS copies rows only into tables that already exist/,
  },
];

test.each(COMPONENT_ERRORS.map((c) => [c.label, c] as const))(
  "the component refuses %s at preview, naming the field, in its own process",
  async (_label, { label, settings, message }) => {
    const before = emulator.requestLog.read().length;
    const run = stack.spawnQuickstart(
      {
        subscriptionId: "6f2d4c1a-0b1e-4c55-9a0e-2b7d3c4e5f60",
        resourceGroupName: "rg",
        location: "westeurope",
        ...settings,
      },
      "preview",
    );
    const exitCode = await run.exited;
    failureTexts.push({ where: `failed preview output: ${label}`, text: run.output() });
    const observed = {
      failed: exitCode !== 0,
      fieldNamed: message.test(run.output()),
      requests: emulator.requestLog.read().length - before,
    };
    recordReliabilityRow({
      matrix: "badInput",
      area: "SqlServerToAzureSqlMigration (pulumi preview)",
      injected: `contradictory options: ${label}`,
      expected: "preview fails naming the field; 0 ARM requests",
      observed: `${observed.failed ? "failed" : "succeeded"}${observed.fieldNamed ? " naming the field" : ", field not named"}; ${observed.requests} ARM requests`,
      passed: observed.failed && observed.fieldNamed && observed.requests === 0,
    });
    expect(observed).toEqual({ failed: true, fieldNamed: true, requests: 0 });
  },
);

test("no password or token in the failed previews' output, errors, the backend's files or the emulator's log", () => {
  const result = scanForSecrets({ ...BAD_INPUT_PASSWORDS, armToken: EMULATOR_TOKEN, passphrase: TEST_PASSPHRASE }, [
    { where: "engine output", text: stack.output() },
    ...failureTexts,
    ...filesAsTargets(path.join(stack.workDir, "backend"), "file backend"),
    ...emulatorLogAsTargets(emulator),
  ]);
  expectNoSecrets("bad-input previews (failure path)", result);
});

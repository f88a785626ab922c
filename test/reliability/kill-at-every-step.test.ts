/**
 * Kill at every step: the engine (CLI, language host and provider processes) is SIGKILLed at a point of the
 * full component flow — registration, service provisioning, each schema batch boundary, migration create,
 * following the copy, validation — then `pulumi cancel` and `up`. Expected: it converges with 0 duplicate remote
 * objects (one service, one databaseMigration PUT: a second PUT would start a second copy; every DDL batch run once
 * on the target), 0 lost schema objects (the target's catalog equals an uninterrupted run's) and the same final
 * outputs as an uninterrupted run. Replication cutover steps: replication-cutover-kills.test.ts.
 *
 * Points are found deterministically: a SQL point holds the batch on the stand-in (it never answers) and the test
 * kills once it arrived; an ARM point kills as soon as the emulator's request log shows the request.
 * Each point costs a killed up and a resumed one (about 90 s on a loaded 2-core runner), so CI runs two
 * representative points (a schema batch boundary, migration create); RELIABILITY_FULL=1 runs all 14.
 * Needs `npm run build` (the killed up runs the compiled program in a child process).
 */
import type { QueryHandler } from "../../emulator/sql-server";
import { recordReliabilityRow } from "../support/reliability/record";
import {
  comparableOutputs,
  isDeployedDdl,
  remoteWrites,
  startFlow,
  targetObjects,
  upFlow,
  withRuntimeOperator,
  type FlowRun,
} from "./full-flow";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";

// The rows this file recorded must be what docs/RELIABILITY.md holds for it (see committed-table.ts).
afterAll(() => expectCommittedTableMatches());

const FULL = process.env["RELIABILITY_FULL"] === "1";
/** Batches the quickstart schema deploys (schemas, tables, keys, index, view): one kill point between each. */
const SCHEMA_BATCHES = 9;
const EXPECTED = "converged: 0 duplicate remote objects, 0 lost schema objects, same final outputs";

type Trigger =
  | { on: "arm"; method: string; path: RegExp; nth: number }
  | { on: "target"; match: (sql: string, kind: string) => boolean; nth: number };

interface KillPoint {
  name: string;
  trigger: Trigger;
  /** Part of the CI subset. */
  ci: boolean;
}

const POINTS: KillPoint[] = [
  {
    name: "provider registration",
    ci: false,
    trigger: { on: "arm", method: "POST", path: /\/providers\/Microsoft\.DataMigration\/register$/i, nth: 1 },
  },
  ...Array.from({ length: SCHEMA_BATCHES }, (_, i) => ({
    name: `schema batch ${i + 1} of ${SCHEMA_BATCHES} (held before it ran)`,
    ci: i === 4,
    trigger: {
      on: "target" as const,
      match: (sql: string, kind: string) => isDeployedDdl({ sql, kind: kind as "sql-batch" }),
      nth: i + 1,
    },
  })),
  {
    name: "service provisioning",
    ci: false,
    trigger: { on: "arm", method: "PUT", path: /\/sqlMigrationServices\/[^/]+$/i, nth: 1 },
  },
  {
    name: "migration create",
    ci: true,
    trigger: { on: "arm", method: "PUT", path: /\/databaseMigrations\/[^/]+$/i, nth: 1 },
  },
  {
    name: "following the copy",
    ci: false,
    trigger: { on: "arm", method: "GET", path: /\/databaseMigrations\/[^/]+$/i, nth: 3 },
  },
  {
    name: "validation",
    ci: false,
    trigger: { on: "target", match: (sql) => sql.startsWith("/* validate:row-count */"), nth: 1 },
  },
];

/** Resolves when the trigger's request arrived; a target trigger holds that request forever. */
function reached(run: FlowRun, trigger: Trigger): Promise<void> {
  if (trigger.on === "target") {
    return new Promise((resolve) => {
      let seen = 0;
      const hold: QueryHandler = (request) => {
        if (!trigger.match(request.sql, request.kind) || ++seen !== trigger.nth) return undefined;
        resolve();
        return new Promise(() => undefined);
      };
      run.cloud.target.server.use(hold);
    });
  }
  return (async () => {
    while (run.cloud.emulator.requestLog.count(trigger.method, trigger.path) < trigger.nth)
      await new Promise((resolve) => setTimeout(resolve, 10));
  })();
}

let baseline: { outputs: Record<string, unknown>; objects: Record<string, string> };

beforeAll(async () => {
  const run = await startFlow("kill-baseline");
  try {
    const up = await upFlow(run);
    baseline = { outputs: comparableOutputs(up.outputs), objects: await targetObjects(run) };
    expect(baseline.outputs["phase"]).toBe("validated");
  } finally {
    await run.stop();
  }
}, 300_000);

const selected = POINTS.filter((point) => FULL || point.ci);

test.each(selected.map((point) => [point.name, point] as const))(
  "killed at %s: cancel + up converges like an uninterrupted run",
  async (_name, point) => {
    const run = await startFlow(`kill-${selected.indexOf(point)}`);
    try {
      const started = Date.now();
      const child = withRuntimeOperator(run, async () => {
        const up = run.stack.spawnQuickstart(run.settings);
        const arrived = await Promise.race([reached(run, point.trigger).then(() => true), up.exited.then(() => false)]);
        if (!arrived) throw new Error(`the up ended before reaching ${point.name}:\n${up.output()}`);
        up.kill();
        await up.exited;
      });
      await child;
      const killedAfterMs = Date.now() - started;
      await run.stack.stack.cancel();
      const resumed = await upFlow(run);

      const outputs = comparableOutputs(resumed.outputs);
      const objects = await targetObjects(run);
      const writes = remoteWrites(run);
      const sameOutputs = JSON.stringify(outputs) === JSON.stringify(baseline.outputs);
      const lost = Object.keys(baseline.objects).filter((id) => objects[id] !== baseline.objects[id]);
      const duplicates =
        writes.services > 1 || writes.migrations > 1 || writes.migrationPuts > 1 || writes.ddlRunTwice.length > 0;
      const passed = sameOutputs && lost.length === 0 && !duplicates;
      recordReliabilityRow({
        matrix: "kills",
        area: "component flow",
        injected: `SIGKILL of the engine at ${point.name}, then pulumi cancel + up`,
        expected: EXPECTED,
        observed: passed
          ? EXPECTED
          : `outputs ${sameOutputs ? "same" : "differ"}, lost ${lost.join(", ") || "none"}, duplicates ${JSON.stringify(writes)}`,
        passed,
        measured: {
          killedAfterMs,
          resumedUpMs: Date.now() - started - killedAfterMs,
          migrationPuts: writes.migrationPuts,
        },
      });
      expect(outputs).toEqual(baseline.outputs);
      expect(lost).toEqual([]);
      expect(writes).toMatchObject({ services: 1, migrations: 1, migrationPuts: 1, ddlRunTwice: [] });
    } finally {
      await run.stop();
    }
  },
  300_000,
);

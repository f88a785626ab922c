/**
 * Kill at every cutover step of the replication engine, through the real Pulumi engine against two TDS test
 * servers with the replication simulator (source as publisher and local distributor, target as push subscriber).
 * One stack, online up to readyForCutover; then for each cutover step in order the engine (CLI, language host,
 * provider) is SIGKILLed while that step's first request is held on the server, and `pulumi cancel` follows; the
 * next up is the next killed one, so each resumes where the previous one died. A final up completes the cutover.
 * Expected per step: no completed step runs again (what it did is counted before and after every later up), and
 * the final up completes with every step run once and no replication object left on the source. Rows: matrix
 * "kills", one per step.
 *
 * The replication engine's secrets are scanned on the same run (matrix "secrets"): every SQL batch both servers
 * received, the state with its backups and history, every engine output (the killed ups' included), the report
 * folder, and a failed up (the target refuses a wrong password) — for every password used.
 *
 * Full matrix only (`npm run reliability`): a dozen ups, several minutes. CI kills at every other cutover step in
 * test/integration/replication.test.ts without recording rows.
 */
import * as path from "node:path";
import { quickstartProgram } from "../../examples/quickstart/program";
import { TEST_PASSPHRASE } from "../support/engine";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";
import { fullMatrixTest } from "../support/reliability/full-matrix";
import { recordReliabilityRow } from "../support/reliability/record";
import {
  REPLICATION_PASSWORDS,
  startReplicationFlow,
  type ReplicationFlow,
} from "../support/reliability/replication-flow";
import {
  CUTOVER_STEPS,
  cutoverStepCounts,
  EVERY_CUTOVER_STEP_ONCE,
  killUpAtStep,
} from "../support/replication/cutover-steps";
import {
  expectNoSecrets,
  filesAsTargets,
  scanForSecrets,
  sqlBatchesAsTarget,
  type ScanTarget,
} from "../support/secret-scan";

const EXPECTED =
  "resumed at that step by the next up: no completed cutover step ran again; the final up completes with every step run once and no replication object left";
const WRONG_TARGET_PASSWORD = "Wr0ng-T4rget-Pa55-replication-kills";

let flow: ReplicationFlow;
/** Every engine output of the run, killed and failed ups included, for the secret scan. */
const outputs: ScanTarget[] = [];

afterAll(async () => {
  await flow?.stop();
  expectCommittedTableMatches();
});

describe("kill at every cutover step: replication engine (one stack, steps in order)", () => {
  fullMatrixTest(
    "each cutover step killed in turn: every next up resumes there, no completed step runs again",
    async () => {
      flow = await startReplicationFlow("reliability-replication-kills");
      const { sim, stack: s } = flow;
      const ready = await s.up(flow.program());
      expect(ready.outputs.phase!.value).toBe("readyForCutover");

      // A failure path for the secret scan: the target refuses a wrong password; the error names no password.
      const refused = await s.up(flow.program({}, WRONG_TARGET_PASSWORD)).then(
        () => new Error("the up succeeded"),
        (e: Error) => e,
      );
      expect(refused.message).toMatch(/Login failed|login/i);
      outputs.push({ where: "failed up error", text: refused.message });

      // What each completed step did, counted: it must not change once the step is done.
      const signature = cutoverStepCounts(sim);
      const done: Record<string, number> = {};
      const repeated: Record<string, string[]> = {};
      const cutover = flow.settings({ cutover: true, stopWritesSql: flow.stopWritesHook });
      for (const cutoverStep of CUTOVER_STEPS) {
        const [step] = cutoverStep;
        outputs.push({
          where: `killed up output (${step})`,
          text: await killUpAtStep(sim, s, cutover, cutoverStep),
        });
        // This up resumed the previous kill: a step completed before must not have run again.
        repeated[step] = Object.entries(done)
          .filter(([completed, count]) => signature[completed]!() !== count)
          .map(([completed]) => completed);
        const index = CUTOVER_STEPS.findIndex(([name]) => name === step);
        const previous = index > 0 ? CUTOVER_STEPS[index - 1]![0] : undefined;
        if (previous && signature[previous]) done[previous] = signature[previous]!();
      }
      const finished = await s.up(quickstartProgram(cutover));
      outputs.push({ where: "engine output", text: s.output() });
      const once = Object.fromEntries(Object.keys(signature).map((k) => [k, signature[k]!()]));
      const everyStepOnce = EVERY_CUTOVER_STEP_ONCE;
      const completed = finished.outputs.phase!.value === "completed";
      const leftovers = sim.replicationObjects();
      const convergedOnce = completed && JSON.stringify(once) === JSON.stringify(everyStepOnce) && !leftovers.length;
      for (const [step] of CUTOVER_STEPS) {
        const passed = convergedOnce && repeated[step]!.length === 0;
        recordReliabilityRow({
          matrix: "kills",
          area: "replication cutover",
          injected: `SIGKILL of the engine at cutover step ${step} (its first request held), then pulumi cancel + up`,
          expected: EXPECTED,
          observed: passed
            ? EXPECTED
            : `phase ${String(finished.outputs.phase!.value)}, ran again: ${repeated[step]!.join(", ") || "none"}, ` +
              `steps ${JSON.stringify(once)}, leftovers ${leftovers.length}`,
          passed,
        });
      }
      expect(Object.values(repeated).flat()).toEqual([]);
      expect(finished.outputs.phase!.value).toBe("completed");
      expect(once).toEqual(everyStepOnce);
      expect(leftovers).toEqual([]);
      expect(flow.target.data.get("Sales", "Orders")!.rows).toHaveLength(400);
    },
    900_000,
  );

  fullMatrixTest("the replication engine's SQL batches, state, outputs and report hold no password", () => {
    const secrets = {
      ...REPLICATION_PASSWORDS,
      wrongTargetPassword: WRONG_TARGET_PASSWORD,
      passphrase: TEST_PASSPHRASE,
    };
    const scan = scanForSecrets(secrets, [
      ...outputs,
      ...filesAsTargets(path.join(flow.stack.workDir, "backend"), "file backend"),
      ...filesAsTargets(flow.reportDirectory, "reports"),
      sqlBatchesAsTarget("source SQL batches", flow.source.batches),
      sqlBatchesAsTarget("target SQL batches", flow.target.batches),
    ]);
    // The scan is only as good as what it read: every batch the engine sent, the password-bearing ones included.
    expect(flow.source.batches.some((b) => /sp_addpushsubscription_agent/.test(b.sql))).toBe(true);
    expectNoSecrets("replication engine: online, a refused password, a kill at every cutover step", scan);
  });
});

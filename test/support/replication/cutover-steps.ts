/**
 * The replication engine's cutover steps as the tests know them, written by hand from the migration guide (not
 * imported from provider/replication, so a test can disagree with the implementation): each step by the first
 * request it sends, what each completed step did (counted on the simulator: the count must not change once the
 * step is done), and those counts after a cutover that ran every step once.
 */
import type { TestStack } from "../engine";
import type { CallMatcher, CallRecord, ReplicationSimulator } from "./index";

const hookRan = (history: readonly CallRecord[]) => history.some((c) => c.name === "statement");
const tokenAfterHook = (history: readonly CallRecord[]) =>
  history.some((c, i) => c.name === "sp_posttracertoken" && history.slice(0, i).some((h) => h.name === "statement"));

/** Each cutover step, in order, by the first request it sends. */
export const CUTOVER_STEPS: readonly [string, CallMatcher][] = [
  ["stopWrites", (c) => c.name === "statement"],
  ["drain", (c, h) => c.name === "sp_posttracertoken" && hookRan(h)],
  ["validate", (c, h) => c.name === "validate" && tokenAfterHook(h)],
  ["dropSubscription", (c) => c.name === "sp_dropsubscription"],
  ["dropPublication", (c) => c.name === "sp_droppublication"],
  ["disablePublishing", (c) => c.name === "sp_replicationdboption" && c.params["value"] === "false"],
  ["removeDistributor", (c) => c.name === "sp_dropdistpublisher"],
  ["reseedIdentities", (c) => c.name === "reseed-identity"],
  ["advanceSequences", (c) => c.name === "restart-sequence"],
  ["enableConstraints", (c) => c.name === "enable-constraint"],
  ["dropLeftovers", (c) => c.name === "drop-procedure"],
];

/** What each step that changes something did, counted on the simulator (drain and validate only read). */
export function cutoverStepCounts(sim: ReplicationSimulator): Record<string, () => number> {
  return {
    stopWrites: () => sim.calls.count("statement"),
    dropSubscription: () => sim.calls.count("sp_dropsubscription"),
    dropPublication: () => sim.calls.count("sp_droppublication"),
    disablePublishing: () => sim.calls.count("sp_replicationdboption", { where: (c) => c.params["value"] === "false" }),
    removeDistributor: () => sim.calls.count("sp_dropdistributor"),
    reseedIdentities: () => sim.calls.count("reseed-identity"),
    advanceSequences: () => sim.calls.count("restart-sequence"),
    enableConstraints: () => sim.calls.count("enable-constraint"),
    dropLeftovers: () => sim.calls.count("drop-procedure"),
  };
}

/** The counts after a cutover that ran each step once, on the suites' source (two constraints, nine leftovers). */
export const EVERY_CUTOVER_STEP_ONCE: Readonly<Record<string, number>> = {
  stopWrites: 1,
  dropSubscription: 1,
  dropPublication: 1,
  disablePublishing: 1,
  removeDistributor: 1,
  reseedIdentities: 1,
  advanceSequences: 1,
  enableConstraints: 2,
  dropLeftovers: 9,
};

/**
 * Runs `pulumi up` with `settings` in an engine process of its own, holds the first request of `step` on the
 * simulator, SIGKILLs the engine there, drops the held request (it never reaches the server) and clears the
 * stack's lock with `pulumi cancel`: what a CI runner killed mid-cutover leaves. Answers the killed engine's output.
 */
export async function killUpAtStep(
  sim: ReplicationSimulator,
  stack: TestStack,
  settings: unknown,
  [step, matcher]: readonly [string, CallMatcher],
): Promise<string> {
  const point = sim.pauseAt(matcher);
  const run = stack.spawnQuickstart(settings);
  await Promise.race([
    point.reached,
    run.exited.then((code) => {
      throw new Error(`the up ended (exit ${code}) before reaching step ${step}:\n${run.output()}`);
    }),
  ]);
  run.kill();
  await run.exited;
  point.release({ apply: false });
  await stack.stack.cancel();
  return run.output();
}

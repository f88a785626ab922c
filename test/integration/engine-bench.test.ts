/**
 * The engine benchmark in its quick mode (`npm run bench -- --quick`, bench/engine-overhead.ts) against the
 * committed bench/results/engine-quick.json: fails when a figure is more than twice the committed one (ratios to
 * the bare stack measured in the same run, counts, state bytes) or misses an absolute goal. Needs `npm run build`
 * (the providers load from dist/) and the Pulumi CLI (scripts/with-pulumi.sh).
 */
import * as fs from "fs";
import { main as runEngineBenchmark, type EngineResults } from "../../bench/engine-overhead";
import { formatEngineTable, engineResultsFile } from "../../bench/engine/report";
import { regressions } from "../../bench/engine/regression";

test("quick engine benchmark: no figure regressed more than 2x against the committed results", async () => {
  const committed = JSON.parse(fs.readFileSync(engineResultsFile("quick"), "utf8")) as EngineResults;
  const current = await runEngineBenchmark(["--quick"]);
  console.log(formatEngineTable(current));
  expect(regressions(committed, current)).toEqual([]);
}, 900_000);

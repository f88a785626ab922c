/**
 * `npm run bench`: runs every benchmark of the project in turn. Each benchmark module owns its sizes, its
 * measurements and its results file; this runner only sequences them.
 */
import { main as schemaPipeline } from "./schema-pipeline";
import { main as scriptProject } from "./script-project";
import { runEngineBenchmark } from "./engine-overhead";

const BENCHMARKS: { name: string; run: () => Promise<void> }[] = [
  { name: "schema-pipeline", run: () => schemaPipeline([]) },
  { name: "script-project", run: () => scriptProject([]) },
  { name: "engine", run: () => runEngineBenchmark(process.argv.slice(2)) },
];

/** `--quick`: only the engine benchmark, one round (under a minute; what the regression test runs). */
async function runAll(): Promise<void> {
  const quick = process.argv.includes("--quick");
  for (const bench of BENCHMARKS.filter((b) => !quick || b.name === "engine")) {
    await bench.run();
  }
}

runAll().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

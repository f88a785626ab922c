/**
 * `npm run bench`: runs every benchmark of the project in turn. Each benchmark module owns its sizes, its
 * measurements and its results file; this runner only sequences them.
 */
import { main as schemaPipeline } from "./schema-pipeline";
import { main as scriptProject } from "./script-project";

const BENCHMARKS: { name: string; run: () => Promise<void> }[] = [
  { name: "schema-pipeline", run: () => schemaPipeline([]) },
  { name: "script-project", run: () => scriptProject([]) },
];

async function runAll(): Promise<void> {
  for (const bench of BENCHMARKS) {
    await bench.run();
  }
}

runAll().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

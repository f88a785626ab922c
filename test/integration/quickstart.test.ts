/**
 * The README's quickstart (`npm run quickstart`) keeps working: the compiled runner drives the quickstart stack
 * on the embedded emulator through the real engine with the current DMS — schema assessed and scripted, the
 * self-hosted runtime registered, data migrated table by table, a second up with no writes, destroy.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { packageRoot } from "../../examples/runner/local-workspace";

test("npm run quickstart's runner completes the migration and its second up writes nothing", () => {
  const root = packageRoot();
  const run = spawnSync(process.execPath, [path.join(root, "dist", "examples", "run-example.js"), "quickstart"], {
    cwd: root,
    encoding: "utf8",
    timeout: 10 * 60 * 1000,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) console.error(output);
  expect(run.status).toBe(0);
  expect(output).toMatch(/migration phase: completed \(state Succeeded, engine dms\)/);
  expect(output).toMatch(/node shir-quickstart registered/);
  expect(output).toMatch(/integration runtime: Online/);
  // Per-table progress lines of the copy.
  expect(output).toMatch(/Sales\.OrderLines: \w+, \d+ rows copied/);
  expect(output).toMatch(/schema assessment: \{"blocking":0/);
  expect(output).toMatch(/write calls the emulator saw on the second up: 0/);
  expect(output).toMatch(/quickstart finished/);
  // The quickstart's passwords are plain strings in the program; they must still never be printed, nor the key.
  expect(output).not.toMatch(/Quickstart-(Source|Target)-Pa55/);
  expect(output).not.toMatch(/IR@[0-9a-f-]{36}/);
});

/**
 * The README's quickstart (`npm run quickstart`) keeps working: the compiled runner drives the quickstart stack
 * on the embedded emulator and two local SQL Server stand-ins through the real engine with the current DMS —
 * schema assessed and deployed, the self-hosted runtime registered, data copied table by table and validated,
 * the report written, a second up with no writes, destroy.
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
  expect(output).toMatch(/migration phase: validated \(state Succeeded, engine dms\)/);
  // The schema was deployed to the target stand-in and the copy wrote every row there.
  expect(output).toMatch(
    /target rows after the copy: dbo\.Customers 12000, dbo\.Orders 48000, Sales\.OrderLines 150000/,
  );
  expect(output).toMatch(
    /report: Migration complete and validated: 1 database, 210000 rows copied, all 3 tables match\./,
  );
  expect(output).toMatch(/report written to .*sales\.migration-report\.md/);
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

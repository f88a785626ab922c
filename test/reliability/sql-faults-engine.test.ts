/**
 * Azure SQL transient faults through the real engine, one per phase in one `up` of the whole component flow:
 * 40613 on a catalog read of the source (schema extraction), the connection dropped after the target ran a
 * deployment batch (reply lost), and 40197 (severity 20: the session ends) on a validation read of the target.
 * Expected: each retried, and the up converges as an uninterrupted one does — validated, every DDL batch run once.
 * The table-driven matrix of every error number in every phase is sql-transient-faults.test.ts.
 */
import { azureTransientError } from "../../emulator/sql-server";
import { recordReliabilityRow } from "../support/reliability/record";
import { remoteWrites, startFlow, upFlow } from "./full-flow";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";

// The rows this file recorded must be what docs/RELIABILITY.md holds for it (see committed-table.ts).
afterAll(() => expectCommittedTableMatches());

const CONVERGED = "retried and converged in one up";

test("a transient SQL fault in each phase of one up: each retried, the up converges validated", async () => {
  const run = await startFlow("sql-faults-engine");
  try {
    const { source, target } = run.cloud;
    source.server.failOn(
      /\/\* catalog:columns \*\//,
      azureTransientError(40613, { database: "Sales", server: "sql01" }),
      { times: 1 },
    );
    target.server.failOn(/CREATE TABLE \[dbo\]\.\[Orders\]/, { drop: "afterRunning" }, { times: 1 });
    target.server.failOn(
      /\/\* validate:row-count \*\//,
      azureTransientError(40197, { database: "SalesDb", server: "quickstart" }),
      { times: 1 },
    );

    const started = Date.now();
    const up = await upFlow(run).catch((error: Error) => error);
    const output = run.stack.output();
    const validated = !(up instanceof Error) && up.outputs["phase"]?.value === "validated";
    const writes = remoteWrites(run);
    const cases = [
      {
        injected: "engine, catalog reads: error 40613 on a catalog query of the source",
        evidence:
          /reading the source .*: retry 1 after a transient error: Database 'Sales' on server 'sql01' is not currently available/,
      },
      {
        injected: "engine, schema deployment: connection dropped after the target ran CREATE TABLE [dbo].[Orders]",
        evidence: /\(table \[dbo\]\.\[Orders\]\) on .* was cut short by a transient error/,
      },
      {
        injected: "engine, data validation: error 40197 (severity 20, session closed) on a row count of the target",
        evidence: /validation of .*: retry 1 after a transient error/,
      },
    ];
    for (const { injected, evidence } of cases) {
      const passed = validated && evidence.test(output) && writes.ddlRunTwice.length === 0;
      recordReliabilityRow({
        matrix: "faults",
        area: "SQL",
        injected,
        expected: CONVERGED,
        observed: passed
          ? CONVERGED
          : `phase ${up instanceof Error ? `failed: ${up.message}` : String(up.outputs["phase"]?.value)}, retry logged: ${evidence.test(output)}, run twice: ${writes.ddlRunTwice}`,
        passed,
        measured: { upMs: Date.now() - started },
      });
    }
    if (up instanceof Error) throw up;
    expect(up.outputs["phase"]?.value).toBe("validated");
    for (const { evidence } of cases) expect(output).toMatch(evidence);
    expect(writes).toMatchObject({ services: 1, migrationPuts: 1, ddlRunTwice: [] });
  } finally {
    await run.stop();
  }
}, 300_000);

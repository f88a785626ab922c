import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { DatabaseFacts } from "../../../provider/report";
import { ResourceInitError } from "../../../provider/resources/init-error";
import { reportingStep } from "../../../provider/resources/report-step";

interface Outs {
  phase: string;
  databases: string[];
}

const factsOf = (outs: Outs): DatabaseFacts[] =>
  outs.databases.map((db) => ({
    database: db,
    targetDatabase: `${db}Db`,
    phase: outs.phase,
    rowsCopied: 0,
    errors: [],
  }));

let directory: string;
beforeEach(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), "reporting-step-"));
});
afterEach(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

const report = { migration: "sales", engine: "dms", apiVersions: [] };
/** The facts files the step left, by file name, with the phase each records. */
async function factsFiles(): Promise<Record<string, string>> {
  const names = (await fs.readdir(directory)).filter((n) => n.endsWith(".facts.json")).sort();
  const entries = await Promise.all(
    names.map(async (n) => [n, JSON.parse(await fs.readFile(path.join(directory, n), "utf8")).phase as string]),
  );
  return Object.fromEntries(entries);
}

describe("reportingStep: the migration report follows every outcome of a provider step", () => {
  test("a step that succeeds writes one facts file per database and answers its outputs", async () => {
    const outs = await reportingStep({ report, reportDirectory: directory }, factsOf, async () => ({
      phase: "completed",
      databases: ["Sales", "Hr"],
    }));
    expect(outs.phase).toBe("completed");
    expect(await factsFiles()).toEqual({
      "sales.HrDb.facts.json": "completed",
      "sales.SalesDb.facts.json": "completed",
    });
  });

  test("a step that fails with the state recorded still writes what it reached, then fails", async () => {
    const failing = reportingStep({ report, reportDirectory: directory }, factsOf, async () => {
      throw new ResourceInitError("the run failed", "id", { phase: "failed", databases: ["Sales"] });
    });
    await expect(failing).rejects.toThrow("the run failed");
    expect(await factsFiles()).toEqual({ "sales.SalesDb.facts.json": "failed" });
  });

  test("any other failure writes nothing; without a report context nothing is written either", async () => {
    const broken = reportingStep({ report, reportDirectory: directory }, factsOf, async () => {
      throw new Error("bad input");
    });
    await expect(broken).rejects.toThrow("bad input");
    await reportingStep({ reportDirectory: directory }, factsOf, async () => ({
      phase: "running",
      databases: ["Sales"],
    }));
    expect(await factsFiles()).toEqual({});
  });
});

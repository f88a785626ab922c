/**
 * The replication engine through the real Pulumi engine: SqlServerToAzureSqlMigration with engine
 * "replication" (examples/quickstart/program.ts built from JSON settings) against two TDS test servers — a
 * SQL Server source with the replication simulator as publisher and local distributor, and the Azure SQL
 * database as push subscriber. What the issue lists: an online up stops at readyForCutover with nothing
 * pending and a measured latency; cutover refused while writes pend, nothing dropped; after the drain the
 * cutover completes (source torn down, identities reseeded, validation clean, the report's timeline); an engine
 * killed at a cutover step resumes without repeating a completed step (at every other step here; at each of the 11
 * in test/reliability/replication-cutover-kills.test.ts, full matrix); a table without a primary key fails preview; an agent that cannot reach the subscriber fails the up with its own message; destroy before cutover
 * removes the replication and leaves the target's rows; no password anywhere.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PulumiFn, UpResult } from "@pulumi/pulumi/automation";
import { migrationReportSchema } from "../../provider/report";
import { quickstartProgram, type QuickstartSettings } from "../../examples/quickstart/program";
import { packageRoot } from "../../examples/runner/local-workspace";
import { createTestStack, type TestStack } from "../support/engine";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";
import { recordPassedFault } from "../support/reliability/record";
import { stepsInOrder } from "../support/steps";
import type { ReplicationSimulator } from "../support/replication";
import {
  CUTOVER_STEPS,
  cutoverStepCounts,
  EVERY_CUTOVER_STEP_ONCE,
  killUpAtStep,
} from "../support/replication/cutover-steps";
import { attachSalesReplication, replicationMigration } from "../support/replication-settings";
import { startTdsTestServer, type TdsTestServer } from "../support/tds";

const SOURCE = { user: "migrator", password: "S0urce-Pa55-replication" };
const TARGET = { user: "azadmin", password: "T4rget-Pa55-replication" };
const SUBSCRIBER = "sales-target.database.windows.net";
const HOOK = "/* stop writes */ ALTER DATABASE [Sales] SET RESTRICTED_USER WITH ROLLBACK IMMEDIATE;";
/** Rows of docs/RELIABILITY.md recorded here are checked against the committed file in afterAll. */
const SUITE = "test/integration/replication.test.ts";
describe("SqlServerToAzureSqlMigration with the replication engine (real engine, replication simulator)", () => {
  afterAll(() => expectCommittedTableMatches(SUITE));
  let source: TdsTestServer;
  let target: TdsTestServer;
  let sim: ReplicationSimulator;
  let stack: TestStack | undefined;
  const reportDirectory = path.join(packageRoot(), ".work", "replication-report");

  /** Fresh source and target servers with the simulator attached, and an empty report folder. */
  async function startServers(): Promise<void> {
    fs.rmSync(reportDirectory, { recursive: true, force: true });
    [source, target] = await Promise.all([
      startTdsTestServer({ logins: [SOURCE] }),
      startTdsTestServer({ logins: [TARGET] }),
    ]);
    sim = attachSalesReplication(source, target, SUBSCRIBER);
  }
  async function stopAll(): Promise<void> {
    await stack?.dispose();
    stack = undefined;
    sim.stop();
    await Promise.all([source.stop(), target.stop()]);
  }

  function settings(migration: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): QuickstartSettings {
    return {
      engine: "replication",
      reportDirectory,
      migration: replicationMigration(
        { source, target, sourceLogin: SOURCE, targetLogin: TARGET, subscriber: SUBSCRIBER },
        migration,
      ),
      ...extra,
    } as QuickstartSettings;
  }
  const program = (migration?: Record<string, unknown>, extra?: Record<string, unknown>): PulumiFn =>
    quickstartProgram(settings(migration, extra));

  async function newStack(name: string, first: PulumiFn = program()): Promise<TestStack> {
    stack = await createTestStack({ name, program: first });
    return stack;
  }

  const progressOf = (outputs: Record<string, { value: unknown }>) =>
    (outputs.progress!.value as Record<string, unknown>[])[0]!;
  const secretsIn = (text: string) => [SOURCE.password, TARGET.password].filter((p) => text.includes(p));

  describe("online over one stack: ready, refused while writes pend, cut over after the drain, then left alone", () => {
    const step = stepsInOrder();
    let s: TestStack;
    let first: UpResult;
    let done: UpResult;
    let outputs: Record<string, unknown>;
    let report: { jsonPath: string; markdownPath: string; headline: string };
    let markdown: string;
    // The schema step of the component (assessment and script; the simulator's target already has the tables).
    const withSchema = {
      schema: {
        source: { scriptPath: path.join(packageRoot(), "examples", "quickstart", "schema") },
        target: {
          server: SUBSCRIBER,
          database: "SalesDb",
          authentication: { type: "sql", user: TARGET.user, password: TARGET.password },
        },
        deploy: false,
        outputDirectory: path.join(reportDirectory, "schema"),
      },
    };
    const online = (migration: Record<string, unknown> = {}) => program(migration, withSchema);

    beforeAll(async () => {
      await startServers();
      s = await newStack("replication-online", online());
    });
    afterAll(stopAll);

    step("the first up stops at readyForCutover with nothing pending, the rows copied and validated", async () => {
      first = await s.up();
      expect(first.outputs.engine!.value).toBe("replication");
      expect(first.outputs.phase!.value).toBe("readyForCutover");
      expect(progressOf(first.outputs)).toMatchObject({
        phase: "readyForCutover",
        pendingCommands: 0,
        latencySeconds: 2,
        rowsCopied: 770,
        gate: { ready: true, reasons: [] },
        validation: { verdict: "validated", tables: 3, matched: 3 },
      });
      expect(target.data.get("Sales", "Orders")!.rows).toHaveLength(400);
      expect(s.output()).toMatch(/replication Sales → SalesDb: syncing, 3\/3 articles active, 0 commands pending/);
    });

    step("a converged up sends nothing", async () => {
      // A converged up sends nothing.
      sim.calls.clear();
      const again = await s.up();
      expect(again.summary.resourceChanges?.update ?? 0).toBe(0);
      expect(sim.calls.calls).toEqual([]);
    });

    step("writes that cannot drain: the cutover is refused and nothing runs or is dropped", async () => {
      // Writes arrive and cannot drain: the gate refuses, and nothing runs or is dropped.
      sim.pauseDelivery();
      sim.insert("Sales.Orders", [
        [401, "late order"],
        [402, "later order"],
      ]);
      const refused = await s
        .up(online({ cutover: true, stopWritesSql: HOOK, waitTimeoutSeconds: 3 }))
        .catch((e: Error) => e);
      expect((refused as Error).message).toMatch(
        /cutover refused, nothing was dropped:\n\s+- database Sales → SalesDb: 2 commands are waiting in the distribution database \(allowed: 0\)/,
      );
      expect(sim.calls.count("statement")).toBe(0);
      expect(sim.calls.count("sp_dropsubscription", { all: true })).toBe(0);
      expect(sim.replicationObjects()).toContain("publication pulumi_sales_Sales");
      expect(await s.resourceOutputs("ReplicationMigration")).toMatchObject({ phase: "syncing", pendingCommands: 2 });
    });

    step(
      "once they drain the cutover completes: source torn down, identities, sequences and constraints fixed",
      async () => {
        // They drain: the cutover completes.
        sim.resumeDelivery();
        done = await s.up(online({ cutover: true, stopWritesSql: HOOK }));
        expect(done.outputs.phase!.value).toBe("completed");
        expect(sim.replicationObjects()).toEqual([]);
        expect(sim.calls.count("statement")).toBe(1);
        expect(target.data.get("Sales", "Orders")!.rows).toHaveLength(402);
        expect(sim.target.identityOf({ schema: "Sales", name: "Orders" })!.lastValue).toBe(402n);
        expect(sim.target.sequences[0]!.current).toBe(1043n);
        expect(sim.target.objects.map((o) => [o.object, o.disabled, o.notTrusted])).toEqual([
          ["FK_OrderLines_Orders", false, false],
          ["trg_Orders_Audit", false, false],
        ]);
        expect(sim.target.procedures.size).toBe(0);
        outputs = await s.resourceOutputs("ReplicationMigration");
        expect(outputs.validationResult).toMatchObject({ verdict: "validated", tables: 3, matched: 3 });
        expect(
          (outputs.cutoverSteps as { step: string; endedAt?: string }[]).map((e) => [e.step, Boolean(e.endedAt)]),
        ).toEqual(
          [
            "stopWrites",
            "drain",
            "validate",
            "dropSubscription",
            "dropPublication",
            "disablePublishing",
            "removeDistributor",
            "reseedIdentities",
            "advanceSequences",
            "enableConstraints",
            "dropLeftovers",
          ].map((step) => [step, true]),
        );
      },
    );

    step("the report has the cutover timeline, the data move and the assessment", async () => {
      report = done.outputs.report!.value as { jsonPath: string; markdownPath: string; headline: string };
      expect(report.headline).toMatch(
        /Migration complete and validated: 1 database, 772 rows copied, all 3 tables match/,
      );
      const json = migrationReportSchema.parse(JSON.parse(fs.readFileSync(report.jsonPath, "utf8")));
      expect(json.engine).toBe("replication");
      expect(json.cutover.map((c) => c.check)).toEqual([
        "readiness gate",
        ...(outputs.cutoverSteps as { step: string }[]).map((e) => `cutover step ${e.step}`),
      ]);
      expect(json.cutover.find((c) => c.check === "cutover step reseedIdentities")!.values).toMatchObject({
        detail: "reseeded Sales.Orders.Id to 402",
      });
      expect(json.phases.map((p) => p.name)).toContain("cutover Sales");
      expect(json.dataMove[0]!.tables.map((t) => [t.table, t.rowsCopied])).toEqual([
        ["Sales.OrderLines", 250],
        ["Sales.Orders", 402],
        ["dbo.Customers", 120],
      ]);
      expect(json.assessment).toBeDefined();
      markdown = fs.readFileSync(report.markdownPath, "utf8");
      expect(markdown).toMatch(/\| cutover step dropSubscription \| yes \|/);
    });

    step("cutover back to false after completion is said, and nothing is sent", async () => {
      // cutover back to false after completion: said, and nothing sent.
      sim.calls.clear();
      await s.up(online({ cutover: false }));
      expect(sim.calls.calls).toEqual([]);
      expect(s.output()).toMatch(/was cut over at .*; cutover: false cannot undo that, and nothing was changed/);
    });

    step("no password in state, engine output, stack outputs, report or cutover journal", async () => {
      const journal = fs
        .readdirSync(reportDirectory)
        .filter((f) => f.endsWith(".cutover-journal.json"))
        .map((f) => fs.readFileSync(path.join(reportDirectory, f), "utf8"));
      for (const [where, text] of Object.entries({
        state: s.stateFileText(),
        engineOutput: s.output(),
        stackOutputs: JSON.stringify(first.outputs) + JSON.stringify(done.outputs),
        reportJson: fs.readFileSync(report.jsonPath, "utf8"),
        reportMarkdown: markdown,
        journal: journal.join("\n"),
      })) {
        expect([where, secretsIn(text)]).toEqual([where, []]);
      }
      // exportStack decrypts secrets but keeps Pulumi's secret signature on them; in the state file they are ciphertext.
      expect(outputs.source).toHaveProperty(["4dabf18193072939515e22adb298388d"]);
      expect(outputs.target).toHaveProperty(["4dabf18193072939515e22adb298388d"]);
    });
  });

  describe("one stack per test", () => {
    beforeEach(startServers);
    afterEach(stopAll);

    test("an engine killed at every other cutover step: the next up resumes there and no completed step runs again", async () => {
      const s = await newStack("replication-killed");
      await s.up();
      const cutover = settings({ cutover: true, stopWritesSql: HOOK });
      const signature = cutoverStepCounts(sim);
      // Kills at every other step (the first and the last included); the full matrix kills at each of them in
      // test/reliability/replication-cutover-kills.test.ts. A step not killed at still runs once and is checked.
      const killedAt = CUTOVER_STEPS.filter((_, index) => index % 2 === 0);
      const done: Record<string, number> = {};
      for (const cutoverStep of killedAt) {
        const [step] = cutoverStep;
        await killUpAtStep(sim, s, cutover, cutoverStep);
        for (const [completed, count] of Object.entries(done))
          expect([completed, signature[completed]!()]).toEqual([completed, count]);
        // Every step before this one has completed: from now on its count must not change.
        const index = CUTOVER_STEPS.findIndex(([name]) => name === step);
        for (const [completed] of CUTOVER_STEPS.slice(0, index))
          if (signature[completed] && !(completed in done)) done[completed] = signature[completed]!();
      }
      const finished = await s.up(quickstartProgram(cutover));
      expect(finished.outputs.phase!.value).toBe("completed");
      for (const [completed, count] of Object.entries(done))
        expect([completed, signature[completed]!()]).toEqual([completed, count]);
      expect(Object.fromEntries(Object.keys(signature).map((k) => [k, signature[k]!()]))).toEqual(
        EVERY_CUTOVER_STEP_ONCE,
      );
      expect(sim.replicationObjects()).toEqual([]);
      expect(sim.target.identityOf({ schema: "Sales", name: "Orders" })!.lastValue).toBe(400n);
    }, 360_000);

    test("a table without a primary key fails preview naming it, and nothing is configured", async () => {
      source.data.set("dbo", "AuditLog", { columns: ["At", "What"], rows: [] });
      const s = await newStack("replication-no-key");
      const error = await s.preview().catch((e: Error) => e);
      expect((error as Error).message).toMatch(
        /property tables value .* has a problem: table dbo\.AuditLog has no primary key; transactional replication refuses it \(sp_addarticle error 14088\)\. Fix: add a primary key to it, or set withoutPrimaryKey: "exclude"/,
      );
      expect(sim.replicationObjects()).toEqual([]);
      expect(sim.calls.calls.filter((c) => /^sp_add|sp_replicationdboption/.test(c.name))).toEqual([]);
    });

    test("an agent that cannot reach the subscriber fails the up with its own message, is never taken as healthy, and retry starts it again once fixed; destroy before cutover then removes every replication object it created on the source and leaves the target's rows", async () => {
      sim.faults.subscriberUnreachable = true;
      const s = await newStack("replication-unreachable");
      const failed = await s.up().catch((e: Error) => e);
      const message = (failed as Error).message;
      expect(message).toMatch(
        /the replication of Sales → SalesDb failed: the Distribution Agent SQL01-Sales-pulumi_sales_Sales-sales-target\.database\.windows\.net-1 failed:/,
      );
      expect(message).toMatch(
        /\[MSSQL_REPL20084\] The process could not connect to Subscriber 'sales-target\.database\.windows\.net'\./,
      );
      expect(message).toMatch(/\[HYT00\] Login timeout expired/);
      expect(message).toMatch(/set retry to 1 to start the agent again/);
      expect(await s.resourceOutputs("ReplicationMigration")).toMatchObject({ phase: "failed", agentStatus: "failed" });

      // The firewall is opened; without retry the failed agent is reported again, not adopted.
      sim.faults.subscriberUnreachable = false;
      const again = await s.up().catch((e: Error) => e);
      expect((again as Error).message).toMatch(/The process could not connect to Subscriber/);
      expect(sim.calls.count("sp_start_job")).toBe(0);

      const retried = await s.up(program({ retry: 1 }));
      expect(retried.outputs.phase!.value).toBe("readyForCutover");
      expect(sim.calls.count("sp_start_job")).toBe(1);
      expect(target.data.get("dbo", "Customers")!.rows).toHaveLength(120);
      recordPassedFault(SUITE, {
        area: "replication",
        injected: "the Distribution Agent cannot connect to the subscriber (ReplicationMigration left failed)",
        expected:
          "the up fails with the agent's own message; the next up reports it again (never healthy); retry: 1 starts the agent once fixed",
      });

      // Destroy before cutover: the source's replication goes, the target's rows stay.
      const rowsBefore = JSON.stringify(target.data.list());
      await s.destroy();
      expect(sim.replicationObjects()).toEqual([]);
      expect(JSON.stringify(target.data.list())).toBe(rowsBefore);
      expect(s.output()).toMatch(
        /deleted the replication of Sales → SalesDb: dropped the subscription.*removed the local distributor.*The target database SalesDb on 127\.0\.0\.1 was left in place with the data it holds/,
      );
      // The target is tidied, not emptied: triggers and constraints back on, replication's procedures gone.
      expect(sim.target.objects.every((o) => !o.disabled)).toBe(true);
      expect(sim.target.procedures.size).toBe(0);
    }, 300_000);
  });
});

/**
 * The whole component flow on one machine for the reliability suites: a fresh local cloud (ARM emulator with the
 * emulated DMS, a source and a target SQL stand-in) per run, the quickstart stack on it through the real engine,
 * and what a run is judged by — its final outputs, the remote objects it created and the target's catalog.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { quickstartProgram, type QuickstartSettings } from "../../examples/quickstart/program";
import { packageRoot } from "../../examples/runner/local-workspace";
import {
  RESOURCE_GROUP,
  startLocalCloud,
  SUBSCRIPTION,
  TARGET,
  type LocalCloud,
} from "../../examples/runner/local-cloud";
import { operateSelfHostedRuntime } from "../../examples/runner/self-hosted-runtime";
import { quickstartSettings } from "../../examples/runner/quickstart-settings";
import { extractCatalog } from "../../provider/sql";
import { objectHashes } from "../../provider/resources/schema-deployment/object-hashes";
import { createTestStack, type TestStack } from "../support/engine";
import type { QueryRequest } from "../../emulator/sql-server";

export interface FlowRun {
  cloud: LocalCloud;
  settings: QuickstartSettings;
  stack: TestStack;
  /** How many times the target ran each deployed DDL batch. */
  ddlRuns: Map<string, number>;
  stop(): Promise<void>;
}

/** A DDL batch a schema deployment sent (not a catalog/verify/validation read, not the driver's session setup). */
export function isDeployedDdl(request: Pick<QueryRequest, "kind" | "sql">): boolean {
  return (
    request.kind === "sql-batch" &&
    !/^\/\* (catalog|validate|verify):/.test(request.sql) &&
    !/^\s*set /i.test(request.sql)
  );
}

export async function startFlow(name: string): Promise<FlowRun> {
  const cloud = await startLocalCloud();
  const workDirectory = path.join(packageRoot(), ".work", "reliability-flow", name);
  fs.rmSync(workDirectory, { recursive: true, force: true });
  const quickstart = quickstartSettings(workDirectory, cloud.source.server, cloud.target.server);
  const settings = {
    ...quickstart,
    migration: { ...quickstart.migration, progressLogIntervalSeconds: 0 },
  } as QuickstartSettings;
  const ddlRuns = new Map<string, number>();
  cloud.target.server.use((request) => {
    if (isDeployedDdl(request)) ddlRuns.set(request.sql, (ddlRuns.get(request.sql) ?? 0) + 1);
    return undefined;
  });
  const stack = await createTestStack({ name, program: quickstartProgram(settings), env: cloud.armEnv });
  return {
    cloud,
    settings,
    stack,
    ddlRuns,
    stop: async () => {
      await stack.dispose().catch(() => undefined);
      await cloud.stop();
    },
  };
}

/** Runs `work` while a self-hosted runtime node registers with the service, as an operator would. */
export async function withRuntimeOperator<T>(run: FlowRun, work: () => Promise<T>): Promise<T> {
  const operator = operateSelfHostedRuntime(
    run.cloud.arm,
    { subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP },
    { pollMs: 100 },
  );
  try {
    return await work();
  } finally {
    operator.stop();
  }
}

export function upFlow(run: FlowRun) {
  return withRuntimeOperator(run, () => run.stack.up(quickstartProgram(run.settings)));
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** Figures that depend on when and how fast a run went, not on what it did. */
const TIMING_KEYS = /^(duration|throughput)|(seconds|ms)$/i;
/** Each run writes its reports under a folder of its own. */
const RUN_FOLDER = /\/reliability-flow\/[^/]+\//g;

/** Timestamps and timings replaced by placeholders, everything else kept. */
function withoutTimings(value: unknown): unknown {
  if (typeof value === "string")
    return ISO_TIME.test(value) ? "<time>" : value.replace(RUN_FOLDER, "/reliability-flow/<run>/");
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        TIMING_KEYS.test(key) && typeof v === "number" ? "<timing>" : withoutTimings(v),
      ]),
    );
  return value;
}

/**
 * The outputs two runs of the same stack must agree on: paths (which name the run's folder), timestamps and
 * timings left out.
 */
export function comparableOutputs(outputs: Record<string, { value: unknown }>): Record<string, unknown> {
  const report = outputs["report"]?.value as { headline?: string } | undefined;
  return withoutTimings({
    engine: outputs["engine"]?.value,
    serviceName: outputs["serviceName"]?.value,
    phase: outputs["phase"]?.value,
    state: outputs["state"]?.value,
    progress: outputs["progress"]?.value,
    errors: outputs["errors"]?.value,
    integrationRuntimeState: outputs["integrationRuntimeState"]?.value,
    schemaAssessment: outputs["schemaAssessment"]?.value,
    reportHeadline: report?.headline,
  }) as Record<string, unknown>;
}

/** The target's schema objects with their definitions' hashes, read with the real driver. */
export async function targetObjects(run: FlowRun): Promise<Record<string, string>> {
  const server = run.cloud.target.server;
  const model = await extractCatalog({
    server: server.host,
    port: server.port,
    database: "SalesDb",
    authentication: { type: "sql", user: TARGET.userName, password: TARGET.password },
    encrypt: "strict",
    ca: server.caPem,
  });
  return objectHashes(model);
}

/** Remote objects: ARM creates (PUTs) per kind of resource, and how many distinct ones exist. */
export function remoteWrites(run: FlowRun) {
  const log = run.cloud.emulator.requestLog;
  const distinct = (pattern: RegExp) =>
    new Set(
      log
        .read()
        .filter((entry) => entry.method === "PUT" && pattern.test(entry.path))
        .map((entry) => entry.path.toLowerCase()),
    ).size;
  return {
    migrationPuts: log.count("PUT", /\/databaseMigrations\/[^/]+$/i),
    services: distinct(/\/sqlMigrationServices\/[^/]+$/i),
    migrations: distinct(/\/databaseMigrations\/[^/]+$/i),
    ddlRunTwice: [...run.ddlRuns].filter(([, count]) => count > 1).map(([sql]) => sql.split("\n")[0]!),
  };
}

/**
 * What the dynamic provider process loads before a converged `preview` of the quickstart can answer: the
 * implementation modules of its four resources (lazyProvider requires them on the first call) and the SQL driver
 * (the schema-version probe connects to the source). A bare stack's trivial provider loads none of these, so this
 * one-time cost per engine operation is the floor of the quickstart's overhead over the bare stack — the figure
 * that says where the preview's extra time goes.
 *
 * Measured in fresh Node processes that first load @pulumi/pulumi (the provider process has it loaded already),
 * then time each require in the order the engine's first calls load them; the median of `rounds` processes.
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { packageRoot } from "../../examples/runner/local-workspace";

/** In load order: zod first (every resource's input check uses it), then the resources, then the driver. */
export const PROVIDER_LOAD_ORDER = [
  "zod",
  "provider/resources/provider-registration",
  "provider/resources/schema-deployment",
  "provider/resources/sql-migration-service",
  "provider/resources/database-migration",
  "mssql",
] as const;

export interface ProviderLoad {
  /** Milliseconds per module (what it adds on top of those before it), median over the rounds. */
  modulesMs: Record<string, number>;
  totalMs: number;
  rounds: number;
}

/** One fresh process: the time each module adds, in order. */
function loadOnce(root: string): Record<string, number> {
  const script = `
    require("@pulumi/pulumi");
    const path = require("path");
    const times = {};
    for (const name of ${JSON.stringify(PROVIDER_LOAD_ORDER)}) {
      const target = name.startsWith("provider/") ? path.join(${JSON.stringify(path.join(root, "dist"))}, name) : name;
      const start = performance.now();
      require(target);
      times[name] = performance.now() - start;
    }
    process.stdout.write(JSON.stringify(times));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" })) as Record<
    string,
    number
  >;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function measureProviderLoad(rounds = 3): ProviderLoad {
  const root = packageRoot();
  const samples = Array.from({ length: rounds }, () => loadOnce(root));
  const modulesMs: Record<string, number> = {};
  for (const name of PROVIDER_LOAD_ORDER) modulesMs[name] = Math.round(median(samples.map((s) => s[name]!)));
  const totalMs = Math.round(median(samples.map((s) => Object.values(s).reduce((a, t) => a + t, 0))));
  return { modulesMs, totalMs, rounds };
}

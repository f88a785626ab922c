/**
 * What the schema-pipeline measurements add up to: per size, the pipeline a user waits for (extract + assess +
 * script) against its goal, and per step, how its cost grows per doubling of the catalog (2.0 = linear).
 */
import type { Measurement } from "./schema-pipeline";

/** The steps of a pipeline run, in order: extraction, assessment, the script streamed to a file. */
export const PIPELINE_STEPS = ["extract", "assess", "script"] as const;

/** Issue 13's goal for 50k objects on this 2-core machine. */
export const PIPELINE_GOAL = { objects: 50_000, ms: 5_000, peakRssMb: 500 } as const;

export interface PipelineTotal {
  objects: number;
  /** Sum of the steps' wall times. */
  ms: number;
  /** Sum of the steps' CPU times in their own processes (the extract step's: the client's alone). */
  cpuMs: number;
  /** The largest peak RSS of the steps (each step runs in its own process). */
  peakRssMb: number;
  /**
   * The split the issue asks for, when the `assemble` step ran at this size: `ownCpuMs` is this project's code
   * (assemble + assess + script), `driverCpuMs` the rest of the extraction's client CPU (extract − assemble:
   * mssql/tedious, TLS, and their garbage collection). The server's share is in the extract step's counters.
   */
  ownCpuMs?: number;
  driverCpuMs?: number;
}

export interface DoublingRatio {
  step: string;
  from: number;
  to: number;
  /** Growth of the wall time per doubling of the objects: (t2/t1)^(1/log2(n2/n1)); 2.0 is linear. */
  msPerDoubling: number;
  cpuPerDoubling: number;
}

export function pipelineTotals(measurements: readonly Measurement[]): PipelineTotal[] {
  const sizes = [...new Set(measurements.map((m) => m.objects))].sort((a, b) => a - b);
  const totals: PipelineTotal[] = [];
  for (const objects of sizes) {
    const steps = PIPELINE_STEPS.map((name) => measurements.find((m) => m.objects === objects && m.step === name));
    if (steps.some((m) => m === undefined)) continue;
    const present = steps as Measurement[];
    const [extract, assess, script] = present as [Measurement, Measurement, Measurement];
    const assemble = measurements.find((m) => m.objects === objects && m.step === "assemble");
    totals.push({
      objects,
      ms: sum(present.map((m) => m.ms)),
      cpuMs: sum(present.map((m) => m.cpuMs)),
      peakRssMb: Math.max(...present.map((m) => m.peakRssMb)),
      ...(assemble !== undefined
        ? {
            ownCpuMs: assemble.cpuMs + assess.cpuMs + script.cpuMs,
            driverCpuMs: Math.max(0, extract.cpuMs - assemble.cpuMs),
          }
        : {}),
    });
  }
  return totals;
}

export function doublingRatios(measurements: readonly Measurement[]): DoublingRatio[] {
  const ratios: DoublingRatio[] = [];
  const steps = [...new Set(measurements.map((m) => m.step))];
  for (const step of steps) {
    const bySize = measurements.filter((m) => m.step === step).sort((a, b) => a.objects - b.objects);
    for (let i = 1; i < bySize.length; i++) {
      const a = bySize[i - 1]!;
      const b = bySize[i]!;
      ratios.push({
        step,
        from: a.objects,
        to: b.objects,
        msPerDoubling: perDoubling(a.ms, b.ms, a.objects, b.objects),
        cpuPerDoubling: perDoubling(a.cpuMs, b.cpuMs, a.objects, b.objects),
      });
    }
  }
  return ratios;
}

function perDoubling(t1: number, t2: number, n1: number, n2: number): number {
  if (t1 <= 0 || n2 <= n1) return NaN;
  return Math.round((t2 / t1) ** (1 / Math.log2(n2 / n1)) * 100) / 100;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The totals and ratios as text tables for the console (bench/README.md quotes them). */
export function formatSummary(measurements: readonly Measurement[]): string {
  const totals = pipelineTotals(measurements).map(
    (t) =>
      `  ${String(t.objects).padStart(6)} objects: ${t.ms} ms wall, ${t.cpuMs} ms CPU, peak RSS ${t.peakRssMb} MB` +
      (t.ownCpuMs !== undefined
        ? ` (this project's code ${t.ownCpuMs} ms CPU, the driver's ${t.driverCpuMs} ms)`
        : "") +
      (t.objects >= PIPELINE_GOAL.objects * 0.95 && t.objects <= PIPELINE_GOAL.objects * 1.05
        ? ` (goal < ${PIPELINE_GOAL.ms} ms, < ${PIPELINE_GOAL.peakRssMb} MB)`
        : ""),
  );
  const ratios = doublingRatios(measurements).map(
    (r) => `  ${r.step.padEnd(15)} ${r.from} → ${r.to}: ×${r.msPerDoubling} wall, ×${r.cpuPerDoubling} CPU`,
  );
  return [
    `pipeline (${PIPELINE_STEPS.join(" + ")}):`,
    ...totals,
    "growth per doubling of objects (2.0 = linear):",
    ...ratios,
  ].join("\n");
}

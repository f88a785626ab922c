/**
 * The schema pipeline's totals and growth ratios (bench/pipeline-summary.ts), on measurements written here by
 * hand: the figures bench/README.md reports against issue 13's goal come from these functions.
 */
import { doublingRatios, pipelineTotals } from "../../../bench/pipeline-summary";
import type { Measurement } from "../../../bench/schema-pipeline";

function m(step: string, objects: number, ms: number, cpuMs: number, peakRssMb: number): Measurement {
  return { step, objects, ms, cpuMs, peakRssMb, heapDeltaMb: 0, baselineRssMb: 50, note: "" };
}

test("the pipeline is extract + assess + script; the project's own code and the driver's share are told apart", () => {
  const totals = pipelineTotals([
    m("extract", 1000, 400, 300, 120),
    m("assemble", 1000, 60, 50, 130),
    m("assess", 1000, 100, 90, 80),
    m("script", 1000, 200, 180, 100),
    m("generateScript", 1000, 999, 999, 999),
  ]);
  expect(totals).toEqual([
    // The extraction's client CPU (300) is the driver's 250 and the assembly's 50; the server is not in it.
    { objects: 1000, ms: 700, cpuMs: 570, peakRssMb: 120, ownCpuMs: 320, driverCpuMs: 250 },
  ]);
});

test("without the assemble step the split is not claimed; a size missing a pipeline step has no total", () => {
  const totals = pipelineTotals([
    m("extract", 1000, 400, 300, 120),
    m("assess", 1000, 100, 90, 80),
    m("script", 1000, 200, 180, 100),
    m("extract", 2000, 800, 600, 200),
    m("assess", 2000, 200, 180, 90),
  ]);
  expect(totals).toEqual([{ objects: 1000, ms: 700, cpuMs: 570, peakRssMb: 120 }]);
});

test("growth per doubling: 2.0 when the time doubles with the objects, 4.0 when it is quadratic", () => {
  const ratios = doublingRatios([m("assess", 1000, 100, 100, 0), m("assess", 4000, 400, 1600, 0)]);
  expect(ratios).toEqual([{ step: "assess", from: 1000, to: 4000, msPerDoubling: 2, cpuPerDoubling: 4 }]);
});

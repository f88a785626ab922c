/**
 * How fast the simulated Database Migration Service works. Progress happens in ticks on the emulator's
 * clock (a ManualClock in tests, so a test decides when rows move), never on wall time directly.
 */
import { z } from "zod";

export interface SimulationSettings {
  /** Clock time between two ticks of a running task. At least 1 ms, so a perpetual sync can never spin. */
  tickMs: number;
  /** Rows copied per table per tick during a full load. */
  rowsPerTick: number;
  /** Changes applied to the target per database per tick (online tasks, after a table's full load). */
  appliedChangesPerTick: number;
  /** Source writes generated per database per tick while an online task runs (0: only what a test adds). */
  incomingChangesPerTick: number;
}

export const simulationSettingsSchema = z.object({
  tickMs: z.number().int().min(1),
  rowsPerTick: z.number().int().min(1),
  appliedChangesPerTick: z.number().int().min(1),
  incomingChangesPerTick: z.number().int().min(0),
});

/**
 * Defaults: a tick per provisioning step of the emulator (1 ms when steps are instant), 1000 rows and 100
 * changes a tick. The standalone emulator reads EMULATOR_DMS_TICK_MS, EMULATOR_DMS_ROWS_PER_TICK,
 * EMULATOR_DMS_APPLIED_CHANGES_PER_TICK and EMULATOR_DMS_INCOMING_CHANGES_PER_TICK.
 */
export function defaultSimulationSettings(
  provisioningDelayMs: number,
  env: NodeJS.ProcessEnv = process.env,
): SimulationSettings {
  const fromEnv = (name: string) => {
    const raw = env[name];
    return raw === undefined || raw === "" ? undefined : Number(raw);
  };
  return simulationSettingsSchema.parse({
    tickMs: fromEnv("EMULATOR_DMS_TICK_MS") ?? Math.max(1, provisioningDelayMs),
    rowsPerTick: fromEnv("EMULATOR_DMS_ROWS_PER_TICK") ?? 1000,
    appliedChangesPerTick: fromEnv("EMULATOR_DMS_APPLIED_CHANGES_PER_TICK") ?? 100,
    incomingChangesPerTick: fromEnv("EMULATOR_DMS_INCOMING_CHANGES_PER_TICK") ?? 0,
  });
}

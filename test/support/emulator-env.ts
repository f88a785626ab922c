import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { ARM_ENV } from "../../provider/arm";

/** A token the tests give the provider processes; the emulator accepts any token unless configured. */
export const EMULATOR_TOKEN = "emulator-token-for-tests";

/** Starts an in-process emulator with instant state changes (unless told otherwise). */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    provisioningDelayMs: 0,
    registrationDelayMs: 0,
    retryAfterSeconds: 0,
    log: false,
    ...options,
  });
}

/** Environment that points the provider processes at the emulator (endpoint, token, CA) with fast polling. */
export function emulatorEnv(emulator: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [ARM_ENV.endpoint]: emulator.url,
    [ARM_ENV.token]: EMULATOR_TOKEN,
    [ARM_ENV.caFile]: emulator.caFile,
    [ARM_ENV.pollIntervalMs]: "50",
    [ARM_ENV.retryDelayMs]: "100",
    ...extra,
  };
}

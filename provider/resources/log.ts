/**
 * Logging from inside a dynamic provider. @pulumi/pulumi is loaded on first use (never captured in serialized
 * provider code), and messages go to the engine so they show in `pulumi up` output and CI logs.
 */
function pulumiLog(): typeof import("@pulumi/pulumi").log | undefined {
  try {
    return (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).log;
  } catch {
    return undefined;
  }
}

export function logInfo(message: string): void {
  const log = pulumiLog();
  if (log) void log.info(message).catch(() => undefined);
  else console.error(message);
}

export function logWarn(message: string): void {
  const log = pulumiLog();
  if (log) void log.warn(message).catch(() => undefined);
  else console.error(`warning: ${message}`);
}

/**
 * A warning the engine must have before the step ends: awaited, so one written during `check` reaches the
 * preview's output even when the engine shuts the provider down right after.
 */
export async function logWarnDelivered(message: string): Promise<void> {
  const log = pulumiLog();
  if (log) await log.warn(message).catch(() => undefined);
  else console.error(`warning: ${message}`);
}

/**
 * Where ARM is and how to talk to it, read from the environment of the process that runs the provider.
 *
 * The environment (not resource inputs) is the one place for this because the same stack must run unchanged
 * against Azure and against the project's emulator, and because a static token is a secret that must never be
 * captured in a serialized dynamic provider or written into state.
 */
export interface ArmSettings {
  /** Base URL of Azure Resource Manager, without a trailing slash. */
  endpoint: string;
  /** OAuth scope requested from the credential. */
  scope: string;
  /** A fixed bearer token (emulator or pre-acquired token); when absent, DefaultAzureCredential is used. */
  staticToken?: string;
  /** PEM file of an extra certificate authority to trust (the emulator's CA), in addition to the system ones. */
  caFile?: string;
  /** How many times a throttled (429), unavailable (5xx) or dropped request is retried. */
  maxRetries: number;
  /** First back-off delay when the server gives no Retry-After. */
  retryDelayMs: number;
  /** Longest back-off delay the client accepts between two retries. */
  maxRetryDelayMs: number;
  /** Poll interval for long-running operations when the server gives no Retry-After. */
  pollIntervalMs: number;
}

export const ENV = {
  endpoint: "AZURE_SQL_MIGRATION_ARM_ENDPOINT",
  token: "AZURE_SQL_MIGRATION_ARM_TOKEN",
  caFile: "AZURE_SQL_MIGRATION_ARM_CA_FILE",
  maxRetries: "AZURE_SQL_MIGRATION_ARM_MAX_RETRIES",
  retryDelayMs: "AZURE_SQL_MIGRATION_ARM_RETRY_DELAY_MS",
  pollIntervalMs: "AZURE_SQL_MIGRATION_ARM_POLL_INTERVAL_MS",
} as const;

const PUBLIC_CLOUD = "https://management.azure.com";

function nonNegativeInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

export function readArmSettings(env: NodeJS.ProcessEnv = process.env): ArmSettings {
  const endpoint = (env[ENV.endpoint] || PUBLIC_CLOUD).replace(/\/+$/, "");
  if (!/^https:\/\//i.test(endpoint)) {
    // Bearer tokens must never travel over plain HTTP; Azure's own pipeline refuses it too.
    throw new Error(`${ENV.endpoint} must be an https:// URL, got "${endpoint}"`);
  }
  return {
    endpoint,
    // Tokens for ARM are always issued for the public management audience, also when a custom endpoint is used.
    scope: `${PUBLIC_CLOUD}/.default`,
    staticToken: env[ENV.token] || undefined,
    caFile: env[ENV.caFile] || undefined,
    maxRetries: nonNegativeInt(env, ENV.maxRetries, 6),
    retryDelayMs: nonNegativeInt(env, ENV.retryDelayMs, 1000),
    maxRetryDelayMs: 60_000,
    pollIntervalMs: nonNegativeInt(env, ENV.pollIntervalMs, 5000),
  };
}

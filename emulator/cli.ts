#!/usr/bin/env node
/**
 * Runs the ARM emulator as a standalone process (`npm run emulator`).
 *
 *   node dist/emulator/cli.js [--port 8443] [--host 127.0.0.1] [--tls-dir DIR]
 *     [--provisioning-delay-ms 500] [--registration-delay-ms 1000] [--retry-after-seconds 1]
 *     [--accepted-token TOKEN ...] [--registered-provider Microsoft.DataMigration ...]
 *
 * Every flag has an environment variable: EMULATOR_PORT, EMULATOR_HOST, EMULATOR_TLS_DIR,
 * EMULATOR_PROVISIONING_DELAY_MS, EMULATOR_REGISTRATION_DELAY_MS, EMULATOR_RETRY_AFTER_SECONDS,
 * EMULATOR_ACCEPTED_TOKENS and EMULATOR_REGISTERED_PROVIDERS (comma-separated). Flags win.
 * Prints the URL and the CA file (for NODE_EXTRA_CA_CERTS); stops on SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./start-emulator";

function numberFrom(flag: string | undefined, env: string | undefined, name: string): number | undefined {
  const raw = flag ?? env;
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got '${raw}'`);
  return value;
}

function listFrom(flag: string[] | undefined, env: string | undefined): string[] | undefined {
  if (flag && flag.length > 0) return flag;
  const items = (env ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "tls-dir": { type: "string" },
      "provisioning-delay-ms": { type: "string" },
      "registration-delay-ms": { type: "string" },
      "retry-after-seconds": { type: "string" },
      "accepted-token": { type: "string", multiple: true },
      "registered-provider": { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(
      "Usage: emulator [--port N] [--host H] [--tls-dir DIR] [--provisioning-delay-ms N] [--registration-delay-ms N]\n" +
        "                [--retry-after-seconds N] [--accepted-token T ...] [--registered-provider NS ...]\n",
    );
    return;
  }
  const env = process.env;
  const emulator = await startEmulator({
    port: numberFrom(values.port, env["EMULATOR_PORT"], "port"),
    host: values.host ?? env["EMULATOR_HOST"],
    tlsDir: values["tls-dir"] ?? env["EMULATOR_TLS_DIR"],
    provisioningDelayMs: numberFrom(
      values["provisioning-delay-ms"],
      env["EMULATOR_PROVISIONING_DELAY_MS"],
      "provisioning-delay-ms",
    ),
    registrationDelayMs: numberFrom(
      values["registration-delay-ms"],
      env["EMULATOR_REGISTRATION_DELAY_MS"],
      "registration-delay-ms",
    ),
    retryAfterSeconds: numberFrom(
      values["retry-after-seconds"],
      env["EMULATOR_RETRY_AFTER_SECONDS"],
      "retry-after-seconds",
    ),
    acceptedTokens: listFrom(values["accepted-token"], env["EMULATOR_ACCEPTED_TOKENS"]),
    registeredProviders: listFrom(values["registered-provider"], env["EMULATOR_REGISTERED_PROVIDERS"]),
    // Machine-readable lines on stdout, so a parent process can wait for them.
    log: (line) => process.stdout.write(`${line}\n`),
  });

  const shutdown = (signal: string) => {
    process.stdout.write(`ARM emulator stopping (${signal})\n`);
    emulator.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error) => {
  process.stderr.write(`ARM emulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

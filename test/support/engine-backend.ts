/**
 * Reads a test stack's local file backend directly. Every Pulumi CLI run pays the CLI's start and the passphrase
 * secrets manager's key derivation (about half a second of CPU each); after every `up` the Automation API runs
 * three of them (`stack output` twice and `stack history`) only to learn what these files already say. Only what
 * needs no decryption is read from the files; decrypted outputs come from one exported deployment.
 */
import * as fs from "fs";
import * as path from "path";
import type { Deployment, OutputMap, UpdateSummary } from "@pulumi/pulumi/automation";

/** Where one stack lives in a file backend (project layout: `.pulumi/<kind>/<project>/<stack>`). */
export interface BackendStack {
  backendDir: string;
  projectName: string;
  stackName: string;
}

interface StateResource {
  type: string;
  outputs?: Record<string, unknown>;
}

/** The current state file, if an operation wrote one. */
export function stateFilePath(at: BackendStack): string | undefined {
  const file = path.join(at.backendDir, ".pulumi", "stacks", at.projectName, `${at.stackName}.json`);
  return fs.existsSync(file) ? file : undefined;
}

function stateResources(at: BackendStack): StateResource[] {
  const file = stateFilePath(at);
  if (!file) return [];
  const state = JSON.parse(fs.readFileSync(file, "utf8")) as { checkpoint?: { latest?: { resources?: unknown[] } } };
  return (state.checkpoint?.latest?.resources ?? []) as StateResource[];
}

/** Whether state holds anything a destroy would delete (the stack itself and provider references do not count). */
export function hasManagedResources(at: BackendStack): boolean {
  return stateResources(at).some((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"));
}

/**
 * The newest entry of the stack's update history, as `stack history --json --page-size 1` gives it, except that
 * secret config values are left as ciphertext (tests read `resourceChanges` and `result`).
 */
export function latestUpdate(at: BackendStack): UpdateSummary | undefined {
  const dir = path.join(at.backendDir, ".pulumi", "history", at.projectName, at.stackName);
  if (!fs.existsSync(dir)) return undefined;
  // File names are `<stack>-<unix nanoseconds>.history.json`: the largest number is the newest update.
  const updates = fs
    .readdirSync(dir)
    .map((name) => ({ name, at: /-(\d+)\.history\.json$/.exec(name)?.[1] }))
    .filter((entry): entry is { name: string; at: string } => entry.at !== undefined)
    .sort((a, b) => (BigInt(a.at) < BigInt(b.at) ? -1 : 1));
  const newest = updates.at(-1);
  if (!newest) return undefined;
  const info = JSON.parse(fs.readFileSync(path.join(dir, newest.name), "utf8")) as Record<string, unknown>;
  return {
    ...info,
    version: updates.length,
    startTime: new Date(Number(info["startTime"]) * 1000),
    endTime: new Date(Number(info["endTime"]) * 1000),
  } as unknown as UpdateSummary;
}

/** The key Pulumi marks a secret value with in state; an exported (decrypted) one keeps it beside its plaintext. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

function isSecret(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && SECRET_SIGNATURE in value;
}

function revealed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealed);
  if (typeof value !== "object" || value === null) return value;
  if (isSecret(value) && typeof value["plaintext"] === "string") return revealed(JSON.parse(value["plaintext"]));
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revealed(inner)]));
}

/**
 * The stack outputs of a deployment exported with `--show-secrets` (`stack.exportStack()`), as the two
 * `stack output` runs of the Automation API give them: plain values, `secret` set on the secret ones.
 */
export function stackOutputsOf(exported: Deployment): OutputMap {
  const resources = (exported.deployment?.resources ?? []) as StateResource[];
  const root = resources.find((r) => r.type === "pulumi:pulumi:Stack");
  const outputs: OutputMap = {};
  for (const [key, value] of Object.entries(root?.outputs ?? {}))
    outputs[key] = { value: revealed(value), secret: isSecret(value) };
  return outputs;
}

/**
 * The one secret scan every reliability run uses: given the secrets a run used (passwords, keys, tokens) and
 * everything the run left behind — the state file with every backup and history file of the file backend, the
 * engine output (failed operations included), the stack outputs not marked secret, reports and other written
 * files, the emulator's request and response log, the SQL stand-ins' received batches — it counts where each
 * secret appears. A hit is a leak. Requests may carry a credential only in a field the API defines for it (a
 * `password` property, a password parameter), and a response only when the operation exists to return keys
 * (listAuthKeys, regenerateAuthKeys); the scan looks at everything else in them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { recordReliabilityRow } from "./reliability/record";

/** One text the scan reads, with where it came from. */
export interface ScanTarget {
  where: string;
  text: string;
}

export interface SecretScanResult {
  /** What was scanned, one entry per text. */
  scanned: string[];
  /** How many secret values were looked for. */
  values: number;
  /** Each place a secret appeared: its name and where. */
  hits: { secret: string; where: string }[];
}

/** Secrets shorter than this would match by chance (and none of ours is): refusing them keeps the scan honest. */
const SHORTEST_SECRET = 8;

export function scanForSecrets(secrets: Record<string, string | undefined>, targets: ScanTarget[]): SecretScanResult {
  const values = Object.entries(secrets).filter((entry): entry is [string, string] => entry[1] !== undefined);
  for (const [name, value] of values)
    if (value.length < SHORTEST_SECRET) throw new Error(`secret ${name} is too short to scan for reliably`);
  const hits = targets.flatMap((target) =>
    values.filter(([, value]) => target.text.includes(value)).map(([secret]) => ({ secret, where: target.where })),
  );
  return { scanned: targets.map((t) => t.where), values: values.length, hits };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * Every file under a folder: for a file backend that is the state file, its `.bak`, and every backup and history
 * file the engine wrote (`.pulumi/backups`, `.pulumi/history`); for a report folder, every report.
 */
export function filesAsTargets(dir: string, label: string): ScanTarget[] {
  return filesUnder(dir).map((file) => ({
    where: `${label}: ${path.relative(dir, file)}`,
    text: fs.readFileSync(file, "latin1"),
  }));
}

/** Stack outputs as `pulumi stack output` shows them: values marked secret are shown as [secret], so skipped. */
export function outputsAsTarget(outputs: Record<string, { value: unknown; secret: boolean }>): ScanTarget {
  const shown = Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, o.secret ? "[secret]" : o.value]));
  return { where: "stack outputs", text: JSON.stringify(shown) };
}

/** A JSON body without the values of the fields `credentialField` matches (where the API carries a credential). */
function withoutCredentialFields(body: string, credentialField: RegExp): string {
  try {
    return JSON.stringify(JSON.parse(body), (key, value) => (credentialField.test(key) ? "[credential field]" : value));
  } catch {
    return body;
  }
}

/** Operations whose answer is a credential: the keys they return are expected there, and only there. */
const KEY_OPERATIONS = /\/(listAuthKeys|regenerateAuthKeys)$/i;

/** The emulator's log: every request (credential fields aside) and every response body. */
export function emulatorLogAsTargets(emulator: Emulator): ScanTarget[] {
  return emulator.requestLog.read().flatMap((entry, i) => {
    const where = `emulator ${entry.method} ${entry.path} (#${i})`;
    const query = new URLSearchParams(entry.query).toString();
    const response = entry.responseBody ?? "";
    return [
      {
        where: `${where} request`,
        text: `${entry.path}?${query} ${withoutCredentialFields(entry.requestBody ?? "", /password/i)}`,
      },
      {
        where: `${where} response`,
        text: KEY_OPERATIONS.test(entry.path) ? withoutCredentialFields(response, /^authKey[12]$/) : response,
      },
    ];
  });
}

/** Batches a SQL stand-in received: the statement text and its parameters, password parameters aside. */
export function sqlBatchesAsTarget(
  label: string,
  batches: { sql: string; params: Record<string, unknown> }[],
): ScanTarget {
  const text = batches
    .map(
      (b) =>
        `${b.sql}\n${JSON.stringify(b.params, (key, value) =>
          // bigint parameters (replication's job ids, sequence values) have no JSON form of their own.
          /password/i.test(key) ? "[credential parameter]" : typeof value === "bigint" ? value.toString() : value,
        )}`,
    )
    .join("\n");
  return { where: `${label} (${batches.length} batches)`, text };
}

/** Records the scan as a row of the "secrets" matrix and fails (naming each hit) when anything leaked. */
export function expectNoSecrets(run: string, result: SecretScanResult): void {
  recordReliabilityRow({
    matrix: "secrets",
    area: run,
    // The kinds of text, not how many of each: the emulator's log grows with polling, so a count would make the
    // committed row differ from run to run. The counts go to the figures that are not compared.
    injected: `${result.values} secret values looked for in ${kindsScanned(result.scanned).join(", ")}`,
    expected: "0 hits",
    observed: result.hits.length === 0 ? "0 hits" : `${result.hits.length} hits`,
    passed: result.hits.length === 0,
    counts: { scans: 1, hits: result.hits.length },
    measured: { texts: result.scanned.length, values: result.values, hits: result.hits.length },
  });
  if (result.hits.length > 0)
    throw new Error(`secrets leaked in ${run}:\n${result.hits.map((h) => `  ${h.secret} in ${h.where}`).join("\n")}`);
  if (result.scanned.length === 0 || result.values === 0)
    throw new Error(`the secret scan of ${run} looked at nothing`);
}

/** "engine output, file backend, emulator, ..." — the kinds of texts a scan covered (the label before ':' or '#'). */
function kindsScanned(scanned: string[]): string[] {
  const kinds = scanned.map((where) =>
    where
      .split(/[:#(]/)[0]!
      .replace(/ (GET|PUT|POST|PATCH|DELETE) .*/, "")
      .trim(),
  );
  return [...new Set(kinds)];
}

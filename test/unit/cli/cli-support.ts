/**
 * Runs the command line in-process, as `node dist/cli/main.js` would, with its own environment and working
 * folder, and collects what it printed. The environment is only what a test passes (never the test process's).
 */
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "../../../cli/main";
import type { CliIo } from "../../../cli/io";

export const REPO = path.resolve(__dirname, "../../..");
export const QUICKSTART = "examples/quickstart/schema";
export const SAMPLE_DB = "test/fixtures/sample-db";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Stands for the terminal prompt; absent = stdin is not a terminal. */
  readSecret?: CliIo["readSecret"];
}

export async function cli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: options.env ?? {},
    cwd: options.cwd ?? REPO,
    ...(options.readSecret ? { readSecret: options.readSecret } : {}),
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = "cli-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

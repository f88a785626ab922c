/**
 * Runs the Pulumi CLI (and npm, tsc) as a user would, from a project folder, without blocking the event loop: an
 * emulator serving the provider processes may run in the same Jest process. Each run's output is kept, and a
 * failure says what the command printed.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface CommandResult {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Our environment without what `npm test` / `npx` put there about this package (it would leak into a child npm). */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(lifecycle|package)_|^npm_config_(local_prefix|prefix)$|^INIT_CWD$/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
  const started = Date.now();
  const shown = `${command} ${args.join(" ")}`;
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs} ms]`;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 180_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({
        command: shown,
        code: null,
        stdout,
        stderr: `${stderr}${error.message}`,
        seconds: (Date.now() - started) / 1000,
      });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ command: shown, code, stdout, stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Colour codes removed, so messages can be matched as text. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

export function tail(text: string, lines = 40): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** Fails with what the command printed unless it exited with `code`. */
export function expectExit(result: CommandResult, code: number, what = result.command): CommandResult {
  if (result.code !== code) {
    throw new Error(
      `${what}: exit ${result.code}, expected ${code} (${result.seconds.toFixed(1)}s)\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`,
    );
  }
  return result;
}

/**
 * The pulumi-language-nodejs the CLI on PATH will start: the one next to the `pulumi` binary or the first on
 * PATH (the CLI prefers PATH), with whether it is this repository's tools/language-host.
 */
export function languageHostInUse(): { path: string; ours: boolean } | undefined {
  const dirs = (process.env["PATH"] ?? "").split(path.delimiter).filter(Boolean);
  const onPath = dirs.map((d) => path.join(d, "pulumi-language-nodejs")).find((f) => fs.existsSync(f));
  const cli = dirs.map((d) => path.join(d, "pulumi")).find((f) => fs.existsSync(f));
  const bundled = cli ? path.join(path.dirname(fs.realpathSync(cli)), "pulumi-language-nodejs") : undefined;
  const found = onPath ?? (bundled && fs.existsSync(bundled) ? bundled : undefined);
  if (!found) return undefined;
  return { path: found, ours: fs.readFileSync(found).includes("tools/language-host of pulumi-azure-sql-migration") };
}

/** Fails early, saying how to run the test, when no Pulumi CLI is on PATH. */
export function requirePulumiOnPath(): void {
  const dirs = (process.env["PATH"] ?? "").split(path.delimiter).filter(Boolean);
  if (!dirs.some((d) => fs.existsSync(path.join(d, "pulumi")))) {
    throw new Error("no pulumi on PATH: run the tests through `bash scripts/with-pulumi.sh` (npm test does)");
  }
}

/** Every file under `dir`, as [relative path, text]. */
export function filesUnder(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    out.push([path.relative(dir, full), fs.readFileSync(full, "utf8")]);
  }
  return out;
}

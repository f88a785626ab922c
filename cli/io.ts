/**
 * What the command line talks to: output streams, the environment, the working folder and (on a terminal)
 * a password prompt — passed in, so the tests run commands in-process with their own. Also the exit codes,
 * the error type that carries one, file writes that name the file when they fail, and the last line of
 * defence for secrets: every line printed goes through `scrub`, which blanks the password or token in use.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

/** 0: clean; 1: findings over --fail-on (or differences with --fail-on-changes); 2: usage, I/O or connection error. */
export const EXIT_OK = 0;
export const EXIT_FAILED_CHECK = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Relative paths on the command line are resolved against this folder. */
  cwd: string;
  /** Asks for a secret without echoing it; absent when stdin is not a terminal (CI). */
  readSecret?: (prompt: string) => Promise<string>;
}

/** An error the command line reports in one line and ends with `exitCode` (2 unless said otherwise). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_ERROR,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A wrong command line: reported with a pointer to the command's --help. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message, EXIT_ERROR);
    this.name = "UsageError";
  }
}

/** Secrets shorter than this are not blanked in output: replacing every "a" would mangle the output instead. */
const SHORTEST_SCRUBBED_SECRET = 4;

/**
 * Output of one run: stdout and stderr with every secret that run obtained blanked. The password never
 * reaches an output on purpose; this catches an accidental path (a driver message quoting it, say).
 */
export class Console {
  private readonly secrets: string[] = [];

  constructor(readonly io: CliIo) {}

  addSecret(secret: string): void {
    if (secret.length >= SHORTEST_SCRUBBED_SECRET) this.secrets.push(secret);
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join("***");
    return out;
  }

  /** Writes a line (or lines) to stdout. */
  out(text = ""): void {
    this.io.stdout(`${this.scrub(text)}\n`);
  }

  /** Writes a line (or lines) to stderr. */
  err(text: string): void {
    this.io.stderr(`${this.scrub(text)}\n`);
  }

  resolve(file: string): string {
    return path.resolve(this.io.cwd, file);
  }
}

/** Writes a file (creating its folder) through a temporary file and a rename; an error names the file and the flag. */
export async function writeOutputFile(file: string, text: string, flag: string): Promise<void> {
  await writeOutputFileWith(file, flag, async (target) => {
    const temp = `${target}.${process.pid}.tmp`;
    await fs.writeFile(temp, text, "utf8");
    await fs.rename(temp, target);
  });
}

/**
 * Writes a file that `write(file)` produces itself (e.g. a script streamed as it is generated), with the same
 * folder creation and error wording as writeOutputFile. Only file-system errors become "cannot write"; any other
 * error of `write` is passed on as it is.
 */
export async function writeOutputFileWith<T>(
  file: string,
  flag: string,
  write: (file: string) => T | Promise<T>,
): Promise<T> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    return await write(file);
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
    throw new CliError(`${flag} ${file}: cannot write (${describeFsError(error)})`);
  }
}

/** "no such file or folder" rather than "ENOENT: no such file or directory, open '/x'". */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a folder";
    case "ENOTDIR":
    case "EEXIST": // mkdir of a folder where a file is
      return "a part of the path is a file, not a folder";
    default:
      return (error as Error).message;
  }
}

/**
 * Reads a secret from a terminal with echo off: characters are not shown, Backspace deletes, Enter ends,
 * Ctrl-C cancels. Written to stderr so stdout stays clean for the summary.
 */
export function promptSecretOnTerminal(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(prompt);
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.setEncoding("utf8");
    input.resume();
    let value = "";
    const finish = (error?: Error) => {
      input.removeListener("data", onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return finish();
        if (ch === "\u0003") return finish(new CliError("password prompt cancelled"));
        if (ch === "\u007f" || ch === "\b") {
          value = Array.from(value).slice(0, -1).join("");
          continue;
        }
        value += ch;
      }
    };
    input.on("data", onData);
  });
}

/** The io of a real process: its streams and environment; a prompt only when stdin is a terminal. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    ...(process.stdin.isTTY ? { readSecret: (prompt: string) => promptSecretOnTerminal(prompt) } : {}),
  };
}

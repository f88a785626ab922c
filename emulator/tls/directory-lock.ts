/**
 * A cross-process lock on a directory, held while certificates are checked and (re)written.
 *
 * Jest runs test files in parallel workers and each may start an emulator; without the lock two of
 * them could interleave writes and leave a server certificate signed by a CA that is not the one in
 * ca.pem. The lock is a file created exclusively; one left behind by a crashed process is stale after
 * `staleMs` and is taken over.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export function withDirectoryLock<T>(
  directory: string,
  work: () => T,
  options: { timeoutMs?: number; staleMs?: number } = {},
): T {
  const lockFile = path.join(directory, ".lock");
  const timeoutMs = options.timeoutMs ?? 60_000;
  const staleMs = options.staleMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (isStale(lockFile, staleMs)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the lock ${lockFile}`, { cause: error });
      sleepSync(25);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

function isStale(lockFile: string, staleMs: number): boolean {
  try {
    return Date.now() - fs.statSync(lockFile).mtimeMs > staleMs;
  } catch {
    return false; // vanished meanwhile: just retry
  }
}

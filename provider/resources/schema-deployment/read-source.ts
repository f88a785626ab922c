/**
 * Reads the source schema — live database, T-SQL scripts or snapshot — into the model.
 *
 * `check`, `diff` and `create`/`update` all need the source in one engine operation, and the provider process
 * lives for exactly one operation, so each source is read once per process and the read is shared. (A live
 * source is a catalog extraction: reading it three times per `up` would triple the load on the source server.)
 */
import { createHash } from "node:crypto";
import { loadSnapshot, readScripts, type DatabaseModel } from "../../schema";
import { extractCatalog } from "../../sql";
import { describeConnection, type SchemaSourceInput } from "./inputs";
import { stableJson } from "./object-hashes";
import { logWarn } from "../log";

export interface SourceSchema {
  model: DatabaseModel;
  /** Statements the script reader kept but did not understand, one line each (file:line: message). */
  warnings: string[];
}

async function readUncached(source: SchemaSourceInput): Promise<SourceSchema> {
  if (source.connection) {
    const connection = source.connection;
    const onRetry = (error: Error, attempt: number) =>
      logWarn(
        `reading the source ${describeConnection(connection)}: retry ${attempt} after a transient error: ${error.message}`,
      );
    return { model: await extractCatalog(connection, { onRetry }), warnings: [] };
  }
  if (source.scriptPath !== undefined) {
    const read = await readScripts(source.scriptPath);
    return { model: read.model, warnings: read.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`) };
  }
  if (source.snapshotPath !== undefined) return { model: await loadSnapshot(source.snapshotPath), warnings: [] };
  throw new Error("source: must give one of connection, scriptPath or snapshotPath");
}

const reads = new Map<string, Promise<SourceSchema>>();

/** Reads the source, once per provider process; callers must not mutate the model they get. */
export function readSource(source: SchemaSourceInput): Promise<SourceSchema> {
  // Hashed so credentials never sit in a readable key, even in memory dumps of the cache.
  const key = createHash("sha256").update(stableJson(source)).digest("hex");
  let read = reads.get(key);
  if (!read) {
    read = readUncached(source);
    reads.set(key, read);
    // A failed read (source briefly unreachable) must not stick for the rest of the operation.
    read.catch(() => reads.delete(key));
  }
  return read;
}

/** For tests: forget every cached read. */
export function forgetSourceReads(): void {
  reads.clear();
}

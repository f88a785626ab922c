/**
 * Runs a deployment script (the batches produced by provider/schema's script generator) against
 * the target, in order, one batch per request. It stops at the first batch the server rejects and
 * says which object, which batch and what the server answered; a later run resumes from that
 * batch, so a fixed problem does not mean replaying everything before it.
 */
import { withConnection, type SqlConnectionSpec } from "./connection";
import { SqlError } from "./errors";
import type { SqlSession } from "./session";

export interface DeploymentBatch {
  /** Key of the model object the batch creates or alters, e.g. "[Sales].[Orders]". */
  objectKey: string;
  /** What the batch does, e.g. "table", "index", "view" (free text from the generator). */
  kind: string;
  sql: string;
}

export interface DeploymentFailure {
  /** Index of the failing batch in the list. */
  batchIndex: number;
  objectKey: string;
  kind: string;
  /** The server's error, scrubbed of secrets. */
  error: SqlError;
  /** One line for logs: which batch, which object, what the server said. */
  message: string;
}

export interface DeploymentResult {
  /** Index of the first batch not executed: equals batches.length when everything ran. */
  nextBatchIndex: number;
  /** Batches executed by this run. */
  executed: number;
  failure?: DeploymentFailure;
}

export interface DeployOptions {
  /** Resume here (the nextBatchIndex of a previous, failed run). Default 0. */
  fromBatchIndex?: number;
  /** Called after each successful batch, e.g. to log progress. */
  onBatchDone?: (batchIndex: number, batch: DeploymentBatch) => void;
}

/** Executes batches through an open session. Never throws for a server error in a batch: it reports it. */
export async function deployBatchesWithSession(
  session: SqlSession,
  batches: readonly DeploymentBatch[],
  options: DeployOptions = {},
): Promise<DeploymentResult> {
  const start = options.fromBatchIndex ?? 0;
  if (!Number.isInteger(start) || start < 0 || start > batches.length) {
    throw new RangeError(`fromBatchIndex ${start} is outside 0..${batches.length}`);
  }
  for (let index = start; index < batches.length; index++) {
    const batch = batches[index]!;
    try {
      await session.executeBatch(batch.sql);
    } catch (error) {
      if (!(error instanceof SqlError) || error.kind === "connection" || error.kind === "login") throw error;
      const where = `batch ${index + 1} of ${batches.length} (${batch.kind} ${batch.objectKey})`;
      const number = error.number !== undefined ? `error ${error.number}` : "error";
      const line = error.lineNumber !== undefined ? `, line ${error.lineNumber}` : "";
      return {
        nextBatchIndex: index,
        executed: index - start,
        failure: {
          batchIndex: index,
          objectKey: batch.objectKey,
          kind: batch.kind,
          error,
          message: `${where} failed with ${number}${line}: ${error.message}`,
        },
      };
    }
    options.onBatchDone?.(index, batch);
  }
  return { nextBatchIndex: batches.length, executed: batches.length - start };
}

/** Connects, executes the batches from `fromBatchIndex`, disconnects. */
export function deployBatches(
  spec: SqlConnectionSpec,
  batches: readonly DeploymentBatch[],
  options: DeployOptions = {},
): Promise<DeploymentResult> {
  return withConnection(spec, (session) => deployBatchesWithSession(session, batches, options));
}

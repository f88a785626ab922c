/**
 * Runs a deployment script (the batches produced by provider/schema's script generator) against
 * the target, in order, one batch per request. It stops at the first batch the server rejects and
 * says which object, which batch and what the server answered; a later run resumes from that
 * batch, so a fixed problem does not mean replaying everything before it.
 */
import { withConnection, type SqlConnectionSpec } from "./connection";
import { SqlError } from "./errors";
import type { SqlSession } from "./session";
import { isTransientSqlError } from "./transient";

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

/**
 * A batch cut short by a transient error (failover, throttling, a lost connection): whether it took effect is
 * unknown — the server may have run it and lost the reply — so it must not simply be sent again. The caller
 * reads the target and plans the rest from what is there.
 */
export interface DeploymentInterruption {
  batchIndex: number;
  objectKey: string;
  kind: string;
  error: SqlError;
}

export interface DeploymentResult {
  /** Index of the first batch not executed: equals batches.length when everything ran. */
  nextBatchIndex: number;
  /** Batches executed by this run. */
  executed: number;
  failure?: DeploymentFailure;
  /** Set when a transient error stopped the run at nextBatchIndex (that batch's outcome unknown). */
  interrupted?: DeploymentInterruption;
}

export interface DeployOptions {
  /** Resume here (the nextBatchIndex of a previous, failed run). Default 0. */
  fromBatchIndex?: number;
  /** Called after each successful batch, e.g. to log progress. */
  onBatchDone?: (batchIndex: number, batch: DeploymentBatch) => void;
}

/**
 * Executes batches through an open session. Never throws for a server error in a batch: it reports it, as a
 * failure (the server rejected the batch) or an interruption (a transient error; the batch's outcome unknown).
 */
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
      if (isTransientSqlError(error)) {
        const interrupted = {
          batchIndex: index,
          objectKey: batch.objectKey,
          kind: batch.kind,
          error: error as SqlError,
        };
        return { nextBatchIndex: index, executed: index - start, interrupted };
      }
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

/**
 * Connects, executes the batches from `fromBatchIndex`, disconnects. A connection that cannot be opened for a
 * transient reason (a database failing over refuses logins with 40613 or 4060) is an interruption before the
 * first batch: nothing ran, and the caller retries as for any interruption.
 */
export async function deployBatches(
  spec: SqlConnectionSpec,
  batches: readonly DeploymentBatch[],
  options: DeployOptions = {},
): Promise<DeploymentResult> {
  let connected = false;
  try {
    return await withConnection(spec, (session) => {
      connected = true;
      return deployBatchesWithSession(session, batches, options);
    });
  } catch (error) {
    const start = options.fromBatchIndex ?? 0;
    const batch = batches[start];
    if (connected || !batch || !isTransientSqlError(error)) throw error;
    const interrupted = { batchIndex: start, objectKey: batch.objectKey, kind: batch.kind, error: error as SqlError };
    return { nextBatchIndex: start, executed: 0, interrupted };
  }
}

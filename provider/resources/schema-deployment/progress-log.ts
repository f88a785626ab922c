/** Batch progress for the engine log: every batch of a small plan, a line every few seconds of a large one. */
import type { DeploymentBatch } from "../../sql";
import { logInfo } from "../log";

const EVERY_BATCH_UP_TO = 50;
const INTERVAL_MS = 5_000;

export function batchProgressLogger(total: number): (index: number, batch: DeploymentBatch) => void {
  let lastLogged = 0;
  return (index, batch) => {
    const now = Date.now();
    const last = index === total - 1;
    if (total > EVERY_BATCH_UP_TO && !last && now - lastLogged < INTERVAL_MS) return;
    lastLogged = now;
    logInfo(`batch ${index + 1} of ${total} done: ${batch.kind} ${batch.objectKey}`);
  };
}

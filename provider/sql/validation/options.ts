/**
 * How deep a data validation looks, validated with zod so a bad setting fails `pulumi preview` with its path.
 * Shared by every data engine: the current DMS, the classic DMS and replication all validate the same way.
 */
import { z } from "zod";

export const VALIDATION_DEPTHS = ["none", "rowCount", "checksum"] as const;
export type ValidationDepth = (typeof VALIDATION_DEPTHS)[number];

export const ISOLATION_LEVELS = ["readUncommitted", "snapshot", "readCommitted"] as const;
export type IsolationLevel = (typeof ISOLATION_LEVELS)[number];

export const validationOptionsSchema = z.object({
  /** `none`, `rowCount` (default) or `checksum` (an aggregate hash per primary-key range). */
  depth: z.enum(VALIDATION_DEPTHS).default("rowCount"),
  /** `exact` counts with COUNT_BIG (a scan); `metadata` reads sys.partitions (instant, may lag in-flight changes). */
  rowCountMethod: z.enum(["exact", "metadata"]).default("exact"),
  /** Checksum mode: the fraction of key ranges compared (1 = all). */
  sample: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(1),
  /** Checksum mode: rows per key range, so no query reads a whole large table. */
  rowsPerRange: z.number().int().min(1, "must be at least 1").default(1_000_000),
  /** Tables validated at the same time (one connection per side each). */
  parallelism: z.number().int().min(1, "must be at least 1").max(32, "must be at most 32").default(4),
  /**
   * Isolation of the validation reads. `readUncommitted` (default) takes no shared locks, so validation never
   * blocks the source's workload; `snapshot` gives a consistent read where snapshot isolation is enabled.
   */
  isolationLevel: z.enum(ISOLATION_LEVELS).default("readUncommitted"),
  /** Per query. */
  queryTimeoutSeconds: z.number().int().min(1, "must be at least 1").default(600),
  /** Retries of a query that failed with a transient error (throttling, failover, deadlock, lost connection). */
  retries: z.number().int().min(0, "must be 0 or more").max(10, "must be at most 10").default(3),
});

export type ValidationOptions = z.output<typeof validationOptionsSchema>;
export type ValidationOptionsInput = z.input<typeof validationOptionsSchema>;

/**
 * What a migration keeps in state about its tables: counts and totals, and the first few failed tables — a size
 * that does not grow with the table count. Every table's detail goes to the data-move file beside the report
 * (a migration of 5,000 tables would otherwise write megabytes of state at each checkpoint).
 */

/** Failed tables named in state; the data-move file has every table. */
export const FAILED_TABLES_IN_STATE = 10;

export interface TableSummary {
  /** How many tables the run has. */
  tables: number;
  /** How many tables are in each state (the service's words: Succeeded, Copying, Failed…). */
  byState: Record<string, number>;
  rowsCopied: number;
  /** The first failed tables, in the service's order. */
  failedTables: { table: string; state: string; rowsCopied: number }[];
  /** Failed tables beyond those listed. */
  moreFailedTables: number;
}

interface TableLike {
  table: string;
  status: string;
  rowsCopied: number;
}

const FAILED = /^(Failed|Error|Errored|Canceled|Cancelled)$/i;

export function summarizeTables(tables: readonly TableLike[]): TableSummary {
  const byState: Record<string, number> = {};
  for (const t of tables) byState[t.status] = (byState[t.status] ?? 0) + 1;
  const failed = tables.filter((t) => FAILED.test(t.status));
  return {
    tables: tables.length,
    byState,
    rowsCopied: tables.reduce((sum, t) => sum + t.rowsCopied, 0),
    failedTables: failed
      .slice(0, FAILED_TABLES_IN_STATE)
      .map((t) => ({ table: t.table, state: t.status, rowsCopied: t.rowsCopied })),
    moreFailedTables: Math.max(0, failed.length - FAILED_TABLES_IN_STATE),
  };
}

/** Messages kept in state: the first ones and a count of the rest (one per failed table could be thousands). */
export const MESSAGES_IN_STATE = 20;

export function boundedMessages(messages: readonly string[]): string[] {
  return messages.length > MESSAGES_IN_STATE
    ? [
        ...messages.slice(0, MESSAGES_IN_STATE),
        `…and ${messages.length - MESSAGES_IN_STATE} more (see the data-move file)`,
      ]
    : [...messages];
}

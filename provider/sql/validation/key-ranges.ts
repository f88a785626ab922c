/**
 * Splitting a table into key ranges for checksums, so no query reads a large table whole:
 *  - an integer leading key column is cut into equal-width ranges between its lowest and highest value (two
 *    index seeks, then one query per compared range — so a sample skips the others entirely);
 *  - any other key type is walked: each boundary is the highest of the next `rowsPerRange` key values, read
 *    from the source's index (the key column only), and the same boundaries are used on the target.
 * Ranges split on the leading key column only; rows sharing its value always land in the same range.
 */

/** Key types cut arithmetically; values travel as bigint. */
export const INTEGER_KEY_TYPES: ReadonlySet<string> = new Set(["tinyint", "smallint", "int", "bigint"]);

/** Key types a walk can carry as parameters, with the parameter type used. */
export const WALKABLE_KEY_TYPES: Readonly<
  Record<string, "nvarchar" | "varchar" | "datetime2" | "uniqueidentifier" | "decimal">
> = {
  nvarchar: "nvarchar",
  nchar: "nvarchar",
  varchar: "varchar",
  char: "varchar",
  date: "datetime2",
  datetime: "datetime2",
  datetime2: "datetime2",
  smalldatetime: "datetime2",
  uniqueidentifier: "uniqueidentifier",
  decimal: "decimal",
  numeric: "decimal",
};

export interface IntegerRange {
  /** Inclusive. */
  low: bigint;
  /** Inclusive. */
  high: bigint;
}

/** Equal-width ranges covering [low, high], about `rowsPerRange` rows each for `rowCount` rows. */
export function integerRanges(low: bigint, high: bigint, rowCount: number, rowsPerRange: number): IntegerRange[] {
  const count = BigInt(Math.max(1, Math.ceil(rowCount / rowsPerRange)));
  const span = high - low + 1n;
  const width = span / count + (span % count === 0n ? 0n : 1n);
  const ranges: IntegerRange[] = [];
  for (let start = low; start <= high; start += width) {
    const end = start + width - 1n;
    ranges.push({ low: start, high: end > high ? high : end });
  }
  return ranges;
}

/**
 * Which ranges a sample compares: a deterministic spread (the same ones at every run, so a re-validation
 * looks where the last one did), always at least one when anything is sampled.
 */
export function sampledIndexes(total: number, sample: number): number[] {
  if (total === 0 || sample <= 0) return [];
  if (sample >= 1) return Array.from({ length: total }, (_, i) => i);
  const wanted = Math.max(1, Math.round(total * sample));
  const step = total / wanted;
  return Array.from({ length: wanted }, (_, i) => Math.min(total - 1, Math.floor(i * step)));
}

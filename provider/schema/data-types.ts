/**
 * Conversions between declared T-SQL types (`nvarchar(50)`, `decimal(10, 2)`, `datetime2(3)`) and the catalog
 * representation the model uses (sys.columns max_length / precision / scale). Declared → catalog is used by
 * the script reader, catalog → declared by the script generator, and both by schema compare.
 */
import { quoteName } from "./quote";

export interface TypeSize {
  maxLength: number;
  precision: number;
  scale: number;
}

export interface TypeRef extends TypeSize {
  typeName: string;
  typeSchema?: string;
}

/** Fixed-size system types: max_length, precision, scale as sys.types reports them. */
const FIXED: Record<string, TypeSize> = {
  bit: { maxLength: 1, precision: 1, scale: 0 },
  tinyint: { maxLength: 1, precision: 3, scale: 0 },
  smallint: { maxLength: 2, precision: 5, scale: 0 },
  int: { maxLength: 4, precision: 10, scale: 0 },
  bigint: { maxLength: 8, precision: 19, scale: 0 },
  smallmoney: { maxLength: 4, precision: 10, scale: 4 },
  money: { maxLength: 8, precision: 19, scale: 4 },
  real: { maxLength: 4, precision: 24, scale: 0 },
  date: { maxLength: 3, precision: 10, scale: 0 },
  smalldatetime: { maxLength: 4, precision: 16, scale: 0 },
  datetime: { maxLength: 8, precision: 23, scale: 3 },
  uniqueidentifier: { maxLength: 16, precision: 0, scale: 0 },
  text: { maxLength: 16, precision: 0, scale: 0 },
  ntext: { maxLength: 16, precision: 0, scale: 0 },
  image: { maxLength: 16, precision: 0, scale: 0 },
  xml: { maxLength: -1, precision: 0, scale: 0 },
  sql_variant: { maxLength: 8016, precision: 0, scale: 0 },
  timestamp: { maxLength: 8, precision: 0, scale: 0 },
  rowversion: { maxLength: 8, precision: 0, scale: 0 },
  hierarchyid: { maxLength: 892, precision: 0, scale: 0 },
  geography: { maxLength: -1, precision: 0, scale: 0 },
  geometry: { maxLength: -1, precision: 0, scale: 0 },
  sysname: { maxLength: 256, precision: 0, scale: 0 },
};

const SINGLE_BYTE_STRINGS = new Set(["char", "varchar", "binary", "varbinary"]);
const DOUBLE_BYTE_STRINGS = new Set(["nchar", "nvarchar"]);
const EXACT_NUMERICS = new Set(["decimal", "numeric"]);
/** Types with a fractional-seconds scale and the precision of scale 0. */
const SCALED_TIMES: Record<string, { basePrecision: number; bytes: (scale: number) => number }> = {
  time: { basePrecision: 8, bytes: (s) => (s <= 2 ? 3 : s <= 4 ? 4 : 5) },
  datetime2: { basePrecision: 19, bytes: (s) => (s <= 2 ? 6 : s <= 4 ? 7 : 8) },
  datetimeoffset: { basePrecision: 26, bytes: (s) => (s <= 2 ? 8 : s <= 4 ? 9 : 10) },
};

/** All system type names known to the reader (a name not here, or schema-qualified, is a user type). */
export function isSystemType(name: string): boolean {
  const n = name.toLowerCase();
  return (
    n in FIXED ||
    SINGLE_BYTE_STRINGS.has(n) ||
    DOUBLE_BYTE_STRINGS.has(n) ||
    EXACT_NUMERICS.has(n) ||
    n in SCALED_TIMES ||
    n === "float"
  );
}

/**
 * Catalog sizes of a declared system type. `args` are the raw arguments inside the parentheses
 * (`["50"]`, `["max"]`, `["10", "2"]`), empty when none were given.
 */
export function sizeOfDeclaredType(typeName: string, args: string[]): TypeSize {
  const n = typeName.toLowerCase();
  const num = (i: number, fallback: number): number => (args[i] === undefined ? fallback : Number(args[i]));
  const isMax = args[0]?.toLowerCase() === "max";
  if (SINGLE_BYTE_STRINGS.has(n)) return { maxLength: isMax ? -1 : num(0, 1), precision: 0, scale: 0 };
  if (DOUBLE_BYTE_STRINGS.has(n)) return { maxLength: isMax ? -1 : num(0, 1) * 2, precision: 0, scale: 0 };
  if (EXACT_NUMERICS.has(n)) {
    const precision = num(0, 18);
    return { maxLength: decimalBytes(precision), precision, scale: num(1, 0) };
  }
  if (n === "float") {
    const bits = num(0, 53);
    return bits <= 24 ? { maxLength: 4, precision: 24, scale: 0 } : { maxLength: 8, precision: 53, scale: 0 };
  }
  const timed = SCALED_TIMES[n];
  if (timed !== undefined) {
    const scale = num(0, 7);
    return { maxLength: timed.bytes(scale), precision: timed.basePrecision + (scale > 0 ? scale + 1 : 0), scale };
  }
  return FIXED[n] ?? { maxLength: 0, precision: 0, scale: 0 };
}

function decimalBytes(precision: number): number {
  return precision <= 9 ? 5 : precision <= 19 ? 9 : precision <= 28 ? 13 : 17;
}

/** The declaration of a type for DDL: `[nvarchar](50)`, `[decimal](10, 2)`, `[dbo].[Phone]`. */
export function formatDataType(t: TypeRef): string {
  if (t.typeSchema !== undefined) return `${quoteName(t.typeSchema)}.${quoteName(t.typeName)}`;
  const n = t.typeName.toLowerCase();
  const name = quoteName(n);
  if (SINGLE_BYTE_STRINGS.has(n)) return `${name}(${t.maxLength === -1 ? "max" : t.maxLength})`;
  if (DOUBLE_BYTE_STRINGS.has(n)) return `${name}(${t.maxLength === -1 ? "max" : t.maxLength / 2})`;
  if (EXACT_NUMERICS.has(n)) return `${name}(${t.precision}, ${t.scale})`;
  if (n === "float") return t.precision === 53 ? name : `${name}(${t.precision})`;
  if (n in SCALED_TIMES) return `${name}(${t.scale})`;
  return name;
}

/** Character or byte capacity used to decide whether a change narrows a column (-1 = max). */
function capacity(t: TypeRef): number {
  const n = t.typeName.toLowerCase();
  if (t.maxLength === -1) return Number.POSITIVE_INFINITY;
  if (DOUBLE_BYTE_STRINGS.has(n)) return t.maxLength / 2;
  return t.maxLength;
}

/**
 * True when changing a column from `from` to `to` could lose data: a different base type, fewer characters
 * or bytes, fewer integer digits, fewer decimal places, or less fractional-second precision.
 */
export function isNarrowing(from: TypeRef, to: TypeRef): boolean {
  const a = from.typeName.toLowerCase();
  const b = to.typeName.toLowerCase();
  if (from.typeSchema !== to.typeSchema) return true;
  if (a !== b) {
    if (!isSafeWidening(a, b)) return true;
    if (SINGLE_BYTE_STRINGS.has(a)) return capacity(to) < capacity(from);
    // datetime keeps milliseconds: datetime2 below scale 3 rounds them away.
    if (a === "datetime" && b === "datetime2") return to.scale < 3;
    return false;
  }
  if (SINGLE_BYTE_STRINGS.has(a) || DOUBLE_BYTE_STRINGS.has(a)) return capacity(to) < capacity(from);
  if (EXACT_NUMERICS.has(a)) return to.scale < from.scale || to.precision - to.scale < from.precision - from.scale;
  if (a in SCALED_TIMES || a === "float") return to.scale < from.scale || to.precision < from.precision;
  return false;
}

/** Type changes that can never lose data (integer widening, varchar → nvarchar). */
const WIDENINGS: Record<string, string[]> = {
  tinyint: ["smallint", "int", "bigint"],
  smallint: ["int", "bigint"],
  int: ["bigint"],
  smalldatetime: ["datetime", "datetime2"],
  datetime: ["datetime2"],
  char: ["nchar"],
  varchar: ["nvarchar"],
  real: ["float"],
};

function isSafeWidening(from: string, to: string): boolean {
  return WIDENINGS[from]?.includes(to) ?? false;
}

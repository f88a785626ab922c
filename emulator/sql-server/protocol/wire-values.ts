/**
 * Conversions shared by both directions of the wire: GUID byte order, the day/tick arithmetic of
 * the date and time types, and scaled decimals.
 */

/** Days from 0001-01-01 (the epoch of date/datetime2) to 1970-01-01. */
export const DAYS_FROM_YEAR_ONE_TO_UNIX_EPOCH = 719162;
/** Days from 1900-01-01 (the epoch of datetime) to 1970-01-01. */
export const DAYS_FROM_1900_TO_UNIX_EPOCH = 25567;
export const MS_PER_DAY = 86_400_000;

/**
 * SQL Server stores a uniqueidentifier with its first three groups little-endian: the bytes of
 * 00112233-4455-6677-8899-aabbccddeeff go over the wire as 33 22 11 00 55 44 77 66 88 99 ...
 */
export function guidToBytes(guid: string): Buffer {
  const hex = guid.replace(/[{}-]/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`not a uniqueidentifier: ${guid}`);
  const raw = Buffer.from(hex, "hex");
  return Buffer.concat([
    Buffer.from(raw.subarray(0, 4)).reverse(),
    Buffer.from(raw.subarray(4, 6)).reverse(),
    Buffer.from(raw.subarray(6, 8)).reverse(),
    raw.subarray(8),
  ]);
}

export function bytesToGuid(bytes: Buffer): string {
  const raw = Buffer.concat([
    Buffer.from(bytes.subarray(0, 4)).reverse(),
    Buffer.from(bytes.subarray(4, 6)).reverse(),
    Buffer.from(bytes.subarray(6, 8)).reverse(),
    bytes.subarray(8, 16),
  ]).toString("hex");
  return `${raw.slice(0, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}-${raw.slice(16, 20)}-${raw.slice(20)}`.toUpperCase();
}

/** Bytes the time part of time/datetime2/datetimeoffset takes for a fractional-second scale. */
export function timeByteLength(scale: number): number {
  if (scale <= 2) return 3;
  if (scale <= 4) return 4;
  return 5;
}

/** Little-endian unsigned integer of `length` bytes from a non-negative bigint. */
export function uintToBytes(value: bigint, length: number): Buffer {
  const out = Buffer.alloc(length);
  let rest = value;
  for (let i = 0; i < length; i++) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

export function bytesToUint(bytes: Buffer): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

/** "-12.345" at scale 2 → -1235n (rounded half away from zero, as SQL Server converts). */
export function decimalToScaledInteger(value: string | number | bigint, scale: number): bigint {
  const text = typeof value === "number" ? value.toFixed(Math.min(scale + 1, 20)) : String(value);
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new TypeError(`not a decimal: ${text}`);
  const negative = match[1] === "-";
  const whole = match[2] || "0";
  const fraction = (match[3] ?? "").padEnd(scale + 1, "0");
  let scaled = BigInt(whole + fraction.slice(0, scale));
  if (Number(fraction[scale]) >= 5) scaled += 1n;
  return negative ? -scaled : scaled;
}

export function scaledIntegerToDecimal(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Bytes of the magnitude of decimal/numeric for a precision (MS-TDS 2.2.5.5.1.6). */
export function decimalMagnitudeLength(precision: number): number {
  if (precision <= 9) return 4;
  if (precision <= 19) return 8;
  if (precision <= 28) return 12;
  return 16;
}

/**
 * The server → client half of the data types: TYPE_INFO for COLMETADATA (MS-TDS 2.2.5.6) and
 * the TYPE_VARBYTE value encoding inside ROW tokens (MS-TDS 2.2.5.2.3). Only the types the
 * project's SQL layer reads are supported; anything else fails loudly at encode time.
 */
import { BufferWriter } from "./buffer-writer";
import {
  DAYS_FROM_YEAR_ONE_TO_UNIX_EPOCH,
  MS_PER_DAY,
  decimalMagnitudeLength,
  decimalToScaledInteger,
  guidToBytes,
  timeByteLength,
  uintToBytes,
} from "./wire-values";

export type ColumnType =
  | { type: "int" }
  | { type: "bigint" }
  | { type: "smallint" }
  | { type: "tinyint" }
  | { type: "bit" }
  | { type: "float" }
  | { type: "nvarchar"; length?: number | "max" }
  | { type: "varchar"; length?: number | "max" }
  | { type: "varbinary"; length?: number | "max" }
  | { type: "decimal" | "numeric"; precision: number; scale: number }
  | { type: "datetime2"; scale?: number }
  | { type: "uniqueidentifier" };

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** Defaults to true: catalog columns are mostly nullable and tedious does not care. */
  nullable?: boolean;
}

/** A cell: null for NULL; otherwise a JS value that fits the column's type. */
export type CellValue = null | undefined | number | bigint | string | boolean | Date | Buffer;

const TypeId = {
  IntN: 0x26,
  BitN: 0x68,
  FloatN: 0x6d,
  DecimalN: 0x6a,
  NumericN: 0x6c,
  DateTime2N: 0x2a,
  GuidN: 0x24,
  BigVarBinary: 0xa5,
  BigVarChar: 0xa7,
  NVarChar: 0xe7,
} as const;

/** SQL_Latin1_General_CP1_CI_AS: LCID 0x0409, case-insensitive flags, sort id 52. */
export const DEFAULT_COLLATION = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]);
const PLP_MARKER = 0xffff;
const PLP_NULL = 0xffffffffffffffffn;
const PLP_CHUNK = 8000;
const COLUMN_FLAG_NULLABLE = 0x0001;

function intLength(type: ColumnType["type"]): number {
  switch (type) {
    case "tinyint":
      return 1;
    case "smallint":
      return 2;
    case "int":
      return 4;
    default:
      return 8;
  }
}

/** Maximum length in bytes announced in TYPE_INFO, or PLP_MARKER for the (max) types. */
function maxByteLength(column: { type: "nvarchar" | "varchar" | "varbinary"; length?: number | "max" }): number {
  const declared = column.length ?? (column.type === "nvarchar" ? 4000 : 8000);
  if (declared === "max") return PLP_MARKER;
  return column.type === "nvarchar" ? declared * 2 : declared;
}

export function writeColumnMetadata(writer: BufferWriter, column: ColumnSpec): void {
  writer.uint32le(0); // UserType
  writer.uint16le(column.nullable === false ? 0 : COLUMN_FLAG_NULLABLE);
  writeTypeInfo(writer, column.type);
  writer.bVarchar(column.name);
}

function writeTypeInfo(writer: BufferWriter, column: ColumnType): void {
  switch (column.type) {
    case "int":
    case "bigint":
    case "smallint":
    case "tinyint":
      writer.uint8(TypeId.IntN).uint8(intLength(column.type));
      return;
    case "bit":
      writer.uint8(TypeId.BitN).uint8(1);
      return;
    case "float":
      writer.uint8(TypeId.FloatN).uint8(8);
      return;
    case "nvarchar":
      writer.uint8(TypeId.NVarChar).uint16le(maxByteLength(column)).bytes(DEFAULT_COLLATION);
      return;
    case "varchar":
      writer.uint8(TypeId.BigVarChar).uint16le(maxByteLength(column)).bytes(DEFAULT_COLLATION);
      return;
    case "varbinary":
      writer.uint8(TypeId.BigVarBinary).uint16le(maxByteLength(column));
      return;
    case "decimal":
    case "numeric":
      writer
        .uint8(column.type === "decimal" ? TypeId.DecimalN : TypeId.NumericN)
        .uint8(1 + decimalMagnitudeLength(column.precision))
        .uint8(column.precision)
        .uint8(column.scale);
      return;
    case "datetime2":
      writer.uint8(TypeId.DateTime2N).uint8(column.scale ?? 7);
      return;
    case "uniqueidentifier":
      writer.uint8(TypeId.GuidN).uint8(16);
      return;
  }
}

// Longer than ~80 lines on purpose: one short case per TDS column type, as MS-TDS lists them, so the encodings read
// side by side.
export function writeCell(writer: BufferWriter, column: ColumnSpec, value: CellValue): void {
  const type = column.type;
  const isNull = value === null || value === undefined;
  switch (type.type) {
    case "int":
    case "bigint":
    case "smallint":
    case "tinyint": {
      if (isNull) return void writer.uint8(0);
      const length = intLength(type.type);
      if (typeof value === "number" && Number.isSafeInteger(value)) return writeSmallInteger(writer, length, value);
      const integer = BigInt(value as number | bigint | string);
      const bytes = Buffer.alloc(length);
      if (length === 1) bytes.writeUInt8(Number(integer));
      else if (length === 2) bytes.writeInt16LE(Number(integer));
      else if (length === 4) bytes.writeInt32LE(Number(integer));
      else bytes.writeBigInt64LE(integer);
      writer.uint8(length).bytes(bytes);
      return;
    }
    case "bit":
      if (isNull) return void writer.uint8(0);
      writer.uint8(1).uint8(value ? 1 : 0);
      return;
    case "float":
      if (isNull) return void writer.uint8(0);
      writer.uint8(8).doublele(Number(value));
      return;
    case "nvarchar": {
      // Encoded in place, without an intermediate Buffer: most cells of catalog result sets are nvarchar.
      const max = maxByteLength(type);
      if (max === PLP_MARKER) return isNull ? writePlp(writer, undefined) : writePlpText(writer, String(value));
      if (isNull) return void writer.uint16le(0xffff);
      const text = String(value);
      if (text.length * 2 > max) throw new RangeError(`value of ${column.name} longer than its declared length`);
      writer.uint16le(text.length * 2).utf16le(text);
      return;
    }
    case "varchar":
    case "varbinary": {
      const data = isNull ? undefined : toBytes(type.type, value);
      if (maxByteLength(type) === PLP_MARKER) writePlp(writer, data);
      else if (data === undefined) writer.uint16le(0xffff);
      else {
        if (data.length > maxByteLength(type))
          throw new RangeError(`value of ${column.name} longer than its declared length`);
        writer.uint16le(data.length).bytes(data);
      }
      return;
    }
    case "decimal":
    case "numeric": {
      if (isNull) return void writer.uint8(0);
      const scaled = decimalToScaledInteger(value as string | number | bigint, type.scale);
      const length = decimalMagnitudeLength(type.precision);
      writer
        .uint8(1 + length)
        .uint8(scaled < 0n ? 0 : 1)
        .bytes(uintToBytes(scaled < 0n ? -scaled : scaled, length));
      return;
    }
    case "datetime2": {
      if (isNull) return void writer.uint8(0);
      const scale = type.scale ?? 7;
      const date = value instanceof Date ? value : new Date(value as string | number);
      const epochMs = date.getTime();
      const days = Math.floor(epochMs / MS_PER_DAY);
      const msOfDay = epochMs - days * MS_PER_DAY;
      // Milliseconds are all a JS Date has; scale them to the column's fractional precision.
      const ticks =
        scale >= 3 ? BigInt(msOfDay) * 10n ** BigInt(scale - 3) : BigInt(Math.floor(msOfDay / 10 ** (3 - scale)));
      const timeLength = timeByteLength(scale);
      writer
        .uint8(timeLength + 3)
        .bytes(uintToBytes(ticks, timeLength))
        .bytes(uintToBytes(BigInt(days + DAYS_FROM_YEAR_ONE_TO_UNIX_EPOCH), 3));
      return;
    }
    case "uniqueidentifier":
      if (isNull) return void writer.uint8(0);
      writer.uint8(16).bytes(guidToBytes(String(value)));
      return;
  }
}

function toBytes(type: "nvarchar" | "varchar" | "varbinary", value: CellValue): Buffer {
  if (type === "varbinary") {
    if (!Buffer.isBuffer(value)) throw new TypeError("varbinary cells must be Buffers");
    return value;
  }
  // varchar travels in the column collation's code page (1252 here); latin1 is its close cousin.
  return Buffer.from(String(value), type === "nvarchar" ? "utf16le" : "latin1");
}

/** An integer cell of 1, 2, 4 or 8 bytes written in place; the same bytes as the BigInt path for safe integers. */
function writeSmallInteger(writer: BufferWriter, length: number, value: number): void {
  writer.uint8(length);
  if (length === 1) writer.uint8(value);
  else if (length === 2) writer.int16le(value);
  else if (length === 4) writer.int32le(value);
  else writer.bigInt64le(BigInt(value));
}

/** nvarchar(max) text as PLP, encoded in place, chunked exactly like writePlp (PLP_CHUNK bytes). */
function writePlpText(writer: BufferWriter, text: string): void {
  const chunkChars = PLP_CHUNK / 2;
  writer.bigUint64le(BigInt(text.length * 2));
  for (let offset = 0; offset < text.length; offset += chunkChars) {
    const chunk = text.length <= chunkChars ? text : text.slice(offset, offset + chunkChars);
    writer.uint32le(chunk.length * 2).utf16le(chunk);
  }
  writer.uint32le(0);
}

/** Partially length-prefixed bytes: total length, chunks, zero-length terminator. */
function writePlp(writer: BufferWriter, data: Buffer | undefined): void {
  if (data === undefined) return void writer.bigUint64le(PLP_NULL);
  writer.bigUint64le(BigInt(data.length));
  for (let offset = 0; offset < data.length; offset += PLP_CHUNK) {
    const chunk = data.subarray(offset, offset + PLP_CHUNK);
    writer.uint32le(chunk.length).bytes(chunk);
  }
  writer.uint32le(0);
}

/**
 * The client → server half of the data types: TYPE_INFO and value of an RPC parameter
 * (MS-TDS 2.2.6.6 ParamMetaData / ParamLenData), decoded into plain JS values for handlers.
 */
import { BufferReader, ProtocolError } from "./buffer-reader";
import {
  DAYS_FROM_1900_TO_UNIX_EPOCH,
  DAYS_FROM_YEAR_ONE_TO_UNIX_EPOCH,
  MS_PER_DAY,
  bytesToGuid,
  bytesToUint,
  scaledIntegerToDecimal,
  timeByteLength,
} from "./wire-values";

/**
 * A decoded parameter value: number (int/smallint/tinyint/float), bigint (bigint), boolean (bit),
 * string (character types, decimal/numeric as exact text, uniqueidentifier upper-case), Date
 * (date/time types, read as UTC), Buffer (binary types), null.
 */
export type ParameterValue = null | number | bigint | boolean | string | Date | Buffer;

export interface DecodedParameter {
  /** Without the leading '@'. */
  name: string;
  /** SQL type name as declared on the wire: 'int', 'nvarchar', 'datetime2', … */
  sqlType: string;
  output: boolean;
  value: ParameterValue;
}

const PLP_NULL = 0xffffffffffffffffn;

interface TypeInfo {
  id: number;
  sqlType: string;
  /** Byte length for fixed/variable types, 0xFFFF for PLP. */
  maxLength?: number;
  precision?: number;
  scale?: number;
}

function readTypeInfo(reader: BufferReader): TypeInfo {
  const id = reader.uint8("TYPE_INFO type");
  switch (id) {
    case 0x26: {
      const length = reader.uint8();
      const names: Record<number, string> = { 1: "tinyint", 2: "smallint", 4: "int", 8: "bigint" };
      return { id, sqlType: names[length] ?? "int", maxLength: length };
    }
    case 0x68:
      return { id, sqlType: "bit", maxLength: reader.uint8() };
    case 0x6d: {
      const length = reader.uint8();
      return { id, sqlType: length === 4 ? "real" : "float", maxLength: length };
    }
    case 0x6e: {
      const length = reader.uint8();
      return { id, sqlType: length === 4 ? "smallmoney" : "money", maxLength: length };
    }
    case 0x6f: {
      const length = reader.uint8();
      return { id, sqlType: length === 4 ? "smalldatetime" : "datetime", maxLength: length };
    }
    case 0x6a:
    case 0x6c: {
      const maxLength = reader.uint8();
      return {
        id,
        sqlType: id === 0x6a ? "decimal" : "numeric",
        maxLength,
        precision: reader.uint8(),
        scale: reader.uint8(),
      };
    }
    case 0x24:
      return { id, sqlType: "uniqueidentifier", maxLength: reader.uint8() };
    case 0x28:
      return { id, sqlType: "date" };
    case 0x29:
      return { id, sqlType: "time", scale: reader.uint8() };
    case 0x2a:
      return { id, sqlType: "datetime2", scale: reader.uint8() };
    case 0x2b:
      return { id, sqlType: "datetimeoffset", scale: reader.uint8() };
    case 0xa7:
    case 0xaf:
    case 0xe7:
    case 0xef: {
      const maxLength = reader.uint16le();
      reader.bytes(5, "collation");
      const names: Record<number, string> = { 0xa7: "varchar", 0xaf: "char", 0xe7: "nvarchar", 0xef: "nchar" };
      return { id, sqlType: names[id], maxLength };
    }
    case 0xa5:
    case 0xad:
      return { id, sqlType: id === 0xa5 ? "varbinary" : "binary", maxLength: reader.uint16le() };
    default:
      throw new ProtocolError(`the TDS test server cannot decode parameters of type 0x${id.toString(16)}`);
  }
}

/** Reads a PLP value (total length, chunks, terminator) into one buffer; undefined for NULL. */
function readPlp(reader: BufferReader): Buffer | undefined {
  const total = reader.bigUint64le("PLP length");
  if (total === PLP_NULL) return undefined;
  const chunks: Buffer[] = [];
  for (;;) {
    const length = reader.uint32le("PLP chunk length");
    if (length === 0) break;
    chunks.push(reader.bytes(length, "PLP chunk"));
  }
  return Buffer.concat(chunks);
}

function readValue(reader: BufferReader, info: TypeInfo): ParameterValue {
  // Variable-length character and binary types: USHORT length (0xFFFF = NULL) or PLP.
  if ([0xa7, 0xaf, 0xe7, 0xef, 0xa5, 0xad].includes(info.id)) {
    let data: Buffer | undefined;
    if (info.maxLength === 0xffff) data = readPlp(reader);
    else {
      const length = reader.uint16le("value length");
      data = length === 0xffff ? undefined : reader.bytes(length);
    }
    if (data === undefined) return null;
    if (info.id === 0xa5 || info.id === 0xad) return Buffer.from(data);
    return data.toString(info.id === 0xe7 || info.id === 0xef ? "utf16le" : "latin1");
  }

  // Everything else: one byte of length, 0 = NULL.
  const length = reader.uint8("value length");
  if (length === 0) return null;
  const data = reader.bytes(length);
  switch (info.id) {
    case 0x26:
      if (length === 1) return data.readUInt8(0);
      if (length === 2) return data.readInt16LE(0);
      if (length === 4) return data.readInt32LE(0);
      return data.readBigInt64LE(0);
    case 0x68:
      return data[0] !== 0;
    case 0x6d:
      return length === 4 ? data.readFloatLE(0) : data.readDoubleLE(0);
    case 0x6e: {
      const tenThousandths =
        length === 4
          ? BigInt(data.readInt32LE(0))
          : (BigInt(data.readInt32LE(0)) << 32n) | BigInt(data.readUInt32LE(4));
      return scaledIntegerToDecimal(tenThousandths, 4);
    }
    case 0x6f: {
      if (length === 4) {
        const days = data.readUInt16LE(0);
        const minutes = data.readUInt16LE(2);
        return new Date((days - DAYS_FROM_1900_TO_UNIX_EPOCH) * MS_PER_DAY + minutes * 60_000);
      }
      const days = data.readInt32LE(0);
      const threeHundredths = data.readUInt32LE(4);
      return new Date((days - DAYS_FROM_1900_TO_UNIX_EPOCH) * MS_PER_DAY + Math.round((threeHundredths * 10) / 3));
    }
    case 0x6a:
    case 0x6c: {
      const magnitude = bytesToUint(data.subarray(1));
      return scaledIntegerToDecimal(data[0] === 1 ? magnitude : -magnitude, info.scale ?? 0);
    }
    case 0x24:
      return bytesToGuid(data);
    case 0x28:
      return new Date((Number(bytesToUint(data)) - DAYS_FROM_YEAR_ONE_TO_UNIX_EPOCH) * MS_PER_DAY);
    case 0x29:
    case 0x2a:
    case 0x2b: {
      const scale = info.scale ?? 7;
      const timeLength = timeByteLength(scale);
      const ticks = bytesToUint(data.subarray(0, timeLength));
      const ms = Number((ticks * 1000n) / 10n ** BigInt(scale));
      if (info.id === 0x29) return new Date(ms);
      const days = Number(bytesToUint(data.subarray(timeLength, timeLength + 3)));
      // datetimeoffset stores UTC and then the offset in minutes; the UTC instant is what we return.
      return new Date((days - DAYS_FROM_YEAR_ONE_TO_UNIX_EPOCH) * MS_PER_DAY + ms);
    }
  }
  throw new ProtocolError(`unhandled parameter type 0x${info.id.toString(16)}`);
}

export function readParameter(reader: BufferReader): DecodedParameter {
  const rawName = reader.bVarchar("parameter name");
  const status = reader.uint8("parameter status");
  const info = readTypeInfo(reader);
  const value = readValue(reader, info);
  return { name: rawName.replace(/^@/, ""), sqlType: info.sqlType, output: (status & 0x01) !== 0, value };
}

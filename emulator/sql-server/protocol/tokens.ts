/**
 * Token stream builders (MS-TDS 2.2.7). Each function appends one token to a writer; tokens with
 * a length prefix get it patched after their body is written, so lengths are always exact.
 */
import { BufferWriter } from "./buffer-writer";
import { CellValue, ColumnSpec, writeCell, writeColumnMetadata } from "./column-encoding";

const Token = {
  ReturnStatus: 0x79,
  ColMetadata: 0x81,
  Error: 0xaa,
  Info: 0xab,
  LoginAck: 0xad,
  FeatureExtAck: 0xae,
  Row: 0xd1,
  EnvChange: 0xe3,
  Done: 0xfd,
  DoneProc: 0xfe,
  DoneInProc: 0xff,
} as const;

export const DoneStatus = {
  Final: 0x00,
  More: 0x01,
  Error: 0x02,
  Count: 0x10,
  Attention: 0x20,
} as const;

/** CurCmd values a real server puts in DONE tokens; tedious ignores them, humans reading dumps do not. */
export const CurCmd = {
  Select: 0xc1,
  Insert: 0xc3,
  Execute: 0xe0,
  None: 0x00,
} as const;

const EnvChangeType = {
  Database: 1,
  Language: 2,
  PacketSize: 4,
  SqlCollation: 7,
  BeginTransaction: 8,
  CommitTransaction: 9,
  RollbackTransaction: 10,
} as const;

/** Writes a token with a USHORT length prefix around whatever `body` writes. */
function withUint16Length(writer: BufferWriter, token: number, body: () => void): void {
  writer.uint8(token);
  const lengthAt = writer.position;
  writer.uint16le(0);
  body();
  writer.patchUint16le(lengthAt, writer.position - lengthAt - 2);
}

export interface LoginAckDetails {
  tdsVersion: number;
  programName: string;
  /** major, minor, build */
  programVersion: [number, number, number];
}

export function writeLoginAck(writer: BufferWriter, details: LoginAckDetails): void {
  withUint16Length(writer, Token.LoginAck, () => {
    writer.uint8(1); // interface: SQL_TSQL
    writer.uint32be(details.tdsVersion); // sent in network order, unlike everything else
    writer.bVarchar(details.programName);
    const [major, minor, build] = details.programVersion;
    writer
      .uint8(major)
      .uint8(minor)
      .uint8(build >> 8)
      .uint8(build & 0xff);
  });
}

function writeStringEnvChange(writer: BufferWriter, type: number, newValue: string, oldValue: string): void {
  withUint16Length(writer, Token.EnvChange, () => {
    writer.uint8(type).bVarchar(newValue).bVarchar(oldValue);
  });
}

function writeBinaryEnvChange(writer: BufferWriter, type: number, newValue: Buffer, oldValue: Buffer): void {
  withUint16Length(writer, Token.EnvChange, () => {
    writer.uint8(type).bVarbyte(newValue).bVarbyte(oldValue);
  });
}

export function writeDatabaseChange(writer: BufferWriter, database: string, previous = "master"): void {
  writeStringEnvChange(writer, EnvChangeType.Database, database, previous);
}

export function writeLanguageChange(writer: BufferWriter, language: string): void {
  writeStringEnvChange(writer, EnvChangeType.Language, language, "");
}

export function writePacketSizeChange(writer: BufferWriter, packetSize: number, previous: number): void {
  writeStringEnvChange(writer, EnvChangeType.PacketSize, String(packetSize), String(previous));
}

export function writeCollationChange(writer: BufferWriter, collation: Buffer): void {
  writeBinaryEnvChange(writer, EnvChangeType.SqlCollation, collation, Buffer.alloc(0));
}

export function writeBeginTransaction(writer: BufferWriter, descriptor: Buffer): void {
  writeBinaryEnvChange(writer, EnvChangeType.BeginTransaction, descriptor, Buffer.alloc(0));
}

export function writeEndTransaction(writer: BufferWriter, committed: boolean, descriptor: Buffer): void {
  writeBinaryEnvChange(
    writer,
    committed ? EnvChangeType.CommitTransaction : EnvChangeType.RollbackTransaction,
    Buffer.alloc(0),
    descriptor,
  );
}

export interface ServerMessage {
  number: number;
  state?: number;
  /** Severity: ≤ 10 is informational (INFO token), above is an error (ERROR token). */
  class?: number;
  message: string;
  serverName?: string;
  procName?: string;
  lineNumber?: number;
}

function writeMessageToken(writer: BufferWriter, token: number, message: ServerMessage, defaultClass: number): void {
  withUint16Length(writer, token, () => {
    writer
      .int32le(message.number)
      .uint8(message.state ?? 1)
      .uint8(message.class ?? defaultClass)
      .usVarchar(message.message)
      .bVarchar(message.serverName ?? "")
      .bVarchar(message.procName ?? "")
      .int32le(message.lineNumber ?? 1);
  });
}

export function writeError(writer: BufferWriter, message: ServerMessage): void {
  writeMessageToken(writer, Token.Error, message, 16);
}

export function writeInfo(writer: BufferWriter, message: ServerMessage): void {
  writeMessageToken(writer, Token.Info, message, 0);
}

export interface FeatureAck {
  featureId: number;
  data: Buffer;
}

export function writeFeatureExtAck(writer: BufferWriter, features: FeatureAck[]): void {
  writer.uint8(Token.FeatureExtAck);
  for (const feature of features) writer.uint8(feature.featureId).uint32le(feature.data.length).bytes(feature.data);
  writer.uint8(0xff);
}

export function writeColumnMetadataToken(writer: BufferWriter, columns: ColumnSpec[]): void {
  writer.uint8(Token.ColMetadata).uint16le(columns.length);
  for (const column of columns) writeColumnMetadata(writer, column);
}

export function writeRow(writer: BufferWriter, columns: ColumnSpec[], row: readonly CellValue[]): void {
  if (row.length !== columns.length) throw new RangeError(`row has ${row.length} cells for ${columns.length} columns`);
  writer.uint8(Token.Row);
  columns.forEach((column, index) => writeCell(writer, column, row[index]));
}

export function writeReturnStatus(writer: BufferWriter, status: number): void {
  writer.uint8(Token.ReturnStatus).int32le(status);
}

export type DoneKind = "done" | "doneProc" | "doneInProc";

export function writeDone(
  writer: BufferWriter,
  kind: DoneKind,
  status: number,
  curCmd: number,
  rowCount: number | bigint,
): void {
  const token = kind === "done" ? Token.Done : kind === "doneProc" ? Token.DoneProc : Token.DoneInProc;
  writer.uint8(token).uint16le(status).uint16le(curCmd).bigUint64le(BigInt(rowCount));
}

/**
 * Decoding of the client requests that carry SQL: SQL_BATCH (MS-TDS 2.2.6.7) and RPC
 * (MS-TDS 2.2.6.6). Both start with ALL_HEADERS, whose transaction descriptor we keep so that
 * a transaction begun through the transaction manager request can be recognised.
 */
import { BufferReader, ProtocolError } from "./buffer-reader";
import { DecodedParameter, readParameter } from "./parameter-decoding";

const PROC_ID_SP_EXECUTESQL = 10;
const PROC_ID_NAMES: Record<number, string> = {
  1: "sp_cursor",
  2: "sp_cursoropen",
  3: "sp_cursorprepare",
  4: "sp_cursorexecute",
  5: "sp_cursorprepexec",
  6: "sp_cursorunprepare",
  7: "sp_cursorfetch",
  8: "sp_cursoroption",
  9: "sp_cursorclose",
  10: "sp_executesql",
  11: "sp_prepare",
  12: "sp_execute",
  13: "sp_prepexec",
  14: "sp_prepexecrpc",
  15: "sp_unprepare",
};

/** Skips ALL_HEADERS: a DWORD total length that includes itself. */
function skipAllHeaders(reader: BufferReader): void {
  const total = reader.uint32le("ALL_HEADERS length");
  if (total < 4) throw new ProtocolError(`ALL_HEADERS length ${total} is too small`);
  reader.bytes(total - 4, "ALL_HEADERS");
}

export function decodeSqlBatch(payload: Buffer): string {
  const reader = new BufferReader(payload);
  skipAllHeaders(reader);
  return reader.bytes(reader.remaining).toString("utf16le");
}

export interface RpcCall {
  procedure: string;
  parameters: DecodedParameter[];
}

export function decodeRpc(payload: Buffer): RpcCall {
  const reader = new BufferReader(payload);
  skipAllHeaders(reader);
  const nameLength = reader.uint16le("procedure name length");
  let procedure: string;
  if (nameLength === 0xffff) {
    const procId = reader.uint16le("ProcID");
    procedure = PROC_ID_NAMES[procId] ?? `proc#${procId}`;
  } else {
    procedure = reader.bytes(nameLength * 2, "procedure name").toString("utf16le");
  }
  reader.uint16le("OptionFlags");
  const parameters: DecodedParameter[] = [];
  // One RPC message may hold a batch of calls separated by 0x80/0xFF; drivers we test send one.
  while (reader.remaining > 0) {
    const next = payload[reader.offset];
    if (next === 0x80 || next === 0xff || next === 0xfe) break;
    parameters.push(readParameter(reader));
  }
  return { procedure, parameters };
}

export { PROC_ID_SP_EXECUTESQL };

/**
 * PRELOGIN (MS-TDS 2.2.6.5): a table of (option token, offset, length) entries followed by the
 * option data, offsets counted from the start of the payload and written big-endian.
 */
import { BufferReader, ProtocolError } from "./buffer-reader";

const Option = {
  Version: 0x00,
  Encryption: 0x01,
  InstOpt: 0x02,
  ThreadId: 0x03,
  Mars: 0x04,
  TraceId: 0x05,
  FedAuthRequired: 0x06,
  Terminator: 0xff,
} as const;

export const Encryption = {
  Off: 0x00,
  On: 0x01,
  NotSupported: 0x02,
  Required: 0x03,
} as const;

export interface PreloginRequest {
  encryption: number | undefined;
  /** Present when the client is able to do federated authentication (Entra ID). */
  fedAuthRequired: number | undefined;
  mars: number | undefined;
}

export function parsePrelogin(payload: Buffer): PreloginRequest {
  const reader = new BufferReader(payload);
  const options = new Map<number, Buffer>();
  for (;;) {
    const token = reader.uint8("PRELOGIN option token");
    if (token === Option.Terminator) break;
    const offset = payload.readUInt16BE(reader.offset);
    const length = payload.readUInt16BE(reader.offset + 2);
    reader.offset += 4;
    if (offset + length > payload.length)
      throw new ProtocolError(`PRELOGIN option 0x${token.toString(16)} points past the payload`);
    options.set(token, payload.subarray(offset, offset + length));
  }
  const firstByte = (token: number): number | undefined => {
    const data = options.get(token);
    return data && data.length > 0 ? data[0] : undefined;
  };
  return {
    encryption: firstByte(Option.Encryption),
    fedAuthRequired: firstByte(Option.FedAuthRequired),
    mars: firstByte(Option.Mars),
  };
}

export interface PreloginResponse {
  encryption: number;
  /** Sent only when the client offered the option; 0x01 asks the client to echo fedauth. */
  fedAuthRequired?: number;
}

/** The version we claim: SQL Server 2022 (16.0.1000.6), which Azure SQL Database also reports. */
const SERVER_VERSION = Buffer.from([16, 0, 0x03, 0xe8, 0x00, 0x06]);

export function buildPreloginResponse(response: PreloginResponse): Buffer {
  const entries: Array<[number, Buffer]> = [
    [Option.Version, SERVER_VERSION],
    [Option.Encryption, Buffer.from([response.encryption])],
    [Option.InstOpt, Buffer.from([0x00])],
    [Option.ThreadId, Buffer.alloc(0)],
    [Option.Mars, Buffer.from([0x00])],
  ];
  if (response.fedAuthRequired !== undefined)
    entries.push([Option.FedAuthRequired, Buffer.from([response.fedAuthRequired])]);

  const tableLength = entries.length * 5 + 1;
  const table = Buffer.alloc(tableLength);
  let dataOffset = tableLength;
  entries.forEach(([token, data], index) => {
    table.writeUInt8(token, index * 5);
    table.writeUInt16BE(dataOffset, index * 5 + 1);
    table.writeUInt16BE(data.length, index * 5 + 3);
    dataOffset += data.length;
  });
  table.writeUInt8(Option.Terminator, tableLength - 1);
  return Buffer.concat([table, ...entries.map(([, data]) => data)]);
}

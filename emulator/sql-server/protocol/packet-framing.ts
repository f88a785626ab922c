/**
 * TDS packet framing (MS-TDS 2.2.3): every message travels as one or more packets of at most the
 * negotiated packet size, each with an 8-byte header (type, status, big-endian length, SPID,
 * packet id, window). The last packet of a message carries the EOM status bit.
 */
import { ProtocolError } from "./buffer-reader";

export const PacketType = {
  SqlBatch: 0x01,
  Rpc: 0x03,
  TabularResult: 0x04,
  Attention: 0x06,
  BulkLoad: 0x07,
  FedAuthToken: 0x08,
  TransactionManager: 0x0e,
  Login7: 0x10,
  Sspi: 0x11,
  PreLogin: 0x12,
} as const;

export const PACKET_HEADER_LENGTH = 8;
const STATUS_END_OF_MESSAGE = 0x01;
const STATUS_RESET_CONNECTION = 0x08;

/** The smallest and largest packet sizes a server accepts in LOGIN7 (MS-TDS 2.2.6.4). */
export const MIN_PACKET_SIZE = 512;
export const MAX_PACKET_SIZE = 32767;

export interface TdsMessage {
  type: number;
  /** The client asked for the session to be reset before this request (connection pooling). */
  resetConnection: boolean;
  payload: Buffer;
}

/** Reassembles packets from a byte stream into whole messages. */
export class MessageAssembler {
  private pending: Buffer = Buffer.alloc(0);
  private parts: Buffer[] = [];
  private currentType: number | undefined;
  private currentReset = false;

  /** Feeds received bytes; returns every message completed by them, in order. */
  push(chunk: Buffer): TdsMessage[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: TdsMessage[] = [];
    while (this.pending.length >= PACKET_HEADER_LENGTH) {
      const length = this.pending.readUInt16BE(2);
      if (length < PACKET_HEADER_LENGTH) throw new ProtocolError(`packet length ${length} is shorter than its header`);
      if (this.pending.length < length) break;
      const type = this.pending.readUInt8(0);
      const status = this.pending.readUInt8(1);
      const body = this.pending.subarray(PACKET_HEADER_LENGTH, length);
      this.pending = this.pending.subarray(length);

      if (this.currentType === undefined) {
        this.currentType = type;
        this.currentReset = (status & STATUS_RESET_CONNECTION) !== 0;
      } else if (type !== this.currentType && type !== PacketType.Attention) {
        throw new ProtocolError(
          `packet of type 0x${type.toString(16)} inside a message of type 0x${this.currentType.toString(16)}`,
        );
      }
      this.parts.push(Buffer.from(body));
      if (status & STATUS_END_OF_MESSAGE) {
        messages.push({
          type: this.currentType,
          resetConnection: this.currentReset,
          payload: Buffer.concat(this.parts),
        });
        this.parts = [];
        this.currentType = undefined;
        this.currentReset = false;
      }
    }
    return messages;
  }
}

/**
 * Splits a message into packets of at most `packetSize` bytes (header included). The packet id
 * counts up modulo 256 within the message, as the spec asks.
 */
export function framePackets(type: number, payload: Buffer, packetSize: number, spid = 0): Buffer {
  const bodySize = packetSize - PACKET_HEADER_LENGTH;
  const packetCount = Math.max(1, Math.ceil(payload.length / bodySize));
  // One allocation for the whole message (a large result set is thousands of packets).
  const framed = Buffer.allocUnsafe(payload.length + packetCount * PACKET_HEADER_LENGTH);
  let offset = 0;
  let at = 0;
  for (let packetId = 1; packetId <= packetCount; packetId++) {
    const bodyLength = Math.min(bodySize, payload.length - offset);
    const isLast = packetId === packetCount;
    framed.writeUInt8(type, at);
    framed.writeUInt8(isLast ? STATUS_END_OF_MESSAGE : 0, at + 1);
    framed.writeUInt16BE(PACKET_HEADER_LENGTH + bodyLength, at + 2);
    framed.writeUInt16BE(spid, at + 4);
    framed.writeUInt8(packetId % 256, at + 6);
    framed.writeUInt8(0, at + 7);
    payload.copy(framed, at + PACKET_HEADER_LENGTH, offset, offset + bodyLength);
    at += PACKET_HEADER_LENGTH + bodyLength;
    offset += bodyLength;
  }
  return framed;
}

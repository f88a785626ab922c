/**
 * A cursor over a client message. Every read checks bounds so that a malformed request surfaces
 * as a clear protocol error in the test log instead of a RangeError deep inside Buffer.
 */
export class ProtocolError extends Error {
  override name = "ProtocolError";
}

export class BufferReader {
  constructor(
    private readonly buffer: Buffer,
    public offset = 0,
  ) {}

  get remaining(): number {
    return this.buffer.length - this.offset;
  }

  private need(count: number, what: string): void {
    if (this.offset + count > this.buffer.length) {
      throw new ProtocolError(
        `truncated message: needed ${count} bytes for ${what} at offset ${this.offset}, have ${this.remaining}`,
      );
    }
  }

  uint8(what = "uint8"): number {
    this.need(1, what);
    return this.buffer.readUInt8(this.offset++);
  }

  uint16le(what = "uint16"): number {
    this.need(2, what);
    const value = this.buffer.readUInt16LE(this.offset);
    this.offset += 2;
    return value;
  }

  uint32le(what = "uint32"): number {
    this.need(4, what);
    const value = this.buffer.readUInt32LE(this.offset);
    this.offset += 4;
    return value;
  }

  int32le(what = "int32"): number {
    this.need(4, what);
    const value = this.buffer.readInt32LE(this.offset);
    this.offset += 4;
    return value;
  }

  bigUint64le(what = "uint64"): bigint {
    this.need(8, what);
    const value = this.buffer.readBigUInt64LE(this.offset);
    this.offset += 8;
    return value;
  }

  bytes(count: number, what = "bytes"): Buffer {
    this.need(count, what);
    const value = this.buffer.subarray(this.offset, this.offset + count);
    this.offset += count;
    return value;
  }

  /** B_VARCHAR: one byte of length in characters, UCS-2 text. */
  bVarchar(what = "B_VARCHAR"): string {
    const chars = this.uint8(what);
    return this.bytes(chars * 2, what).toString("utf16le");
  }

  /** US_VARCHAR: two bytes of length in characters, UCS-2 text. */
  usVarchar(what = "US_VARCHAR"): string {
    const chars = this.uint16le(what);
    return this.bytes(chars * 2, what).toString("utf16le");
  }
}

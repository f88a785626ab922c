/**
 * A growable little-endian byte writer. TDS token streams are built front to back, and several
 * fields (token lengths, PLP totals) are only known after the body is written, so the writer
 * hands out positions that can be patched later.
 */
export class BufferWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(initialSize = 256) {
    this.buffer = Buffer.alloc(initialSize);
  }

  get position(): number {
    return this.length;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = Buffer.alloc(size);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  uint8(value: number): this {
    this.ensure(1);
    this.buffer.writeUInt8(value, this.length);
    this.length += 1;
    return this;
  }

  uint16le(value: number): this {
    this.ensure(2);
    this.buffer.writeUInt16LE(value, this.length);
    this.length += 2;
    return this;
  }

  int16le(value: number): this {
    this.ensure(2);
    this.buffer.writeInt16LE(value, this.length);
    this.length += 2;
    return this;
  }

  uint16be(value: number): this {
    this.ensure(2);
    this.buffer.writeUInt16BE(value, this.length);
    this.length += 2;
    return this;
  }

  int32le(value: number): this {
    this.ensure(4);
    this.buffer.writeInt32LE(value, this.length);
    this.length += 4;
    return this;
  }

  uint32le(value: number): this {
    this.ensure(4);
    this.buffer.writeUInt32LE(value, this.length);
    this.length += 4;
    return this;
  }

  uint32be(value: number): this {
    this.ensure(4);
    this.buffer.writeUInt32BE(value, this.length);
    this.length += 4;
    return this;
  }

  bigUint64le(value: bigint): this {
    this.ensure(8);
    this.buffer.writeBigUInt64LE(value, this.length);
    this.length += 8;
    return this;
  }

  bigInt64le(value: bigint): this {
    this.ensure(8);
    this.buffer.writeBigInt64LE(value, this.length);
    this.length += 8;
    return this;
  }

  doublele(value: number): this {
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.length);
    this.length += 8;
    return this;
  }

  bytes(data: Buffer): this {
    this.ensure(data.length);
    data.copy(this.buffer, this.length);
    this.length += data.length;
    return this;
  }

  /**
   * UCS-2 text with no length prefix, encoded straight into the buffer (no intermediate Buffer per value:
   * large result sets write hundreds of thousands of strings). Two bytes per UTF-16 code unit.
   */
  utf16le(text: string): this {
    const byteLength = text.length * 2;
    this.ensure(byteLength);
    this.buffer.write(text, this.length, byteLength, "utf16le");
    this.length += byteLength;
    return this;
  }

  /** B_VARCHAR: one byte of length in characters, then UCS-2 text. */
  bVarchar(text: string): this {
    const data = Buffer.from(text, "utf16le");
    if (data.length / 2 > 255) throw new RangeError(`B_VARCHAR longer than 255 characters: ${text.slice(0, 40)}...`);
    return this.uint8(data.length / 2).bytes(data);
  }

  /** US_VARCHAR: two bytes of length in characters, then UCS-2 text. */
  usVarchar(text: string): this {
    const data = Buffer.from(text, "utf16le");
    if (data.length / 2 > 0xffff) throw new RangeError("US_VARCHAR longer than 65535 characters");
    return this.uint16le(data.length / 2).bytes(data);
  }

  /** B_VARBYTE: one byte of length, then the bytes. */
  bVarbyte(data: Buffer): this {
    return this.uint8(data.length).bytes(data);
  }

  patchUint16le(position: number, value: number): void {
    this.buffer.writeUInt16LE(value, position);
  }

  patchUint32le(position: number, value: number): void {
    this.buffer.writeUInt32LE(value, position);
  }

  toBuffer(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}

import { ProbeError } from './types.js';

/**
 * Big-endian reads over an upload. Every read is bounds-checked, so a parser bug on hostile
 * input surfaces as a ProbeError('corrupt_media') rather than a RangeError or an `undefined`.
 * Parsers still check sizes themselves first, to tell a cut-off file (truncated_media) from a
 * broken one.
 */
export class ByteReader {
  readonly length: number;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.length = bytes.length;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** True when `count` bytes starting at `offset` lie inside the buffer. */
  has(offset: number, count: number): boolean {
    return offset >= 0 && count >= 0 && offset + count <= this.length;
  }

  u8(offset: number): number {
    this.need(offset, 1);
    return this.view.getUint8(offset);
  }

  u16(offset: number): number {
    this.need(offset, 2);
    return this.view.getUint16(offset);
  }

  u24(offset: number): number {
    this.need(offset, 3);
    return (this.view.getUint8(offset) << 16) | this.view.getUint16(offset + 1);
  }

  u32(offset: number): number {
    this.need(offset, 4);
    return this.view.getUint32(offset);
  }

  i32(offset: number): number {
    this.need(offset, 4);
    return this.view.getInt32(offset);
  }

  /** 64-bit unsigned as a Number; values above 2^53 lose precision but stay huge, which is all a bounds check needs. */
  u64(offset: number): number {
    this.need(offset, 8);
    return this.view.getUint32(offset) * 2 ** 32 + this.view.getUint32(offset + 4);
  }

  f32(offset: number): number {
    this.need(offset, 4);
    return this.view.getFloat32(offset);
  }

  f64(offset: number): number {
    this.need(offset, 8);
    return this.view.getFloat64(offset);
  }

  /** Unsigned big-endian integer of 0–8 bytes (Matroska's variable-width uints). */
  uint(offset: number, size: number): number {
    this.need(offset, size);
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.view.getUint8(offset + i);
    return value;
  }

  /** Printable ASCII; other bytes become '?' so binary junk never leaks into messages or logs. */
  ascii(offset: number, count: number): string {
    this.need(offset, count);
    let text = '';
    for (let i = 0; i < count; i++) {
      const byte = this.view.getUint8(offset + i);
      text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '?';
    }
    return text;
  }

  /** True when the bytes at `offset` equal `expected`. */
  startsWith(offset: number, expected: readonly number[]): boolean {
    if (!this.has(offset, expected.length)) return false;
    return expected.every((byte, i) => this.view.getUint8(offset + i) === byte);
  }

  private need(offset: number, count: number): void {
    if (!this.has(offset, count)) {
      throw new ProbeError('corrupt_media', `read of ${count} bytes at ${offset} is outside the file`);
    }
  }
}

import type { ByteReader } from './byte-reader.js';
import { ProbeError } from './types.js';

/** One EBML element. For an unknown-size element `end` is the end of its parent and `unknownSize` is set. */
export interface EbmlElement {
  id: number;
  start: number;
  dataStart: number;
  end: number;
  unknownSize: boolean;
}

/**
 * Reads the element header at `offset`, inside a parent that ends at `limit`. Running past the
 * end of the file is truncated_media; running past a parent that is itself inside the file is
 * corrupt_media.
 */
export function readElement(reader: ByteReader, offset: number, limit: number): EbmlElement {
  const id = readVint(reader, offset, limit, 4, 'keep-marker');
  const size = readVint(reader, offset + id.length, limit, 8, 'strip-marker');
  const dataStart = offset + id.length + size.length;
  if (size.allOnes) {
    return { id: id.value, start: offset, dataStart, end: limit, unknownSize: true };
  }
  const end = dataStart + size.value;
  if (end > reader.length) {
    throw new ProbeError(
      'truncated_media',
      `element 0x${id.value.toString(16)} at byte ${offset} is cut off: it needs ${end - reader.length} more byte(s) than the file has`,
    );
  }
  if (end > limit) {
    throw new ProbeError('corrupt_media', `element 0x${id.value.toString(16)} at byte ${offset} overruns its parent`);
  }
  return { id: id.value, start: offset, dataStart, end, unknownSize: false };
}

/** The children of a known-size master element, one at a time. Each is at least 2 bytes, so this is bounded. */
export function* childElements(reader: ByteReader, parent: EbmlElement): Generator<EbmlElement, void, undefined> {
  if (parent.unknownSize) {
    throw new ProbeError('corrupt_media', `element 0x${parent.id.toString(16)} has an unsupported unknown size`);
  }
  for (let offset = parent.dataStart; offset < parent.end;) {
    const child = readElement(reader, offset, parent.end);
    if (child.unknownSize) {
      throw new ProbeError('corrupt_media', `element 0x${child.id.toString(16)} has an unsupported unknown size`);
    }
    yield child;
    offset = child.end;
  }
}

export function findChildElement(reader: ByteReader, parent: EbmlElement, id: number): EbmlElement | undefined {
  for (const child of childElements(reader, parent)) if (child.id === id) return child;
  return undefined;
}

export function readUint(reader: ByteReader, element: EbmlElement): number {
  const size = element.end - element.dataStart;
  if (size > 8) throw new ProbeError('corrupt_media', `integer element of ${size} bytes`);
  return reader.uint(element.dataStart, size);
}

export function readFloat(reader: ByteReader, element: EbmlElement): number {
  const size = element.end - element.dataStart;
  if (size === 0) return 0;
  if (size === 4) return reader.f32(element.dataStart);
  if (size === 8) return reader.f64(element.dataStart);
  throw new ProbeError('corrupt_media', `float element of ${size} bytes`);
}

/** ASCII string element; Matroska allows trailing zero padding. Capped: we only read short ids. */
export function readString(reader: ByteReader, element: EbmlElement): string {
  const size = Math.min(element.end - element.dataStart, 64);
  return reader.ascii(element.dataStart, size).replace(/\?+$/, '');
}

interface Vint {
  value: number;
  length: number;
  allOnes: boolean;
}

/**
 * EBML variable-length integer: the count of leading zero bits in the first byte gives the
 * length. IDs keep the marker bit (0x1A45DFA3); sizes drop it, and all-ones means "unknown".
 */
export function readVint(
  reader: ByteReader,
  offset: number,
  limit: number,
  maxLength: number,
  marker: 'keep-marker' | 'strip-marker',
): Vint {
  if (offset >= reader.length) {
    throw new ProbeError('truncated_media', `the file ends inside an element header at byte ${offset}`);
  }
  const first = reader.u8(offset);
  const length = first === 0 ? 9 : Math.clz32(first) - 23;
  if (length > maxLength) {
    throw new ProbeError('corrupt_media', `invalid EBML number at byte ${offset}`);
  }
  if (offset + length > reader.length) {
    throw new ProbeError('truncated_media', `the file ends inside an element header at byte ${offset}`);
  }
  if (offset + length > limit) {
    throw new ProbeError('corrupt_media', `an element header at byte ${offset} overruns its parent`);
  }
  const markerBit = 0x80 >> (length - 1);
  let value = marker === 'keep-marker' ? first : first & (markerBit - 1);
  let allOnes = (first & (markerBit - 1)) === markerBit - 1;
  for (let i = 1; i < length; i++) {
    const byte = reader.u8(offset + i);
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, allOnes: marker === 'strip-marker' && allOnes };
}

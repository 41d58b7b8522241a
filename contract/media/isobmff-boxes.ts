import type { ByteReader } from './byte-reader.js';
import { MAX_TRAILING_BYTES, ProbeError } from './types.js';

/** One ISO-BMFF box: `[start, end)` in the file; its payload starts at `body`. */
export interface Box {
  type: string;
  start: number;
  body: number;
  end: number;
}

const MIN_HEADER = 8;
/** Top-level boxes whose end we need: a cut inside one of these is a cut-off file, wherever it is. */
const STRUCTURAL_BOXES = new Set([
  'ftyp',
  'moov',
  'mdat',
  'moof',
  'mfra',
  'free',
  'skip',
  'wide',
  'meta',
  'sidx',
  'styp',
  'uuid',
  'pnot',
]);

/**
 * The top-level boxes of the file, one at a time (nothing is collected, so a hostile file of
 * millions of tiny boxes costs time linear in its size but no memory). A box that claims more
 * bytes than the file has left means the upload was cut off (truncated_media); a box that
 * claims fewer bytes than its own header is nonsense (corrupt_media).
 *
 * `isComplete` says whether the boxes so far make a whole file (the probe passes "a moov has been
 * read"; sample data is bounds-checked separately). Then a short tail that is no box (fewer than
 * 8 bytes, a non-ASCII type, an impossible size) or that starts a box of no known type running
 * past the end is trailing garbage: the walk ends there instead of refusing the file.
 */
export function* topLevelBoxes(reader: ByteReader, isComplete: () => boolean = () => false): Generator<Box, void, undefined> {
  let offset = 0;
  while (offset < reader.length) {
    const remaining = reader.length - offset;
    const canEndHere = remaining <= MAX_TRAILING_BYTES && isComplete();
    if (remaining < MIN_HEADER) {
      if (isZeroPadding(reader, offset)) return;
      if (canEndHere && !startsStructuralBox(reader, offset)) return;
      throw new ProbeError('truncated_media', `the file ends inside a box header at byte ${offset}`);
    }
    const type = reader.ascii(offset + 4, 4);
    // Top-level boxes are plain ASCII four-character codes; anything else is not a box boundary.
    if (type.includes('?')) {
      if (canEndHere) return;
      throw new ProbeError('corrupt_media', `unreadable box type at byte ${offset}`);
    }
    if (canEndHere && (impossibleSize(reader, offset) || (!STRUCTURAL_BOXES.has(type) && overrunsFile(reader, offset)))) {
      return;
    }
    const box = readBoxHeader(reader, offset, reader.length, 'top');
    yield box;
    offset = box.end;
  }
}

/** The boxes directly inside `parent`. A child that overruns its (complete) parent is corrupt_media. */
export function* childBoxes(reader: ByteReader, parent: Box, skipBytes = 0): Generator<Box, void, undefined> {
  let offset = parent.body + skipBytes;
  // A few trailing bytes (< a header) inside a parent are tolerated: some muxers pad with zeros.
  while (offset + MIN_HEADER <= parent.end) {
    const child = readBoxHeader(reader, offset, parent.end, 'child');
    yield child;
    offset = child.end;
  }
}

export function findChild(reader: ByteReader, parent: Box, type: string): Box | undefined {
  for (const child of childBoxes(reader, parent)) if (child.type === type) return child;
  return undefined;
}

/** Follows a path of single children, e.g. ['mdia', 'minf', 'stbl']. */
export function findPath(reader: ByteReader, parent: Box, path: readonly string[]): Box | undefined {
  let current: Box | undefined = parent;
  for (const type of path) {
    if (!current) return undefined;
    current = findChild(reader, current, type);
  }
  return current;
}

/** Full boxes start with a version byte and 24 bits of flags. */
export function fullBoxHeader(reader: ByteReader, box: Box): { version: number; flags: number } {
  requireBody(box, 4);
  return { version: reader.u8(box.body), flags: reader.u24(box.body + 1) };
}

/** Throws corrupt_media unless the box payload has at least `bytes` bytes. */
export function requireBody(box: Box, bytes: number): void {
  if (box.end - box.body < bytes) {
    throw new ProbeError('corrupt_media', `the ${box.type} box is too short (${box.end - box.body} bytes)`);
  }
}

function readBoxHeader(reader: ByteReader, offset: number, limit: number, level: 'top' | 'child'): Box {
  const size32 = reader.u32(offset);
  const type = reader.ascii(offset + 4, 4);
  let headerSize = MIN_HEADER;
  let size = size32;
  if (size32 === 1) {
    headerSize = 16;
    if (offset + headerSize > limit) throw overrun(level, type, offset, headerSize, limit - offset);
    size = reader.u64(offset + 8);
  } else if (size32 === 0) {
    size = limit - offset; // "extends to the end of the file / parent"
  }
  if (size < headerSize) {
    throw new ProbeError('corrupt_media', `the ${type} box at byte ${offset} has an impossible size ${size}`);
  }
  if (size > limit - offset) throw overrun(level, type, offset, size, limit - offset);
  return { type, start: offset, body: offset + headerSize, end: offset + size };
}

function overrun(level: 'top' | 'child', type: string, offset: number, size: number, left: number): ProbeError {
  return level === 'top'
    ? new ProbeError(
        'truncated_media',
        `the ${type} box at byte ${offset} claims ${size} bytes but the file has only ${left} left`,
      )
    : new ProbeError(
        'corrupt_media',
        `the ${type} box at byte ${offset} claims ${size} bytes but its parent has only ${left} left`,
      );
}

/** A size smaller than the header itself: no box starts here. */
function impossibleSize(reader: ByteReader, offset: number): boolean {
  const size32 = reader.u32(offset);
  if (size32 === 1) return reader.has(offset + 8, 8) && reader.u64(offset + 8) < 16;
  return size32 > 1 && size32 < MIN_HEADER;
}

function overrunsFile(reader: ByteReader, offset: number): boolean {
  const size32 = reader.u32(offset);
  if (size32 === 0) return false; // "to the end of the file"
  const size = size32 === 1 ? (reader.has(offset + 8, 8) ? reader.u64(offset + 8) : Infinity) : size32;
  return offset + size > reader.length;
}

/** Whether the cut-off header at `offset` (fewer than 8 bytes) begins to name a structural box. */
function startsStructuralBox(reader: ByteReader, offset: number): boolean {
  const typeBytes = reader.length - offset - 4;
  if (typeBytes <= 0) return false; // only (part of) a size: nothing says a box starts here
  const partialType = reader.ascii(offset + 4, typeBytes);
  return [...STRUCTURAL_BOXES].some((type) => type.startsWith(partialType));
}

function isZeroPadding(reader: ByteReader, offset: number): boolean {
  for (let i = offset; i < reader.length; i++) if (reader.u8(i) !== 0) return false;
  return true;
}

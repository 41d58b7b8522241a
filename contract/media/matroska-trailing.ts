/**
 * Stray bytes at the end of a live-style WebM (MediaRecorder's: an unknown-size Segment runs to
 * the end of the file, so whatever follows the last Cluster is read as part of it). A cut-off
 * recording ends inside an element Matroska knows (a SimpleBlock, a Cluster header); stray bytes
 * are not an element at all, or one of no known ID that runs past the end.
 */
import type { ByteReader } from './byte-reader.js';
import { MAX_TRAILING_BYTES } from './types.js';

/** Elements a Segment or a Cluster holds, and the headers a second file would start with. */
const KNOWN_IDS = [
  0x1a45dfa3, // EBML header
  0x18538067, // Segment
  0x114d9b74, // SeekHead
  0x1549a966, // Info
  0x1654ae6b, // Tracks
  0x1f43b675, // Cluster
  0x1c53bb6b, // Cues
  0x1941a469, // Attachments
  0x1043a770, // Chapters
  0x1254c367, // Tags
  0xec, // Void
  0xbf, // CRC-32
  0xe7, // Cluster Timestamp
  0x5854, // SilentTracks
  0xa7, // Position
  0xab, // PrevSize
  0xa3, // SimpleBlock
  0xa0, // BlockGroup
  0xaf, // EncryptedBlock
];
const KNOWN_ID_BYTES = KNOWN_IDS.map((id) => {
  const bytes: number[] = [];
  for (let rest = id; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return bytes;
});

/**
 * True when the bytes from `offset` to the end (at most MAX_TRAILING_BYTES of them) cannot be
 * the start of an element this file needs: not an EBML element header, or an element of an
 * unknown ID that does not fit in the file. The caller asks only once the file has tracks and
 * frames, so a cut-off file is still refused.
 */
export function isTrailingGarbage(reader: ByteReader, offset: number): boolean {
  const remaining = reader.length - offset;
  if (remaining <= 0 || remaining > MAX_TRAILING_BYTES) return false;
  const idLength = vintLength(reader.u8(offset));
  if (idLength > 4) return true; // no EBML ID starts with this byte
  // A cut inside the ID: junk unless it begins a known one.
  if (idLength > remaining) return !KNOWN_ID_BYTES.some((id) => reader.startsWith(offset, id.slice(0, remaining)));
  if (KNOWN_ID_BYTES.some((id) => id.length === idLength && reader.startsWith(offset, id))) return false;
  // An unknown element is skipped when it fits; one that cannot be measured or runs past the end is junk.
  const sizeAt = offset + idLength;
  if (sizeAt >= reader.length) return true;
  const sizeLength = vintLength(reader.u8(sizeAt));
  if (sizeLength > 8 || sizeAt + sizeLength > reader.length) return true;
  const first = reader.u8(sizeAt) & (0xff >> sizeLength);
  let size = first;
  let allOnes = first === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const byte = reader.u8(sizeAt + i);
    size = size * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return allOnes || sizeAt + sizeLength + size > reader.length;
}

/** Length of an EBML variable-length number from its first byte; 9 for a zero byte (invalid). */
function vintLength(first: number): number {
  return first === 0 ? 9 : Math.clz32(first) - 23;
}

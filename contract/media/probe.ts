/**
 * Identifies and measures uploaded media from its bytes alone: file names and declared MIME
 * types are never consulted. Synchronous, bounded in time and memory on hostile input, and
 * free of Node APIs. Every failure is a ProbeError with a code from types.ts.
 */
import { ByteReader } from './byte-reader.js';
import { probeJpeg, probePng } from './probe-image.js';
import { probeIsoBmff } from './probe-isobmff.js';
import { probeMatroska } from './probe-matroska.js';
import { ProbeError, type ProbeResult } from './types.js';

export { ProbeError } from './types.js';
export type { ImageProbe, ProbeErrorCode, ProbeResult, VideoProbe } from './types.js';

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Box types a QuickTime file may open with when it predates the ftyp box. */
const LEGACY_QUICKTIME_FIRST_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

export function probeMedia(bytes: Uint8Array): ProbeResult {
  const reader = new ByteReader(bytes);
  const kind = sniffContainer(reader);
  try {
    return requireSaneNumbers(parse(kind, reader));
  } catch (error) {
    if (error instanceof ProbeError) throw error;
    // Parsers check every size before reading, so this is a bug; still, never leak a RangeError.
    throw new ProbeError('corrupt_media', `the ${kind} structure could not be read`);
  }
}

function parse(kind: ContainerKind, reader: ByteReader): ProbeResult {
  switch (kind) {
    case 'isobmff':
      return probeIsoBmff(reader);
    case 'ebml':
      return probeMatroska(reader);
    case 'jpeg':
      return probeJpeg(reader);
    case 'png':
      return probePng(reader);
  }
}

/** Headers can hold absurd values (a 1e300 s Duration, a 2^64 ns timestamp scale); callers get finite numbers or an error. */
function requireSaneNumbers(probe: ProbeResult): ProbeResult {
  const numbers =
    probe.kind === 'video'
      ? [probe.width, probe.height, probe.durationS, probe.frameCount, probe.fps]
      : [probe.width, probe.height];
  if (!numbers.every((n) => Number.isFinite(n) && n >= 0)) {
    throw new ProbeError('corrupt_media', 'the file declares impossible sizes or timings');
  }
  return probe;
}

type ContainerKind = 'isobmff' | 'ebml' | 'jpeg' | 'png';

function sniffContainer(reader: ByteReader): ContainerKind {
  if (reader.startsWith(0, EBML_MAGIC)) return 'ebml';
  if (reader.startsWith(0, JPEG_MAGIC)) return 'jpeg';
  if (reader.startsWith(0, PNG_MAGIC)) return 'png';
  if (reader.has(0, 8)) {
    const firstBoxType = reader.ascii(4, 4);
    if (firstBoxType === 'ftyp' || LEGACY_QUICKTIME_FIRST_BOXES.has(firstBoxType)) return 'isobmff';
  }
  throw new ProbeError('unsupported_format', 'the file is not a recognised video (MP4, MOV, WebM, MKV) or image (JPEG, PNG)');
}

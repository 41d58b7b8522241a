/**
 * JPEG and PNG stills: dimensions from the header, and a walk to the end marker so that a
 * cut-off upload is reported as truncated rather than measured as if it were whole.
 */
import type { ByteReader } from './byte-reader.js';
import { ProbeError, type ImageProbe } from './types.js';

const JPEG_EOI = 0xd9;
const JPEG_SOS = 0xda;

export function probeJpeg(reader: ByteReader): ImageProbe {
  let size: { width: number; height: number } | undefined;
  let offset = 2; // after SOI (FF D8)
  // Each pass consumes at least one byte, so the loop is bounded by the file length.
  for (;;) {
    if (offset >= reader.length) throw truncatedJpeg();
    if (reader.u8(offset) !== 0xff) throw new ProbeError('corrupt_media', `expected a JPEG marker at byte ${offset}`);
    while (offset < reader.length && reader.u8(offset) === 0xff) offset++; // fill bytes
    if (offset >= reader.length) throw truncatedJpeg();
    const marker = reader.u8(offset);
    offset++;
    if (marker === JPEG_EOI) {
      if (!size) throw new ProbeError('corrupt_media', 'the JPEG has no frame header');
      return { kind: 'image', format: 'jpeg', mime: 'image/jpeg', ...size };
    }
    if (isStandaloneMarker(marker)) continue;
    if (marker === 0x00) throw new ProbeError('corrupt_media', `stray JPEG marker at byte ${offset - 1}`);
    if (offset + 2 > reader.length) throw truncatedJpeg();
    const segmentLength = reader.u16(offset);
    if (segmentLength < 2) throw new ProbeError('corrupt_media', `bad JPEG segment length at byte ${offset}`);
    if (offset + segmentLength > reader.length) throw truncatedJpeg();
    if (isStartOfFrame(marker)) size = readFrameSize(reader, offset, segmentLength);
    offset += segmentLength;
    if (marker === JPEG_SOS) {
      if (!size) throw new ProbeError('corrupt_media', 'the JPEG scan comes before its frame header');
      offset = endOfEntropyCodedData(reader, offset);
    }
  }
}

/** SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** SOI, TEM and RST0–7 have no length field. */
function isStandaloneMarker(marker: number): boolean {
  return marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

function readFrameSize(reader: ByteReader, offset: number, segmentLength: number) {
  // length(2) precision(1) height(2) width(2) components(1)...
  if (segmentLength < 8) throw new ProbeError('corrupt_media', 'the JPEG frame header is too short');
  const height = reader.u16(offset + 3);
  const width = reader.u16(offset + 5);
  // Height 0 means "defined later by a DNL marker"; nobody sends those and we cannot measure them.
  if (width === 0 || height === 0) throw new ProbeError('corrupt_media', 'the JPEG frame header has a zero size');
  return { width, height };
}

/** Skips scan data up to the next real marker: FF followed by neither 00 (stuffing) nor RSTn. */
function endOfEntropyCodedData(reader: ByteReader, offset: number): number {
  let at = offset;
  for (;;) {
    at = reader.bytes.indexOf(0xff, at);
    if (at < 0 || at + 1 >= reader.length) throw truncatedJpeg();
    const next = reader.u8(at + 1);
    if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) return at;
    at += 2;
  }
}

function truncatedJpeg(): ProbeError {
  return new ProbeError('truncated_media', 'the JPEG ends before its end-of-image marker');
}

const PNG_SIGNATURE_BYTES = 8;
const PNG_MAX_DIMENSION = 0x7fffffff; // the PNG spec's limit

export function probePng(reader: ByteReader): ImageProbe {
  const ihdrAt = PNG_SIGNATURE_BYTES;
  // length(4) type(4) width(4) height(4) ... crc(4): IHDR is always 13 bytes of data.
  if (!reader.has(ihdrAt, 8 + 13 + 4)) throw new ProbeError('truncated_media', 'the PNG ends inside its header');
  if (reader.ascii(ihdrAt + 4, 4) !== 'IHDR' || reader.u32(ihdrAt) !== 13) {
    throw new ProbeError('corrupt_media', 'the PNG does not start with an IHDR chunk');
  }
  const width = reader.u32(ihdrAt + 8);
  const height = reader.u32(ihdrAt + 12);
  if (width === 0 || height === 0 || width > PNG_MAX_DIMENSION || height > PNG_MAX_DIMENSION) {
    throw new ProbeError('corrupt_media', `the PNG has an invalid size ${width}x${height}`);
  }
  // Walk the chunks to IEND. Each is at least 12 bytes, so this is bounded.
  for (let offset = ihdrAt; ;) {
    if (!reader.has(offset, 12)) throw new ProbeError('truncated_media', 'the PNG ends before its IEND chunk');
    const length = reader.u32(offset);
    if (length > PNG_MAX_DIMENSION) throw new ProbeError('corrupt_media', `bad PNG chunk length at byte ${offset}`);
    const type = reader.ascii(offset + 4, 4);
    const end = offset + 12 + length;
    if (end > reader.length) throw new ProbeError('truncated_media', `the PNG chunk ${type} is cut off`);
    if (type === 'IEND') return { kind: 'image', format: 'png', mime: 'image/png', width, height };
    offset = end;
  }
}

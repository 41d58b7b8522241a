/**
 * The frame size an H.264 stream itself declares, from its sequence parameter set (SPS) as stored
 * in an avcC record (ISO/IEC 14496-15: the MP4/MOV sample entry's `avcC` box, Matroska's
 * CodecPrivate). A container header can say 640×480 while the stream decodes to 8000×8000; the
 * decoder follows the stream, so the stream's size is the one that costs time and memory.
 *
 * Pure and bounded (reads at most the bytes given; every loop is capped), free of Node APIs.
 * Anything it cannot read gives `undefined`: a clip is only refused on a definite disagreement.
 */
import { ProbeError } from './types.js';

export interface FrameSize {
  width: number;
  height: number;
}

/** Profiles whose SPS carries chroma format, bit depths and scaling matrices (H.264 7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);
const NAL_TYPE_SPS = 7;
/** A macroblock count beyond this is no real stream (8192 px = 512 macroblocks; level 6.2 allows 139,264 in total). */
const MAX_MBS_PER_SIDE = 4096;

/** The frame size of the first SPS in an avcC record, or undefined when it has none or it cannot be read. */
export function frameSizeFromAvcC(avcC: Uint8Array): FrameSize | undefined {
  // configurationVersion, profile, compatibility, level, lengthSizeMinusOne, numOfSequenceParameterSets.
  if (avcC.length < 8 || avcC[0] !== 1) return undefined;
  const spsCount = (avcC[5] ?? 0) & 0x1f;
  if (spsCount === 0) return undefined; // avc3: parameter sets travel in the stream
  const length = ((avcC[6] ?? 0) << 8) | (avcC[7] ?? 0);
  if (8 + length > avcC.length) return undefined;
  return frameSizeFromSps(avcC.subarray(8, 8 + length));
}

/** The cropped frame size an SPS NAL unit (with its one-byte header) declares. */
export function frameSizeFromSps(nal: Uint8Array): FrameSize | undefined {
  if (nal.length < 4 || ((nal[0] ?? 0) & 0x1f) !== NAL_TYPE_SPS) return undefined;
  try {
    return readSps(new BitReader(unescapeRbsp(nal.subarray(1))));
  } catch (error) {
    if (error instanceof OutOfBits) return undefined;
    throw error;
  }
}

/**
 * Throws dimension_mismatch when the stream's frame size differs from the header's. Muxers may
 * round the header's size to whole macroblocks (1080 → 1088), so up to 16 px either way is the
 * same size; a header written in display orientation (width and height swapped) is too.
 */
export function assertSameFrameSize(header: FrameSize, stream: FrameSize | undefined, codec: string): void {
  if (!stream || sameFrameSize(header, stream)) return;
  throw new FrameSizeMismatchError(header, stream, codec);
}

/** A ProbeError (`dimension_mismatch`) that keeps both sizes, for the screening's evidence. */
export class FrameSizeMismatchError extends ProbeError {
  constructor(
    readonly header: FrameSize,
    readonly stream: FrameSize,
    codec: string,
  ) {
    super(
      'dimension_mismatch',
      `the header says the frames are ${header.width}×${header.height} but the ${codec} stream is ${stream.width}×${stream.height}`,
    );
  }
}

export function sameFrameSize(a: FrameSize, b: FrameSize, tolerancePx = 16): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= tolerancePx;
  return (close(a.width, b.width) && close(a.height, b.height)) || (close(a.width, b.height) && close(a.height, b.width));
}

class OutOfBits extends Error {}

/** Removes emulation-prevention bytes: 00 00 03 → 00 00. */
function unescapeRbsp(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  let zeros = 0;
  for (const byte of bytes) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
    out[n++] = byte;
  }
  return out.subarray(0, n);
}

class BitReader {
  private bit = 0;
  constructor(private readonly bytes: Uint8Array) {}

  u(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const byte = this.bytes[this.bit >> 3];
      if (byte === undefined) throw new OutOfBits();
      value = value * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return value;
  }

  flag(): boolean {
    return this.u(1) === 1;
  }

  /** Unsigned Exp-Golomb. More than 31 leading zeros is no valid SPS field. */
  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) if (++zeros > 31) throw new OutOfBits();
    return 2 ** zeros - 1 + this.u(zeros);
  }

  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }
}

function readSps(r: BitReader): FrameSize | undefined {
  const profile = r.u(8);
  r.u(16); // constraint flags, level
  r.ue(); // seq_parameter_set_id
  let chromaFormat = 1;
  let separateColourPlane = false;
  if (HIGH_PROFILES.has(profile)) {
    chromaFormat = r.ue();
    if (chromaFormat > 3) return undefined;
    if (chromaFormat === 3) separateColourPlane = r.flag();
    r.ue(); // bit_depth_luma_minus8
    r.ue(); // bit_depth_chroma_minus8
    r.u(1); // qpprime_y_zero_transform_bypass_flag
    if (r.flag()) skipScalingMatrix(r, chromaFormat === 3 ? 12 : 8);
  }
  r.ue(); // log2_max_frame_num_minus4
  const pocType = r.ue();
  if (pocType === 0) r.ue();
  else if (pocType === 1) {
    r.u(1);
    r.se();
    r.se();
    const cycle = r.ue();
    if (cycle > 255) return undefined;
    for (let i = 0; i < cycle; i++) r.se();
  } else if (pocType !== 2) return undefined;
  r.ue(); // max_num_ref_frames
  r.u(1); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.flag();
  if (!frameMbsOnly) r.u(1); // mb_adaptive_frame_field_flag
  r.u(1); // direct_8x8_inference_flag
  const crop = r.flag() ? { left: r.ue(), right: r.ue(), top: r.ue(), bottom: r.ue() } : { left: 0, right: 0, top: 0, bottom: 0 };
  if (widthMbs > MAX_MBS_PER_SIDE || heightMapUnits > MAX_MBS_PER_SIDE) return undefined;

  // Crop offsets count chroma samples (H.264 7.4.2.1.1, CropUnitX / CropUnitY).
  const chromaArrayType = separateColourPlane ? 0 : chromaFormat;
  const fieldFactor = frameMbsOnly ? 1 : 2;
  const cropUnitX = chromaArrayType === 0 || chromaArrayType === 3 ? 1 : 2;
  const cropUnitY = (chromaArrayType === 1 ? 2 : 1) * fieldFactor;
  const width = widthMbs * 16 - cropUnitX * (crop.left + crop.right);
  const height = fieldFactor * heightMapUnits * 16 - cropUnitY * (crop.top + crop.bottom);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function skipScalingMatrix(r: BitReader, lists: number): void {
  for (let i = 0; i < lists; i++) {
    if (!r.flag()) continue;
    const size = i < 6 ? 16 : 64;
    let last = 8;
    let next = 8;
    for (let j = 0; j < size && next !== 0; j++) {
      next = (last + r.se() + 256) % 256;
      if (next !== 0) last = next;
    }
  }
}

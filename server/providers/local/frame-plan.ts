/** Pure helpers for the decoder: which frames to sample, the ffmpeg arguments, and reading its log. */

/** `count` indices spread evenly over `frameCount` frames, each at the middle of its slice (skips fade-in/out edges). */
export function evenlySpacedIndices(frameCount: number, count: number): number[] {
  const n = Math.max(0, Math.min(count, Math.floor(frameCount)));
  return Array.from({ length: n }, (_, k) => Math.min(frameCount - 1, Math.floor(((k + 0.5) * frameCount) / n)));
}

export interface DecodePlan {
  input: string;
  greyOut: string;
  rgbOut: string;
  /** image2 pattern; ffmpeg numbers from 1. */
  jpegPattern: string;
  sampleIndices: number[];
  greySidePx: number;
  longSidePx: number;
  jpegQScale: number;
  /**
   * The decoder refuses any frame larger than this (ffmpeg's `-max_pixels`, checked before a frame's
   * memory is allocated): set from the header's size, so a stream that hides a far larger picture
   * behind it fails at its first frame instead of being decoded whole.
   */
  maxPixels: number;
}

/** `-max_pixels` for a header's frame size: its area with 64 px of slack per side (rounded-up macroblocks, stride alignment). */
export const maxPixelsFor = (width: number, height: number): number => (width + 64) * (height + 64);

/**
 * One decode pass, three outputs: every frame as a tiny grey square (frozen-frame comparison, frame
 * count), and the sampled frames as raw RGB (streamed to the detector) and JPEG (thumbnails). Two `showinfo`
 * filters log each frame's time; their pixel formats (gray / rgb24) tell the two log streams apart.
 * `-vsync 0` stops ffmpeg from duplicating or dropping frames to fit a constant rate.
 * `-huffman default`: in the @ffmpeg/core 0.12 wasm build the MJPEG encoder's default (optimal Huffman
 * tables) hangs forever on the second frame (ffmpeg.wasm issue #620); the standard tables do not.
 */
export function buildDecodeArgs(plan: DecodePlan): string[] {
  const select = plan.sampleIndices.map((n) => `eq(n\\,${n})`).join('+') || '0';
  const side = plan.longSidePx;
  // Long side to `side` (never upscaled), the other to an even number that keeps the aspect ratio.
  const scale = `scale='if(gte(iw,ih),min(${side},iw),-2)':'if(gte(iw,ih),-2,min(${side},ih))'`;
  // `showinfo@decoded` logs the sampled frames as decoded (before scaling): the stream's real size.
  const graph =
    `[0:v]split=2[all][pick];` +
    `[all]scale=${plan.greySidePx}:${plan.greySidePx}:flags=area,format=gray,showinfo[grey];` +
    `[pick]select='${select}',showinfo@decoded,${scale},format=rgb24,showinfo,split=2[rgb][jpg]`;
  return [
    // The RGB output is a device that exists before ffmpeg opens it: overwrite, do not ask.
    '-y',
    '-loglevel',
    'info',
    '-max_pixels',
    String(Math.max(1, Math.round(plan.maxPixels))),
    '-i',
    plan.input,
    '-filter_complex',
    graph,
    '-map',
    '[grey]',
    '-vsync',
    '0',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    plan.greyOut,
    '-map',
    '[rgb]',
    '-vsync',
    '0',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    // Each frame written as soon as it is encoded (not held in a 256 KB buffer): the detector reads it from there.
    '-flush_packets',
    '1',
    plan.rgbOut,
    '-map',
    '[jpg]',
    '-vsync',
    '0',
    '-q:v',
    String(plan.jpegQScale),
    '-huffman',
    'default',
    '-f',
    'image2',
    plan.jpegPattern,
  ];
}

export interface ShowinfoFrame {
  timeS: number;
  width: number;
  height: number;
  format: string;
}

const SHOWINFO_LINE = /\bn:\s*\d+\s+pts:\s*-?\d+\s+pts_time:(-?[\d.e+-]+)\s.*?\bfmt:(\w+)\b.*?\bs:(\d+)x(\d+)/;

const DECODED_PREFIX = '[showinfo@decoded ';

/** The frames the grey and sampled `showinfo` filters logged, in order, split by pixel format. */
export function parseShowinfo(lines: string[]): { grey: ShowinfoFrame[]; rgb: ShowinfoFrame[] } {
  const grey: ShowinfoFrame[] = [];
  const rgb: ShowinfoFrame[] = [];
  for (const line of lines) {
    // The decoded frames are told apart by filter name: a monochrome stream decodes to `gray` too.
    if (line.includes(DECODED_PREFIX)) continue;
    const frame = parseShowinfoLine(line);
    if (frame?.format === 'gray') grey.push(frame);
    else if (frame?.format === 'rgb24') rgb.push(frame);
  }
  return { grey, rgb };
}

/** The sampled frames as the decoder produced them (before scaling): the stream's real frame size. */
export function parseDecodedFrames(lines: string[]): ShowinfoFrame[] {
  return lines.filter((line) => line.includes(DECODED_PREFIX)).flatMap((line) => parseShowinfoLine(line) ?? []);
}

function parseShowinfoLine(line: string): ShowinfoFrame | undefined {
  const m = SHOWINFO_LINE.exec(line);
  if (!m) return undefined;
  const frame = { timeS: Number(m[1]), format: m[2] ?? '', width: Number(m[3]), height: Number(m[4]) };
  return Number.isFinite(frame.timeS) ? frame : undefined;
}

const OVERSIZED_LINE = /Picture size (\d+)x(\d+) exceeds specified max pixel count/;

/** The first frame size the decoder refused under `-max_pixels`, if any. */
export function parseOversizedFrame(lines: string[]): { width: number; height: number } | undefined {
  for (const line of lines) {
    const m = OVERSIZED_LINE.exec(line);
    if (m) return { width: Number(m[1]), height: Number(m[2]) };
  }
  return undefined;
}

/** Mean absolute difference of each pair of consecutive `side`×`side` grey frames packed in `grey`. */
export function consecutiveGreyDiffs(grey: Uint8Array, side: number): number[] {
  const size = side * side;
  const frames = Math.floor(grey.length / size);
  const diffs: number[] = [];
  for (let f = 1; f < frames; f++) {
    let sum = 0;
    const a = (f - 1) * size;
    const b = f * size;
    for (let p = 0; p < size; p++) sum += Math.abs((grey[b + p] ?? 0) - (grey[a + p] ?? 0));
    diffs.push(sum / size);
  }
  return diffs;
}

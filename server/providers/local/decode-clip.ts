/**
 * Decodes an untrusted clip with a fresh ffmpeg.wasm instance (worker thread only). The decoder sees
 * nothing but its own in-memory file system; a crash or hang is contained by the worker's time limit.
 */
import type { FrameSize } from '@contract/media/h264-sps.js';
import { LOCAL_SCREENING_CONFIG } from './config.js';
import { createFFmpegCore } from './ffmpeg-core-node.js';
import {
  buildDecodeArgs,
  consecutiveGreyDiffs,
  parseDecodedFrames,
  parseOversizedFrame,
  parseShowinfo,
  type DecodePlan,
} from './frame-plan.js';

export interface DecodedSample {
  frameIndex: number;
  timeS: number;
  width: number;
  height: number;
  rgb: Uint8Array;
  jpeg: Uint8Array;
}

export interface DecodedClip {
  frameTimesS: number[];
  greyDiffs: number[];
  samples: DecodedSample[];
  /** Each distinct size the sampled frames had as decoded (before scaling), in order of appearance. */
  decodedSizes: FrameSize[];
  /** A frame the decoder refused as larger than `maxPixels` (the stream is not the size its header says). */
  oversized?: FrameSize;
}

export class DecodeError extends Error {
  constructor(
    message: string,
    readonly logTail: string[],
    readonly oversized?: FrameSize,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

const cfg = LOCAL_SCREENING_CONFIG.sampling;
const LOG_TAIL_LINES = 8;

export async function decodeClip(bytes: Uint8Array, sampleIndices: number[], maxPixels: number): Promise<DecodedClip> {
  const log: string[] = [];
  const ff = await createFFmpegCore();
  ff.setLogger(({ message }) => log.push(message));
  const plan: DecodePlan = {
    input: '/input',
    greyOut: '/grey.raw',
    rgbOut: '/rgb.raw',
    jpegPattern: '/sample_%03d.jpg',
    sampleIndices,
    greySidePx: cfg.greySidePx,
    longSidePx: cfg.longSidePx,
    jpegQScale: cfg.jpegQScale,
    maxPixels,
  };
  ff.FS.writeFile(plan.input, bytes);
  // The outputs are checked rather than the exit code: a partly damaged clip can still yield usable frames.
  ff.exec(...buildDecodeArgs(plan));
  const logTail = () => log.filter((l) => !l.includes('pts_time')).slice(-LOG_TAIL_LINES);

  const read = (path: string): Uint8Array | undefined => {
    try {
      return ff.FS.readFile(path);
    } catch {
      return undefined;
    }
  };
  const grey = read(plan.greyOut);
  const oversized = parseOversizedFrame(log);
  if (!grey || grey.length === 0) throw new DecodeError('the decoder produced no video frames', logTail(), oversized);

  const shown = parseShowinfo(log);
  const greyDiffs = consecutiveGreyDiffs(grey, cfg.greySidePx);
  const decodedFrames = Math.floor(grey.length / (cfg.greySidePx * cfg.greySidePx));
  // Times come from the log; if it lost lines, fall back to nothing rather than invent times.
  const frameTimesS = shown.grey.length === decodedFrames ? shown.grey.map((f) => f.timeS) : [];

  const rgb = read(plan.rgbOut) ?? new Uint8Array();
  const samples: DecodedSample[] = [];
  let offset = 0;
  shown.rgb.forEach((frame, k) => {
    const size = frame.width * frame.height * 3;
    const jpeg = read(`/sample_${String(k + 1).padStart(3, '0')}.jpg`);
    if (offset + size > rgb.length || !jpeg) return;
    samples.push({
      frameIndex: nearestFrameIndex(frameTimesS, frame.timeS) ?? sampleIndices[k] ?? k,
      timeS: frame.timeS,
      width: frame.width,
      height: frame.height,
      rgb: rgb.subarray(offset, offset + size),
      jpeg,
    });
    offset += size;
  });
  const decodedSizes: FrameSize[] = [];
  for (const { width, height } of parseDecodedFrames(log)) {
    if (!decodedSizes.some((d) => d.width === width && d.height === height)) decodedSizes.push({ width, height });
  }
  return { frameTimesS, greyDiffs, samples, decodedSizes, ...(oversized ? { oversized } : {}) };
}

function nearestFrameIndex(times: number[], t: number): number | undefined {
  let best: number | undefined;
  let bestGap = Number.POSITIVE_INFINITY;
  times.forEach((time, i) => {
    const gap = Math.abs(time - t);
    if (gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  });
  return best;
}

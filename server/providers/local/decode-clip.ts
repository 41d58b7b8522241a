/**
 * Decodes an untrusted clip with a fresh ffmpeg.wasm instance (worker thread only). The decoder sees
 * nothing but its own in-memory file system; a crash or hang is contained by the worker's time limit.
 */
import type { FrameSize } from '@contract/media/h264-sps.js';
import { LOCAL_SCREENING_CONFIG } from './config.js';
import { createFFmpegCore, type FFmpegCore } from './ffmpeg-core-node.js';
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
  /** Which streamed RGB frame (the `index` given to the frame sink) this sample is. */
  streamed: number;
  jpeg: Uint8Array;
}

/** A sampled frame's RGB, handed over as soon as the decoder has written it (the rest still decoding). */
export interface StreamedFrame {
  index: number;
  width: number;
  height: number;
  rgb: Uint8Array;
}
export type FrameSink = (frame: StreamedFrame) => void;

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

export async function decodeClip(
  bytes: Uint8Array,
  sampleIndices: number[],
  maxPixels: number,
  sink: FrameSink,
): Promise<DecodedClip> {
  const log: string[] = [];
  const ff = await createFFmpegCore();
  // Bounded: the scale caps a sampled frame at longSidePx², and there are sampleIndices.length of them.
  const stream = streamFrames(ff, RGB_DEVICE_PATH, sampleIndices.length * cfg.longSidePx * cfg.longSidePx * 3, sink);
  ff.setLogger(({ message }) => {
    log.push(message);
    stream.onLogLine(message);
  });
  const plan: DecodePlan = {
    input: '/input',
    greyOut: '/grey.raw',
    rgbOut: RGB_DEVICE_PATH,
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
  stream.end();
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

  const samples: DecodedSample[] = [];
  shown.rgb.forEach((frame, k) => {
    const jpeg = read(`/sample_${String(k + 1).padStart(3, '0')}.jpg`);
    if (k >= stream.sent() || !jpeg) return;
    samples.push({
      frameIndex: nearestFrameIndex(frameTimesS, frame.timeS) ?? sampleIndices[k] ?? k,
      timeS: frame.timeS,
      width: frame.width,
      height: frame.height,
      streamed: k,
      jpeg,
    });
  });
  const decodedSizes: FrameSize[] = [];
  for (const { width, height } of parseDecodedFrames(log)) {
    if (!decodedSizes.some((d) => d.width === width && d.height === height)) decodedSizes.push({ width, height });
  }
  return { frameTimesS, greyDiffs, samples, decodedSizes, ...(oversized ? { oversized } : {}) };
}

const RGB_DEVICE_PATH = '/rgb.stream';

/**
 * The sampled frames' RGB output is a character device, not a file: each write goes through here
 * while ffmpeg runs (`exec` is synchronous), and each complete frame goes to `sink` at once, so the
 * detector (another thread) works on the early samples while the decoder reaches the later ones.
 * A frame's size comes from its `showinfo` line, which the filter logs before the frame is written.
 * At most `maxPending` bytes wait for a size; beyond that they are dropped (the frame is not sampled).
 */
function streamFrames(ff: FFmpegCore, path: string, maxPending: number, sink: FrameSink) {
  const sizes: Array<{ width: number; height: number }> = [];
  let chunks: Uint8Array[] = [];
  let pending = 0;
  let sent = 0;
  const drain = () => {
    for (let size = sizes[sent]; size && pending >= size.width * size.height * 3; size = sizes[sent]) {
      const rgb = new Uint8Array(size.width * size.height * 3);
      let filled = 0;
      while (filled < rgb.length) {
        const chunk = chunks[0]!;
        const take = Math.min(chunk.length, rgb.length - filled);
        rgb.set(chunk.subarray(0, take), filled);
        filled += take;
        if (take === chunk.length) chunks.shift();
        else chunks[0] = chunk.subarray(take);
      }
      pending -= rgb.length;
      sink({ index: sent++, width: size.width, height: size.height, rgb });
    }
  };
  const device = ff.FS.makedev(64, 0);
  ff.FS.registerDevice(device, {
    write(_stream: unknown, buffer: Uint8Array, offset: number, length: number) {
      // `buffer` is the wasm heap: copy out before ffmpeg reuses it.
      if (pending + length <= maxPending) {
        chunks.push(buffer.slice(offset, offset + length));
        pending += length;
        drain();
      }
      return length;
    },
  });
  ff.FS.mkdev(path, device);
  return {
    onLogLine(line: string) {
      const frame = parseShowinfo([line]).rgb[0];
      if (frame) {
        sizes.push({ width: frame.width, height: frame.height });
        drain();
      }
    },
    end() {
      drain();
      chunks = [];
      pending = 0;
    },
    sent: () => sent,
  };
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

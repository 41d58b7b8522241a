/**
 * Does a probed upload satisfy a provider's media limits? Pure and free of Node APIs, so the
 * capture app can run the same check in the browser before uploading.
 */
import type { ImageLimits, MediaLimits, VideoLimits } from './limits.js';
import type { ImageProbe, ProbeResult, VideoProbe } from './types.js';

export type FitRule = 'kind' | 'container' | 'codec' | 'duration' | 'fps' | 'resolution' | 'bytes' | 'orientation' | 'format';

export interface FitViolation {
  rule: FitRule;
  /** Plain English for a user or developer, e.g. "clip is 0.4 s; this provider needs 2–5 s". */
  message: string;
  actual: number | string;
  limit: string;
}

export type FitResult = { ok: true } | { ok: false; violations: FitViolation[] };

/**
 * Containers round: mvhd durations are whole milliseconds, MediaRecorder gives its last MP4
 * sample a 1-tick duration, and a WebM without a Duration header has its last frame's length
 * estimated. So a "2.00 s" clip may measure 1.96–2.04 s, and its fps (frames ÷ duration) may
 * drift by a few tenths. Values within these margins of a limit pass.
 */
export const DURATION_TOLERANCE_S = 0.05;
export const FPS_TOLERANCE = 0.5;

export function checkFit(probe: ProbeResult, byteLength: number, limits: MediaLimits): FitResult {
  const violations = probe.kind === 'video' ? checkVideo(probe, byteLength, limits) : checkImage(probe, byteLength, limits);
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}

function checkVideo(probe: VideoProbe, byteLength: number, limits: MediaLimits): FitViolation[] {
  const video = limits.video;
  if (!video) {
    return [
      {
        rule: 'kind',
        message: 'this is a video clip; this provider needs a still image (JPEG or PNG)',
        actual: 'video',
        limit: 'image',
      },
    ];
  }
  const displayed = displayedSize(probe);
  return [
    checkContainer(probe, video),
    checkCodec(probe, video),
    checkDuration(probe, video),
    checkFps(probe, video),
    checkResolution('clip', displayed, video),
    checkBytes('clip', byteLength, video),
    checkOrientation('clip', displayed, video.orientation),
  ].filter((violation): violation is FitViolation => violation !== undefined);
}

function checkImage(probe: ImageProbe, byteLength: number, limits: MediaLimits): FitViolation[] {
  const image = limits.image;
  if (!image) {
    return [
      {
        rule: 'kind',
        message: 'this is a still image; this provider needs a video clip',
        actual: 'image',
        limit: 'video',
      },
    ];
  }
  // Images are measured as stored; JPEG EXIF orientation is not applied.
  const displayed = { width: probe.width, height: probe.height };
  return [
    checkImageFormat(probe, image),
    checkResolution('image', displayed, image),
    checkBytes('image', byteLength, image),
    checkOrientation('image', displayed, image.orientation),
  ].filter((violation): violation is FitViolation => violation !== undefined);
}

interface Size {
  width: number;
  height: number;
}

/** What a viewer sees: a 90° or 270° rotation swaps the stored width and height. */
export function displayedSize(probe: VideoProbe): Size {
  const quarterTurn = probe.rotation === 90 || probe.rotation === 270;
  return quarterTurn ? { width: probe.height, height: probe.width } : { width: probe.width, height: probe.height };
}

function checkContainer(probe: VideoProbe, limits: VideoLimits): FitViolation | undefined {
  if ((limits.containers as string[]).includes(probe.container)) return undefined;
  return {
    rule: 'container',
    message: `clip is ${describeContainer(probe.container)}; this provider accepts ${listOr(limits.containers.map(describeContainer))}`,
    actual: probe.container,
    limit: limits.containers.join(', '),
  };
}

function checkCodec(probe: VideoProbe, limits: VideoLimits): FitViolation | undefined {
  if (!limits.codecs || limits.codecs.includes(probe.codec)) return undefined;
  return {
    rule: 'codec',
    message: `clip is encoded as ${describeCodec(probe.codec)}; this provider accepts ${listOr(limits.codecs.map(describeCodec))}`,
    actual: probe.codec,
    limit: limits.codecs.join(', '),
  };
}

function checkDuration(probe: VideoProbe, limits: VideoLimits): FitViolation | undefined {
  const { min, max } = limits.durationS;
  // Written as "not inside" so that NaN fails too.
  if (probe.durationS >= min - DURATION_TOLERANCE_S && probe.durationS <= max + DURATION_TOLERANCE_S) return undefined;
  const limit = `${formatNumber(min)}–${formatNumber(max)} s`;
  return {
    rule: 'duration',
    message: `clip is ${formatNumber(probe.durationS)} s; this provider needs ${limit}`,
    actual: probe.durationS,
    limit,
  };
}

function checkFps(probe: VideoProbe, limits: VideoLimits): FitViolation | undefined {
  const { min, max } = limits.fps;
  if (probe.fps >= min - FPS_TOLERANCE && probe.fps <= max + FPS_TOLERANCE) return undefined;
  const limit = `${formatNumber(min)}–${formatNumber(max)} fps`;
  return {
    rule: 'fps',
    message: `clip runs at ${formatNumber(probe.fps, 1)} fps; this provider needs ${limit}`,
    actual: probe.fps,
    limit,
  };
}

function checkResolution(
  subject: 'clip' | 'image',
  size: Size,
  limits: { maxLongSidePx: number; maxShortSidePx: number },
): FitViolation | undefined {
  const longSide = Math.max(size.width, size.height);
  const shortSide = Math.min(size.width, size.height);
  if (longSide <= limits.maxLongSidePx && shortSide <= limits.maxShortSidePx) return undefined;
  const limit = `long side ≤ ${limits.maxLongSidePx} px, short side ≤ ${limits.maxShortSidePx} px`;
  return {
    rule: 'resolution',
    message: `${subject} is ${size.width}×${size.height} px; this provider accepts at most ${limits.maxLongSidePx}×${limits.maxShortSidePx} (${limit})`,
    actual: `${size.width}x${size.height}`,
    limit,
  };
}

function checkBytes(
  subject: 'clip' | 'image',
  byteLength: number,
  limits: { maxBytes: number; minBytes?: number; maxBytesAfterBase64: boolean },
): FitViolation | undefined {
  // Base64 turns every started group of 3 bytes into 4 characters.
  const counted = limits.maxBytesAfterBase64 ? 4 * Math.ceil(byteLength / 3) : byteLength;
  const how = limits.maxBytesAfterBase64 ? ' after base64 encoding' : '';
  const describe = (limit: number): { actual: string; limit: string } => {
    const [countedText, limitText] = formatBytePair(counted, limit);
    return {
      actual: limits.maxBytesAfterBase64
        ? `${formatBytePair(byteLength, limit)[0]} (${countedText} after base64 encoding)`
        : countedText,
      limit: limitText,
    };
  };
  if (counted > limits.maxBytes) {
    const text = describe(limits.maxBytes);
    return {
      rule: 'bytes',
      message: `${subject} is ${text.actual}; this provider accepts at most ${text.limit}${how}`,
      actual: counted,
      limit: `≤ ${limits.maxBytes} bytes${how}`,
    };
  }
  if (limits.minBytes !== undefined && counted < limits.minBytes) {
    const text = describe(limits.minBytes);
    return {
      rule: 'bytes',
      message: `${subject} is only ${text.actual}; this provider needs at least ${text.limit}${how}`,
      actual: counted,
      limit: `≥ ${limits.minBytes} bytes${how}`,
    };
  }
  return undefined;
}

function checkOrientation(
  subject: 'clip' | 'image',
  size: Size,
  orientation: 'any' | 'portrait' | undefined,
): FitViolation | undefined {
  if (orientation !== 'portrait' || size.height > size.width) return undefined;
  const shape = size.width === size.height ? 'square' : 'landscape';
  return {
    rule: 'orientation',
    message: `${subject} is ${shape} (${size.width}×${size.height} as displayed); this provider needs portrait (taller than wide)`,
    actual: shape,
    limit: 'portrait',
  };
}

function checkImageFormat(probe: ImageProbe, limits: ImageLimits): FitViolation | undefined {
  if (limits.formats.includes(probe.format)) return undefined;
  return {
    rule: 'format',
    message: `image is ${probe.format.toUpperCase()}; this provider accepts ${listOr(limits.formats.map((f) => f.toUpperCase()))}`,
    actual: probe.format,
    limit: limits.formats.join(', '),
  };
}

const CONTAINER_NAMES: Readonly<Record<string, string>> = {
  mp4: 'MP4',
  mov: 'MOV (QuickTime)',
  webm: 'WebM',
  mkv: 'Matroska (MKV)',
  avi: 'AVI',
  flv: 'FLV',
};

const CODEC_NAMES: Readonly<Record<string, string>> = {
  h264: 'H.264',
  hevc: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
};

function describeContainer(container: string): string {
  return CONTAINER_NAMES[container] ?? container;
}

function describeCodec(codec: string): string {
  return CODEC_NAMES[codec] ?? `'${codec}'`;
}

function listOr(items: readonly string[]): string {
  if (items.length === 0) return 'nothing';
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** At most `decimals` decimals, without trailing zeros: 0.4, 2.97, 25. */
function formatNumber(value: number, decimals = 2): string {
  return Number.isFinite(value) ? String(Number(value.toFixed(decimals))) : String(value);
}

/** KB and MB here are 1024-based, as most vendor documents mean them. */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

/** Rounded sizes, unless rounding would make them look equal ("15 MB; at most 15 MB"): then exact bytes. */
function formatBytePair(a: number, b: number): [string, string] {
  const [roundedA, roundedB] = [formatBytes(a), formatBytes(b)];
  return roundedA === roundedB && a !== b ? [`${a} bytes`, `${b} bytes`] : [roundedA, roundedB];
}

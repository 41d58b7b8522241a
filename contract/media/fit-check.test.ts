import { describe, expect, it } from 'vitest';
import type { ImageLimits, MediaLimits, VideoLimits } from './limits.js';
import { checkFit, type FitRule, type FitViolation } from './fit-check.js';
import type { ImageProbe, VideoProbe } from './types.js';

const VIDEO_LIMITS: VideoLimits = {
  containers: ['mp4', 'mov'],
  codecs: ['h264'],
  durationS: { min: 2, max: 5 },
  fps: { min: 15, max: 30 },
  maxLongSidePx: 1280,
  maxShortSidePx: 720,
  maxBytes: 10_000_000,
  maxBytesAfterBase64: false,
  orientation: 'any',
};

const IMAGE_LIMITS: ImageLimits = {
  formats: ['jpeg'],
  maxLongSidePx: 1920,
  maxShortSidePx: 1080,
  maxBytes: 4_000_000,
  maxBytesAfterBase64: true,
};

const CLIP: VideoProbe = {
  kind: 'video',
  container: 'mp4',
  mime: 'video/mp4',
  codec: 'h264',
  width: 640,
  height: 480,
  durationS: 3,
  frameCount: 75,
  fps: 25,
  hasAudio: false,
  fragmented: false,
  rotation: 0,
};

const STILL: ImageProbe = { kind: 'image', format: 'jpeg', mime: 'image/jpeg', width: 240, height: 320 };

interface Case {
  name: string;
  probe: VideoProbe | ImageProbe;
  bytes?: number;
  video?: Partial<VideoLimits> | null;
  image?: Partial<ImageLimits> | null;
  /** Expected violations, in order; [] means it fits. */
  expected: Array<{ rule: FitRule; actual?: number | string; message?: string | RegExp }>;
}

const clip = (overrides: Partial<VideoProbe>): VideoProbe => ({ ...CLIP, ...overrides });
const still = (overrides: Partial<ImageProbe>): ImageProbe => ({ ...STILL, ...overrides });

const CASES: Case[] = [
  { name: 'a clip inside every limit fits', probe: CLIP, expected: [] },
  { name: 'a still inside every limit fits', probe: STILL, expected: [] },

  // kind
  {
    name: 'a clip for an image-only provider',
    probe: CLIP,
    video: null,
    expected: [
      { rule: 'kind', actual: 'video', message: 'this is a video clip; this provider needs a still image (JPEG or PNG)' },
    ],
  },
  {
    name: 'a still for a video-only provider',
    probe: STILL,
    image: null,
    expected: [{ rule: 'kind', actual: 'image', message: 'this is a still image; this provider needs a video clip' }],
  },

  // container
  {
    name: 'WebM for an MP4/MOV provider',
    probe: clip({ container: 'webm', mime: 'video/webm' }),
    expected: [{ rule: 'container', actual: 'webm', message: 'clip is WebM; this provider accepts MP4 or MOV (QuickTime)' }],
  },
  { name: 'MOV for an MP4/MOV provider', probe: clip({ container: 'mov' }), expected: [] },

  // codec
  {
    name: 'VP8 for an H.264-only provider',
    probe: clip({ codec: 'vp8' }),
    expected: [{ rule: 'codec', actual: 'vp8', message: 'clip is encoded as VP8; this provider accepts H.264' }],
  },
  { name: 'any codec when the provider lists none', probe: clip({ codec: 'av1' }), video: { codecs: undefined }, expected: [] },
  {
    name: 'an unknown fourcc is quoted',
    probe: clip({ codec: 'mp4v' }),
    expected: [{ rule: 'codec', message: "clip is encoded as 'mp4v'; this provider accepts H.264" }],
  },

  // duration (±0.05 s tolerance)
  {
    name: 'a 0.4 s clip for a 2–5 s provider',
    probe: clip({ durationS: 0.4, frameCount: 10 }),
    expected: [{ rule: 'duration', actual: 0.4, message: 'clip is 0.4 s; this provider needs 2–5 s' }],
  },
  { name: '1.96 s is within the tolerance of 2 s', probe: clip({ durationS: 1.96 }), expected: [] },
  { name: '1.94 s is not', probe: clip({ durationS: 1.94 }), expected: [{ rule: 'duration', message: /^clip is 1.94 s;/ }] },
  { name: '5.04 s is within the tolerance of 5 s', probe: clip({ durationS: 5.04 }), expected: [] },
  {
    name: '5.06 s is not',
    probe: clip({ durationS: 5.06 }),
    expected: [{ rule: 'duration', message: 'clip is 5.06 s; this provider needs 2–5 s' }],
  },
  { name: 'a NaN duration never fits', probe: clip({ durationS: Number.NaN }), expected: [{ rule: 'duration' }] },

  // fps (±0.5 tolerance)
  {
    name: '10 fps for a 15–30 fps provider',
    probe: clip({ fps: 10 }),
    expected: [{ rule: 'fps', actual: 10, message: 'clip runs at 10 fps; this provider needs 15–30 fps' }],
  },
  { name: '14.6 fps is within the tolerance of 15', probe: clip({ fps: 14.6 }), expected: [] },
  { name: '14.4 fps is not', probe: clip({ fps: 14.4 }), expected: [{ rule: 'fps', message: /^clip runs at 14.4 fps;/ }] },
  { name: '30.4 fps is within the tolerance of 30', probe: clip({ fps: 30.4 }), expected: [] },
  { name: '30.6 fps is not', probe: clip({ fps: 30.6 }), expected: [{ rule: 'fps' }] },

  // resolution (long side / short side, as displayed)
  { name: '1280×720 exactly fits 720p', probe: clip({ width: 1280, height: 720 }), expected: [] },
  { name: 'portrait 720×1280 fits 720p', probe: clip({ width: 720, height: 1280 }), expected: [] },
  {
    name: '1920×1080 for a 720p provider',
    probe: clip({ width: 1920, height: 1080 }),
    expected: [
      {
        rule: 'resolution',
        actual: '1920x1080',
        message: 'clip is 1920×1080 px; this provider accepts at most 1280×720 (long side ≤ 1280 px, short side ≤ 720 px)',
      },
    ],
  },
  {
    name: '800×800 has a short side over 720',
    probe: clip({ width: 800, height: 800 }),
    expected: [{ rule: 'resolution', actual: '800x800' }],
  },
  {
    name: 'a rotated clip is measured as displayed',
    probe: clip({ width: 1920, height: 1080, rotation: 90 }),
    expected: [{ rule: 'resolution', actual: '1080x1920', message: /^clip is 1080×1920 px;/ }],
  },

  // bytes
  { name: 'exactly maxBytes fits', probe: CLIP, bytes: 10_000_000, expected: [] },
  {
    name: 'one byte over maxBytes',
    probe: CLIP,
    bytes: 10_000_001,
    expected: [
      { rule: 'bytes', actual: 10_000_001, message: 'clip is 10000001 bytes; this provider accepts at most 10000000 bytes' },
    ],
  },
  {
    name: 'a clip well over maxBytes, in MB',
    probe: CLIP,
    bytes: 25 * 1024 * 1024,
    expected: [{ rule: 'bytes', message: 'clip is 25 MB; this provider accepts at most 9.5 MB' }],
  },
  {
    name: 'base64: 3,000,000 bytes become exactly 4,000,000',
    probe: STILL,
    bytes: 3_000_000,
    expected: [],
  },
  {
    name: 'base64: 3,000,001 bytes become 4,000,004',
    probe: STILL,
    bytes: 3_000_001,
    expected: [
      {
        rule: 'bytes',
        actual: 4_000_004,
        message:
          'image is 2.9 MB (4000004 bytes after base64 encoding); this provider accepts at most 4000000 bytes after base64 encoding',
      },
    ],
  },
  {
    name: 'under minBytes',
    probe: CLIP,
    bytes: 5_000,
    video: { minBytes: 10_240 },
    expected: [{ rule: 'bytes', actual: 5_000, message: 'clip is only 4.9 KB; this provider needs at least 10 KB' }],
  },

  // orientation
  {
    name: 'landscape for a portrait provider',
    probe: CLIP,
    video: { orientation: 'portrait' },
    expected: [
      {
        rule: 'orientation',
        actual: 'landscape',
        message: 'clip is landscape (640×480 as displayed); this provider needs portrait (taller than wide)',
      },
    ],
  },
  {
    name: 'a landscape-coded clip rotated 90° is portrait',
    probe: clip({ rotation: 90 }),
    video: { orientation: 'portrait' },
    expected: [],
  },
  {
    name: 'a portrait-coded clip rotated 270° is landscape',
    probe: clip({ width: 480, height: 640, rotation: 270 }),
    video: { orientation: 'portrait' },
    expected: [{ rule: 'orientation', actual: 'landscape' }],
  },
  {
    name: 'square is not portrait',
    probe: clip({ width: 480, height: 480 }),
    video: { orientation: 'portrait' },
    expected: [{ rule: 'orientation', actual: 'square' }],
  },
  { name: 'a portrait still for a portrait provider', probe: STILL, image: { orientation: 'portrait' }, expected: [] },
  {
    name: 'a landscape still for a portrait provider',
    probe: still({ width: 320, height: 240 }),
    image: { orientation: 'portrait' },
    expected: [{ rule: 'orientation', message: /^image is landscape/ }],
  },

  // image format and size
  {
    name: 'PNG for a JPEG-only provider',
    probe: still({ format: 'png', mime: 'image/png' }),
    expected: [{ rule: 'format', actual: 'png', message: 'image is PNG; this provider accepts JPEG' }],
  },
  {
    name: 'a 4000×3000 still for a 1080p provider',
    probe: still({ width: 4000, height: 3000 }),
    expected: [{ rule: 'resolution', actual: '4000x3000', message: /^image is 4000×3000 px;/ }],
  },

  // several at once, in a stable order
  {
    name: 'a MediaRecorder VP8 WebM that is short, choppy, large and landscape',
    probe: clip({ container: 'webm', codec: 'vp8', durationS: 1, fps: 8, width: 1920, height: 1080 }),
    bytes: 12_000_000,
    video: { orientation: 'portrait' },
    expected: [
      { rule: 'container' },
      { rule: 'codec' },
      { rule: 'duration' },
      { rule: 'fps' },
      { rule: 'resolution' },
      { rule: 'bytes' },
      { rule: 'orientation' },
    ],
  },
];

function limitsFor(testCase: Case): MediaLimits {
  const limits: MediaLimits = { preferred: testCase.probe.kind };
  if (testCase.video !== null) limits.video = { ...VIDEO_LIMITS, ...testCase.video };
  if (testCase.image !== null) limits.image = { ...IMAGE_LIMITS, ...testCase.image };
  return limits;
}

describe('checkFit', () => {
  it.each(CASES)('$name', (testCase) => {
    const result = checkFit(testCase.probe, testCase.bytes ?? 1_000_000, limitsFor(testCase));
    if (testCase.expected.length === 0) {
      expect(result).toEqual({ ok: true });
      return;
    }
    expect(result.ok).toBe(false);
    const violations: FitViolation[] = result.ok ? [] : result.violations;
    expect(violations.map((v) => v.rule)).toEqual(testCase.expected.map((e) => e.rule));
    testCase.expected.forEach((expected, i) => {
      const violation = violations[i];
      if (expected.actual !== undefined) expect(violation?.actual).toEqual(expected.actual);
      if (typeof expected.message === 'string') expect(violation?.message).toBe(expected.message);
      if (expected.message instanceof RegExp) expect(violation?.message).toMatch(expected.message);
      expect(violation?.limit).toBeTruthy();
    });
  });

  it('reports the limit in words a developer can compare', () => {
    const result = checkFit(clip({ durationS: 9 }), 1_000, { preferred: 'video', video: VIDEO_LIMITS });
    expect(result).toEqual({
      ok: false,
      violations: [{ rule: 'duration', actual: 9, limit: '2–5 s', message: 'clip is 9 s; this provider needs 2–5 s' }],
    });
  });
});

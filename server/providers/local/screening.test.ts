/**
 * End-to-end screening through the real workers (ffmpeg.wasm decode + blazeface/facemesh), on the shared
 * fixtures and on clips built at test time. One host for the file: the detector loads once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalProvider, LOCAL_DISPLAY_NAME, NO_DEEPFAKE_MODEL_TAG } from './client.js';
import { createHash } from 'node:crypto';
import { createScreeningHost } from './screening-host.js';
import { createScreeningService, ScreeningUnavailableError } from './screening-service.js';
import {
  buildFrozenClip,
  buildLowFpsClip,
  buildShortClip,
  buildSplicedClip,
  mediaFixture,
  sharedFixture,
} from './test-clips.test-helpers.js';
import type { FindingCode, LocalScreeningResult } from './types.js';

// The workers run at the lowest CPU priority: on a loaded box a screening can take tens of seconds.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const host = createScreeningHost();
afterAll(() => host.close());

// The service shares one analysis per clip (by sha256): a fixture is decoded and detected once for the file.
const screenings = createScreeningService({ host });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const screen = (bytes: Uint8Array, telemetry?: Record<string, unknown>) =>
  screenings.screen({ sha256: sha256(bytes), bytes }, telemetry);
const codes = (r: LocalScreeningResult): FindingCode[] => r.findings.map((f) => f.code);
const face640 = sharedFixture('face_640x480.mp4');

describe('local screening on fixtures', () => {
  let good: LocalScreeningResult;
  beforeAll(async () => {
    good = await screen(face640, { cameraLabel: 'FaceTime HD Camera (Built-in)' });
  });

  it('gives a good face clip "review" with no finding, never "pass", with a frame strip', () => {
    expect(good.verdict).toBe('review');
    expect(good.findings).toEqual([]);
    expect(good.label).toBe('local screening — no deepfake model');
    expect(good.frames).toHaveLength(10);
    for (const f of good.frames) {
      expect(f.jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(f.faces).toHaveLength(1);
      expect(f.width).toBe(480);
    }
    expect(good.frames.map((f) => f.timeS)).toEqual([...good.frames.map((f) => f.timeS)].sort((a, b) => a - b));
    expect(good.measurements).toMatchObject({ decodedFrames: 125, samplesWithOneFace: 10 });
    expect(good.measurements?.durationS).toBeCloseTo(5, 2);
  });

  it('fails a virtual camera named in the telemetry, on the same good clip (its analysis shared)', async () => {
    const r = await screen(face640, { cameraLabel: 'OBS Virtual Camera' });
    expect(r.verdict).toBe('fail');
    expect(codes(r)).toEqual(['virtual_camera']);
    expect(r.findings[0]?.evidence).toMatchObject({ cameraLabel: 'OBS Virtual Camera', matched: 'OBS Virtual Camera' });
    expect(r.frames).toHaveLength(10);
    expect(r.timingsMs.decode).toBe(good.timingsMs.decode); // not decoded again
  });

  it('finds two faces in every frame of the two-face clip', async () => {
    const r = await screen(sharedFixture('twofaces_1280x720.mp4'));
    expect(r.verdict).toBe('fail');
    expect(codes(r)).toEqual(['multiple_faces']);
    expect(r.findings[0]?.samples).toHaveLength(10);
  });

  it('finds small faces in the wide two-face clip', async () => {
    const r = await screen(sharedFixture('twofaces_wide_1280x720.mp4'));
    expect(codes(r)).toContain('face_too_small');
    expect(r.findings.find((f) => f.code === 'face_too_small')?.evidence).toMatchObject({ minHeightShare: 0.27 });
  });

  it('finds no face in the coffee-cup clip', async () => {
    const r = await screen(sharedFixture('noface_1280x720.mp4'));
    expect(codes(r)).toEqual(['no_face']);
  });

  it('finds the 0.4 s fixture too short', async () => {
    const r = await screen(mediaFixture('h264_320x240_0.4s.mp4'));
    expect(codes(r)).toContain('too_short');
    expect(r.findings.find((f) => f.code === 'too_short')?.evidence).toMatchObject({ decodedFrames: 10, decodedDurationS: 0.4 });
  });

  it('reports non-video and corrupt bytes as unreadable', async () => {
    expect(codes(await screen(mediaFixture('sine_aac_1s.m4a')))).toEqual(['unreadable']);
    const truncated = face640.subarray(0, 4000);
    const r = await screen(truncated);
    expect(r.verdict).toBe('fail');
    expect(codes(r)).toEqual(['unreadable']);
    expect(r.frames).toEqual([]);
  });
});

describe('local screening on clips built at test time', () => {
  it('finds frozen frames in a looped still', async () => {
    const r = await screen(await buildFrozenClip(face640));
    expect(codes(r)).toEqual(['frozen_frames']);
    expect(r.findings[0]?.evidence).toMatchObject({ run: { firstFrame: 0, lastFrame: 74 } });
  });

  it('finds the face track jump of a splice', async () => {
    const r = await screen(await buildSplicedClip(face640));
    expect(codes(r)).toContain('face_track_jump');
    const jump = r.findings.find((f) => f.code === 'face_track_jump');
    expect(jump?.samples).toHaveLength(2);
  });

  it('finds a 0.6 s clip too short', async () => {
    expect(codes(await screen(await buildShortClip(face640)))).toContain('too_short');
  });

  it('finds a 4 fps clip too slow', async () => {
    const r = await screen(await buildLowFpsClip(face640));
    expect(codes(r)).toContain('fps_too_low');
  });
});

describe('the local provider', () => {
  it("never passes, labels itself as having no deepfake model, and reuses the capture's screening", async () => {
    const provider = createLocalProvider({ screenings });
    expect(provider).toMatchObject({ id: 'local', mode: 'local', displayName: LOCAL_DISPLAY_NAME });
    const outcome = await provider.check(
      { kind: 'video', bytes: face640, container: 'mp4', mime: 'video/mp4', sha256: sha256(face640) },
      { idempotencyKey: 'k', attempt: 1, telemetry: { cameraLabel: 'Integrated Webcam' } },
    );
    expect(outcome).toMatchObject({ kind: 'result', verdict: 'review', riskTags: [NO_DEEPFAKE_MODEL_TAG] });
    expect(outcome.latencyMs).toBeLessThan(1000); // the analysis above was reused, not redone
  });
});

describe('a screening that cannot finish', () => {
  it('is reported as "could not screen" (a timeout), never as a finding about the clip', async () => {
    const slowHost = createScreeningHost({ timeoutMs: 1 });
    try {
      const slow = createScreeningService({ host: slowHost });
      await expect(slow.screen({ sha256: 'timeout-test', bytes: face640 })).rejects.toThrow(ScreeningUnavailableError);
      const outcome = await createLocalProvider({ screenings: slow }).check(
        { kind: 'video', bytes: face640, container: 'mp4', mime: 'video/mp4', sha256: 'timeout-test-2' },
        { idempotencyKey: 'k', attempt: 1 },
      );
      expect(outcome).toMatchObject({ kind: 'error', category: 'timeout', vendorCode: 'Local.decode_timeout' });
    } finally {
      await slowHost.close();
    }
  });
});

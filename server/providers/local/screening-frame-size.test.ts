/**
 * The screening compares the header's frame size with the stream's, and stops an oversized stream
 * before decoding it (H.264: from its SPS; any codec: the decoder refuses its first oversized frame).
 * Through the real workers, on clips built at test time.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeTestClip, withMp4HeaderSize, withWebmHeaderSize } from '@contract/media/frame-size-clips.test-helpers.js';
import { fixture } from '@contract/media/test-fixtures.js';
import { toCaptureIntegrity } from './integrity-record.js';
import { sharedFixture } from './test-clips.test-helpers.js';
import { createScreeningHost } from './screening-host.js';
import { createScreeningService } from './screening-service.js';
import type { LocalScreeningResult } from './types.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const host = createScreeningHost();
afterAll(() => host.close());
const screenings = createScreeningService({ host });
const screen = (bytes: Uint8Array) => screenings.screen({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes });
const codes = (r: LocalScreeningResult) => r.findings.map((f) => f.code);
const mismatch = (r: LocalScreeningResult) => r.findings.find((f) => f.code === 'dimension_mismatch');

let vp8At720: Uint8Array;
let vp8At480: Uint8Array;
beforeAll(async () => {
  [vp8At720, vp8At480] = await Promise.all([
    encodeTestClip({ width: 1280, height: 720, fps: 25, frames: 50, codec: 'vp8' }),
    encodeTestClip({ width: 640, height: 480, fps: 25, frames: 50, codec: 'vp8' }),
  ]);
});

describe('frame size: header against stream', () => {
  it('stops an 8000×8000 H.264 stream behind a 640×480 header before decoding, as a suspected fake', async () => {
    const clip = withMp4HeaderSize(
      await encodeTestClip({ width: 8000, height: 8000, fps: 1, frames: 1, codec: 'h264' }),
      640,
      480,
    );
    const r = await screen(clip);
    expect(r.verdict).toBe('fail');
    expect(codes(r)).toEqual(['dimension_mismatch']);
    expect(mismatch(r)?.evidence).toMatchObject({
      declared: { width: 640, height: 480 },
      stream: { width: 8000, height: 8000 },
      source: 'sps',
    });
    expect(r.timingsMs.decode).toBeUndefined(); // nothing was decoded
    expect(r.frames).toEqual([]);
    expect(toCaptureIntegrity(r, new Date()).findings[0]).toMatchObject({ code: 'dimension_mismatch', kind: 'suspected_fake' });
  });

  it("stops a 1280×720 VP8 stream behind a 640×480 header at its first frame (the decoder's pixel limit)", async () => {
    const r = await screen(withWebmHeaderSize(vp8At720, 640, 480));
    expect(codes(r)).toEqual(['dimension_mismatch']);
    expect(mismatch(r)?.evidence).toMatchObject({
      declared: { width: 640, height: 480 },
      stream: { height: 720 },
      source: 'decoder',
    });
    expect(r.frames).toEqual([]);
  });

  it('finds a 640×480 VP8 stream behind a 1280×720 header (decoded, then compared)', async () => {
    const r = await screen(withWebmHeaderSize(vp8At480, 1280, 720));
    expect(codes(r)).toContain('dimension_mismatch');
    expect(mismatch(r)?.evidence).toMatchObject({
      declared: { width: 1280, height: 720 },
      stream: { width: 640, height: 480 },
      source: 'decoder',
    });
    expect(r.frames).toHaveLength(10);
  });

  it('finds nothing to say about honest clips: Chromium MediaRecorder (VP8, H.264 in MP4 and Matroska), a rotated clip, untouched VP8', async () => {
    const recorded = [
      'mediarecorder_vp8_opus_640x480.webm',
      'mediarecorder_h264_640x480.mp4',
      'h264_320x240_2s_rotate90.mp4',
    ].map(fixture);
    for (const clip of [...recorded, sharedFixture('mediarecorder_h264_1280x720.mkv'), vp8At720]) {
      expect(codes(await screen(clip))).not.toContain('dimension_mismatch');
    }
  });
});

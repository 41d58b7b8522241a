/** The mapping from a fitting job to Mediabunny's conversion settings (the conversions themselves run in Chromium: e2e/capture-fit.spec.ts). */
import { Quality } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { conversionSettings } from './browser-fit';

const transcode = { kind: 'transcode' as const, width: 480, height: 640, fps: 25, bitsPerSecond: 900_000 };

describe('conversionSettings', () => {
  it('trim: video only, a forced stream copy keeping only frames that end by the cut', () => {
    expect(conversionSettings({ kind: 'trim', durationS: 2.8 })).toEqual({
      tracks: 'primary',
      audio: { discard: true },
      copy: { mode: 'forced', boundaryPolicy: 'shrink' },
      trim: { end: 2.8 },
    });
  });

  it('remux: video only, a forced stream copy of the whole clip', () => {
    expect(conversionSettings({ kind: 'remux' })).toEqual({
      tracks: 'primary',
      audio: { discard: true },
      copy: { mode: 'forced' },
    });
  });

  it('transcode mirrors the ffmpeg command: H.264 at the planned size, constant rate and bitrate, rotation baked in', () => {
    const settings = conversionSettings({ ...transcode, durationS: 2.8 });
    expect(settings).toMatchObject({
      tracks: 'primary',
      audio: { discard: true },
      copy: false,
      video: { codec: 'avc', width: 480, height: 640, fit: 'fill', frameRate: 25, allowTransformationMetadata: false },
      trim: { end: 2.8 },
    });
    // The bitrate is explicit and constant, so the planner's byte budget holds.
    const quality = (settings.video as { quality: Quality }).quality;
    expect(quality).toEqual(new Quality({ bitrate: 900_000, bitrateMode: 'constant' }));
    expect(quality).not.toEqual(new Quality({ bitrate: 900_000, bitrateMode: 'variable' }));
  });

  it('a transcode with no cut keeps the whole clip', () => {
    expect(conversionSettings({ ...transcode, durationS: null })).not.toHaveProperty('trim');
  });
});

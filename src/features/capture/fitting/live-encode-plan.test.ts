import { describe, expect, it } from 'vitest';
import { checkFit } from '@contract/media/fit-check';
import { liveEncodeDecision, predictedOutput, strictestVideoLimits } from './live-encode-plan';
import type { FitProvider } from './plan';
import { predictRecording } from './predict';
import { ALIBABA_CN, ALIBABA_INTL, ALL_VENDORS, FINAUTH, GLAIR, TENCENT } from './vendors.test-helpers';

const chromeMp4 = { recorderMimeType: 'video/mp4;codecs=avc1', width: 640, height: 480, frameRate: 25 };
const firefoxWebm = { recorderMimeType: 'video/webm;codecs=vp9', width: 640, height: 480, frameRate: 25 };

describe('liveEncodeDecision (encode while recording: when, and at which settings)', () => {
  it('not when the recorder’s MP4 needs at most a stream copy (Chromium, 640×480)', () => {
    expect(liveEncodeDecision([TENCENT, FINAUTH, GLAIR], chromeMp4)).toEqual({ action: null, reason: 'no_re_encode_needed' });
    expect(liveEncodeDecision([TENCENT, ALIBABA_INTL], chromeMp4)).toEqual({ action: null, reason: 'no_re_encode_needed' });
  });

  it('not with nothing chosen', () => {
    expect(liveEncodeDecision([], firefoxWebm)).toEqual({ action: null, reason: 'nothing_chosen' });
  });

  it('a WebM recorder (Firefox) with Tencent + Alibaba intl: one 640×480 H.264 file cut inside both windows (the strictest: 1–3 s)', () => {
    const { action } = liveEncodeDecision([TENCENT, ALIBABA_INTL], firefoxWebm);
    expect(action).toMatchObject({ kind: 'transcode', width: 640, height: 480, fps: 25 });
    expect(action!.durationS).toBeGreaterThanOrEqual(2);
    expect(action!.durationS).toBeLessThanOrEqual(3);
  });

  it('a 1080p camera: scaled into the smallest size limit (Tencent’s 1280×720), whole 3.5 s kept when every window allows it', () => {
    const { action } = liveEncodeDecision([TENCENT, FINAUTH], { ...chromeMp4, width: 1920, height: 1080 });
    expect(action).toMatchObject({ kind: 'transcode', width: 1280, height: 720, durationS: null });
  });

  it('the settings it picks make a file every chosen provider takes as-is (the server’s fit check), for every vendor set', () => {
    const sets: FitProvider[][] = [ALL_VENDORS, [TENCENT], [ALIBABA_INTL], [ALIBABA_CN, FINAUTH], [GLAIR, TENCENT]];
    for (const providers of sets) {
      const { action } = liveEncodeDecision(providers, firefoxWebm);
      expect(action, providers.map((p) => p.id).join('+')).not.toBeNull();
      const out = predictedOutput(action!, predictRecording(firefoxWebm).probe);
      for (const p of providers) expect([p.id, checkFit(out.probe, out.bytes, p.limits)]).toEqual([p.id, { ok: true }]);
    }
  });

  it('no common file when the duration windows do not overlap: the recorder and per-provider fitting instead', () => {
    const short: FitProvider = {
      id: 'glair',
      limits: { ...GLAIR.limits, video: { ...GLAIR.limits.video!, durationS: { min: 0.5, max: 1.5 } } },
    };
    expect(liveEncodeDecision([short, TENCENT], firefoxWebm)).toEqual({ action: null, reason: 'no_common_file' });
  });
});

describe('strictestVideoLimits', () => {
  it('narrowest windows, smallest sizes, raw byte caps (a base64 cap becomes 3/4 of itself)', () => {
    const s = strictestVideoLimits([TENCENT, ALIBABA_INTL])!;
    expect(s.durationS).toEqual({ min: 2, max: 3 });
    expect(s.maxLongSidePx).toBe(1280);
    expect(s.maxBytesAfterBase64).toBe(false);
    expect(s.maxBytes).toBeLessThanOrEqual(Math.floor((TENCENT.limits.video!.maxBytes * 3) / 4));
    expect(s.minBytes).toBe(ALIBABA_INTL.limits.video!.minBytes);
  });

  it('null when a provider takes no MP4/H.264 or no video at all', () => {
    const noMp4: FitProvider = {
      id: 'glair',
      limits: { ...GLAIR.limits, video: { ...GLAIR.limits.video!, containers: ['webm'] } },
    };
    expect(strictestVideoLimits([TENCENT, noMp4])).toBeNull();
    expect(strictestVideoLimits([{ id: 'glair', limits: { preferred: 'image' } }])).toBeNull();
  });
});

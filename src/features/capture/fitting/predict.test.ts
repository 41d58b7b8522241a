import { describe, expect, it } from 'vitest';
import { fittingLikelyNeeded, predictRecording } from './predict';
import { ALIBABA_INTL, ALL_VENDORS, FINAUTH, GLAIR, TENCENT } from './vendors.test-helpers';

const chromeMp4 = { recorderMimeType: 'video/mp4;codecs=avc1', width: 640, height: 480, frameRate: 25 };

describe('fittingLikelyNeeded (whether to download ffmpeg while the person is being guided)', () => {
  it('not for Tencent, FinAuth and GLAIR with an MP4 recorder: the 3.5 s recording fits them as-is', () => {
    expect(fittingLikelyNeeded([TENCENT, FINAUTH, GLAIR], chromeMp4)).toBe(false);
  });

  it('yes as soon as an Alibaba (1–3 s) is chosen', () => {
    expect(fittingLikelyNeeded([TENCENT, ALIBABA_INTL], chromeMp4)).toBe(true);
    expect(fittingLikelyNeeded(ALL_VENDORS, chromeMp4)).toBe(true);
  });

  it('yes for a WebM recorder (Firefox) or a 1080p camera, whatever is chosen', () => {
    expect(fittingLikelyNeeded([TENCENT], { recorderMimeType: 'video/webm;codecs=vp8' })).toBe(true);
    expect(fittingLikelyNeeded([TENCENT], { ...chromeMp4, width: 1920, height: 1080 })).toBe(true);
  });

  it('never with nothing chosen', () => {
    expect(fittingLikelyNeeded([], { recorderMimeType: undefined })).toBe(false);
  });

  it('predicts Chromium’s webm;codecs=h264 as Matroska/H.264 (it reports video/x-matroska)', () => {
    expect(predictRecording({ recorderMimeType: 'video/webm;codecs=h264' }).probe).toMatchObject({ container: 'mkv', codec: 'h264' });
  });
});

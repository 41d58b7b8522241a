import { describe, expect, it } from 'vitest';
import { describeUserAgent, hintTrouble, summarizeTelemetry } from './telemetry';

describe('summarizeTelemetry', () => {
  it('summarises what the capture page sends', () => {
    const s = summarizeTelemetry({
      recorderMimeType: 'video/mp4;codecs=avc1',
      cameraLabel: '/tmp/face.y4m',
      trackSettings: { width: 640, height: 480, frameRate: 25 },
      detectorMsMedian: 12.3,
      faceBoxes: [
        { t: 0, x: 1, y: 2, w: 130, h: 130, score: 0.95 },
        { t: 200, x: 1, y: 2, w: 140, h: 140, score: 0.95 },
        { t: 400, x: 1, y: 2, w: 150, h: 150, score: 0.95 },
        { t: 400, x: 300, y: 2, w: 90, h: 90, score: 0.7 },
      ],
      hints: [
        { t: 0, hint: 'ready' },
        { t: 1200, hint: 'no_face' },
      ],
      guidanceMs: 2100,
      recordingMs: 3004,
      userAgent: 'UA',
    });
    expect(s).toEqual({
      recorderMimeType: 'video/mp4;codecs=avc1',
      cameraLabel: '/tmp/face.y4m',
      resolution: '640×480',
      frameRate: 25,
      detectorMsMedian: 12.3,
      faceBoxCount: 4,
      faceBoxMedianPx: 135,
      oneFaceShare: 2 / 3,
      hints: [
        { t: 0, hint: 'ready' },
        { t: 1200, hint: 'no_face' },
      ],
      guidanceMs: 2100,
      recordingMs: 3004,
      userAgent: 'UA',
    });
    expect(hintTrouble(s)).toBe(true);
  });

  it('tolerates missing or malformed telemetry', () => {
    for (const t of [undefined, null, 'x', [], {}, { faceBoxes: 'no', hints: [1, { hint: 2 }], trackSettings: [] }]) {
      const s = summarizeTelemetry(t);
      expect(s.faceBoxCount).toBe(0);
      expect(s.hints).toEqual([]);
      expect(hintTrouble(s)).toBe(false);
    }
  });
});

describe('describeUserAgent', () => {
  it('names common phone and desktop browsers', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      ),
    ).toEqual({ browser: 'Chrome 131', os: 'Android 14', mobile: true });
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ browser: 'Safari 17', os: 'iOS 17', mobile: true });
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toEqual({
      browser: 'Firefox 128',
      os: 'Linux',
      mobile: false,
    });
    expect(describeUserAgent(undefined)).toEqual({ mobile: false });
  });
});

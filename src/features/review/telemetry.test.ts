import { describe, expect, it } from 'vitest';
import { describeUserAgent, hintTrouble, plainFacts, summarizeTelemetry } from './telemetry';

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

describe('plainFacts', () => {
  it('says the capture in a reviewer’s words and flags what needs a look', () => {
    const facts = plainFacts(
      {
        faceBoxCount: 10,
        oneFaceShare: 0.6,
        hints: [
          { t: 0, hint: 'ready' },
          { t: 900, hint: 'no_face' },
        ],
        meanLumaMedian: 50,
        sharpnessMedian: 0.7,
        startedBy: 'manual',
        retakes: 2,
        recordingMs: 3500,
        cameraLabel: 'FaceTime HD Camera',
      },
      { browser: 'Chrome 120', os: 'Android 14', mobile: true },
    );
    expect(facts.map((f) => [f.label, f.text, f.concern])).toEqual([
      ['Face', 'One face in view 60 % of the time', true],
      ['Light', 'Too dark', true],
      ['Focus', 'Sharp', false],
      ['While recording', 'The person was guided once (face lost or off)', true],
      ['Started', 'By hand: the face was never steadily in place', true],
      ['Retakes', 'Recorded 3 times before sending', true],
      ['Length', '3.5 s', false],
      ['Device', 'Chrome 120 on Android 14 (phone or tablet)', false],
      ['Camera', 'FaceTime HD Camera', false],
    ]);
  });

  it('reads a clean capture as clean and gives no focus verdict on the old absolute sharpness scale', () => {
    const facts = plainFacts(
      {
        faceBoxCount: 6,
        oneFaceShare: 1,
        hints: [{ t: 0, hint: 'ready' }],
        meanLumaMedian: 128,
        sharpnessMedian: 2600,
        startedBy: 'auto',
      },
      { mobile: false },
    );
    expect(facts.every((f) => !f.concern)).toBe(true);
    expect(facts.map((f) => f.label)).toEqual(['Face', 'Light', 'While recording', 'Started']);
  });
});

import { describe, expect, it } from 'vitest';
import { boxesAt, readFaceTrack } from './face-track';

const telemetry = {
  frameSize: { width: 640, height: 480 },
  faceBoxes: [
    { t: 0, x: 100, y: 100, w: 200, h: 200, score: 0.9 },
    { t: 200, x: 120, y: 110, w: 220, h: 220, score: 0.9 },
    { t: 400, x: 100, y: 100, w: 200, h: 200, score: 0.9 },
    { t: 400, x: 400, y: 100, w: 100, h: 100, score: 0.6 },
    { t: 2000, x: 10, y: 10, w: 50, h: 50, score: 0.9 },
    { t: 'bad', x: 1 },
  ],
};

describe('readFaceTrack', () => {
  it('groups samples by instant and keeps the frame size', () => {
    const track = readFaceTrack(telemetry)!;
    expect(track.width).toBe(640);
    expect(track.samples.map((s) => [s.t, s.boxes.length])).toEqual([
      [0, 1],
      [200, 1],
      [400, 2],
      [2000, 1],
    ]);
  });

  it('falls back to trackSettings or the probe size, and tolerates junk', () => {
    expect(readFaceTrack({ faceBoxes: [{ t: 0, x: 0, y: 0, w: 1, h: 1 }] }, { width: 320, height: 240 })?.width).toBe(320);
    expect(readFaceTrack({ faceBoxes: [{ t: 0, x: 0, y: 0, w: 1, h: 1 }] })).toBeUndefined();
    expect(readFaceTrack({ faceBoxes: 'x', frameSize: { width: 1, height: 1 } })).toBeUndefined();
    expect(readFaceTrack(null)).toBeUndefined();
  });
});

describe('boxesAt', () => {
  const track = readFaceTrack(telemetry)!;

  it('interpolates between single-face samples', () => {
    expect(boxesAt(track, 100)).toEqual([{ x: 110, y: 105, w: 210, h: 210 }]);
    expect(boxesAt(track, 0)).toEqual([{ x: 100, y: 100, w: 200, h: 200 }]);
  });

  it('shows every face of the nearest sample when a sample has several', () => {
    expect(boxesAt(track, 350)).toHaveLength(2);
    expect(boxesAt(track, 450)).toHaveLength(2);
  });

  it('draws nothing across a long gap or far outside the track', () => {
    expect(boxesAt(track, 1200)).toEqual([]);
    expect(boxesAt(track, 1800)).toEqual([{ x: 10, y: 10, w: 50, h: 50, score: 0.9 }]);
    expect(boxesAt(track, 5000)).toEqual([]);
    expect(boxesAt(track, -1000)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { frameCount, frameIndexAt, frameLabel, probeFps, stepFrameTime } from './frames';

describe('probeFps', () => {
  it('reads numbers and rate strings, rejects nonsense', () => {
    expect(probeFps({ fps: 30 })).toBe(30);
    expect(probeFps({ fps: '30000/1001' })).toBeCloseTo(29.97, 2);
    expect(probeFps({ frameRate: '25' })).toBe(25);
    expect(probeFps({ fps: 0 })).toBeUndefined();
    expect(probeFps({ fps: 'x' })).toBeUndefined();
    expect(probeFps(undefined)).toBeUndefined();
  });
});

describe('frame stepping', () => {
  const fps = 30;
  const duration = 3.5; // 105 frames

  it('indexes frames, boundaries included', () => {
    expect(frameIndexAt(0, fps)).toBe(0);
    expect(frameIndexAt(1 / 30, fps)).toBe(1);
    expect(frameIndexAt(0.999, fps)).toBe(29);
    expect(frameCount(duration, fps)).toBe(105);
  });

  it('steps one frame forward and back, landing mid-frame', () => {
    const t1 = stepFrameTime(0, 1, fps, duration);
    expect(t1).toBeCloseTo(1.5 / 30, 9);
    expect(frameIndexAt(t1, fps)).toBe(1);
    const t0 = stepFrameTime(t1, -1, fps, duration);
    expect(frameIndexAt(t0, fps)).toBe(0);
    // Repeated stepping never skips or sticks.
    let t = 0;
    for (let i = 1; i <= 50; i++) {
      t = stepFrameTime(t, 1, fps, duration);
      expect(frameIndexAt(t, fps)).toBe(i);
    }
  });

  it('clamps at both ends', () => {
    expect(frameIndexAt(stepFrameTime(0, -1, fps, duration), fps)).toBe(0);
    const end = stepFrameTime(duration, 1, fps, duration);
    expect(frameIndexAt(end, fps)).toBe(104);
    expect(end).toBeLessThanOrEqual(duration);
  });

  it('works before the duration is known', () => {
    expect(frameIndexAt(stepFrameTime(0.5, 1, 25, NaN), 25)).toBe(13);
  });

  it('labels the current frame', () => {
    expect(frameLabel(1.5 / 30, fps, duration)).toBe('frame 2 / 105 · 0.050 s');
  });
});

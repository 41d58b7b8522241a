import { describe, expect, it } from 'vitest';
import { DetectorStats } from './face-detector';

describe('DetectorStats', () => {
  it('keeps detection alone and detection + checks apart, with medians and p95 over the window', () => {
    const stats = new DetectorStats(20);
    for (let i = 1; i <= 20; i++) stats.add(i, i + 2);
    expect(stats.snapshot()).toEqual({ frames: 20, medianMs: 10.5, p95Ms: 19, lastMs: 20, frameMedianMs: 12.5, frameP95Ms: 21 });
  });

  it('rolls over: only the last `windowSize` frames count, the frame counter keeps going', () => {
    const stats = new DetectorStats(3);
    for (const ms of [100, 100, 100, 1, 2, 3]) stats.add(ms);
    const s = stats.snapshot();
    expect(s.frames).toBe(6);
    expect([s.medianMs, s.p95Ms, s.frameMedianMs]).toEqual([2, 3, 2]);
    expect(stats.medianMs).toBe(2);
  });

  it('reports zeros before the first frame', () => {
    expect(new DetectorStats().snapshot()).toEqual({
      frames: 0,
      medianMs: 0,
      p95Ms: 0,
      lastMs: 0,
      frameMedianMs: 0,
      frameP95Ms: 0,
    });
  });

  it('counts a frame judged with the previous detections as judged, not as a detection', () => {
    const stats = new DetectorStats();
    stats.add(8, 9, 1);
    stats.add(null, 2, 2);
    stats.add(6, 7, 4);
    expect(stats.counts).toEqual({ presented: 4, judged: 3, detected: 2, totalMs: 18 });
    expect(stats.snapshot()).toMatchObject({ frames: 3, medianMs: 7, lastMs: 6, frameMedianMs: 7 });
  });
});

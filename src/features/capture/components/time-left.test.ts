import { describe, expect, it } from 'vitest';
import { ESTIMATE_AFTER_MS, estimateSecondsLeft } from './time-left';

describe('estimateSecondsLeft', () => {
  it('carries the rate so far forward', () => {
    expect(estimateSecondsLeft(10_000, 0.25)).toBeCloseTo(30);
    expect(estimateSecondsLeft(4_000, 0.8)).toBeCloseTo(1);
  });
  it('gives none for a quick upload, before any progress, or at the end', () => {
    expect(estimateSecondsLeft(ESTIMATE_AFTER_MS - 1, 0.1)).toBeNull();
    expect(estimateSecondsLeft(10_000, 0)).toBeNull();
    expect(estimateSecondsLeft(10_000, 1)).toBeNull();
  });
});

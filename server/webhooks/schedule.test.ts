import { describe, expect, it } from 'vitest';
import { RETRY_DELAYS_MS, RETRY_WINDOW_MS, nextAttemptDelay } from './schedule.js';

describe('nextAttemptDelay', () => {
  it('backs off exponentially from 5 s and stays at 8 h', () => {
    const nominal = (n: number) => nextAttemptDelay(n, () => 0.5);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20].map(nominal)).toEqual([
      5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 28_800_000, 28_800_000,
    ]);
  });

  it('jitters by at most ±20 %', () => {
    expect(nextAttemptDelay(1, () => 0)).toBe(4_000);
    expect(nextAttemptDelay(1, () => 0.999999)).toBe(6_000);
    expect(nextAttemptDelay(9, () => 0)).toBe(0.8 * 8 * 3_600_000);
  });

  it('keeps retrying for more than 24 h even with the shortest jitter', () => {
    let elapsed = 0;
    let attempt = 1;
    // The worker gives up only on a failure after the window: the last retry starts past it.
    while (elapsed < RETRY_WINDOW_MS) elapsed += nextAttemptDelay(attempt++, () => 0);
    expect(elapsed).toBeGreaterThan(RETRY_WINDOW_MS);
    expect(attempt).toBeGreaterThan(RETRY_DELAYS_MS.length);
  });
});

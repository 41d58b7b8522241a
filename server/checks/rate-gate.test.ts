import { describe, expect, it } from 'vitest';
import { createRateGate } from './rate-gate.js';

/**
 * A virtual clock: sleep advances time without waiting, so the tests are exact and fast. It lets
 * pending continuations run first (setTimeout 0), as real time would.
 */
function virtualClock() {
  let t = 0;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) =>
      setTimeout(() => {
        t += ms;
        resolve();
      }, 0),
    );
  return { now: () => t, sleep };
}

describe('rate gate', () => {
  it('never starts more than ratePerSecond requests in any sliding second', async () => {
    const clock = virtualClock();
    const gate = createRateGate({ ratePerSecond: 5, maxConcurrent: 100, windowSlackMs: 0, ...clock });
    const startedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 23 }, async () => {
        const release = await gate.acquire();
        startedAt.push(clock.now());
        release();
      }),
    );
    expect(startedAt).toHaveLength(23);
    for (const t of startedAt) {
      expect(startedAt.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(5);
    }
    // …evenly spaced, so the quota is used fully without bursts.
    expect(startedAt.slice(0, 4)).toEqual([0, 200, 400, 600]);
    expect(Math.max(...startedAt)).toBe(22 * 200);
  });

  it('caps concurrency and queues the rest in order', async () => {
    const gate = createRateGate({ maxConcurrent: 2 });
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const all = [0, 1, 2, 3].map((i) =>
      gate.acquire().then((release) => {
        order.push(i);
        releases.push(release);
      }),
    );
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([0, 1]);
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 2 });
    releases[0]!();
    releases[1]!();
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3]);
    releases[2]!();
    releases[3]!();
    expect(gate.stats()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('pauses new starts after a back-off', async () => {
    const clock = virtualClock();
    const gate = createRateGate({ maxConcurrent: 10, ...clock });
    (await gate.acquire())();
    gate.backOff(1500);
    await gate.acquire();
    expect(clock.now()).toBe(1500);
  });
});

import { describe, expect, it } from 'vitest';
import type { RateGate, RateGateRelease } from './rate-gate.js';
import { createRateLimitedFetch } from './rate-limited-fetch.js';
import type { PreparedRequest, SendThread, SendTiming } from './send-thread/send-thread.js';
import { trackSends } from './send-tracker.js';

/** A gate that grants the given slots in order. */
function scriptedGate(slots: Array<{ sendAt?: number; sendBy?: number }>): RateGate & { granted: number } {
  const gate = {
    granted: 0,
    async acquire(): Promise<RateGateRelease> {
      const slot = slots[gate.granted++]!;
      return Object.assign(() => {}, slot);
    },
    backOff() {},
    stats: () => ({ inFlight: 0, queued: 0 }),
  };
  return gate;
}

/** A send thread that misses the first `misses` slots and records what it was given. */
function fakeThread(misses: number): SendThread & { sends: SendTiming[]; prepared: number } {
  const thread = {
    sends: [] as SendTiming[],
    prepared: 0,
    async prepare(input: RequestInfo | URL): Promise<PreparedRequest> {
      thread.prepared += 1;
      return { url: String(input), method: 'POST', headers: [], body: new ArrayBuffer(3), redirect: 'manual' as const };
    },
    send(_request: PreparedRequest, timing: SendTiming) {
      thread.sends.push({ sendAt: timing.sendAt, sendBy: timing.sendBy });
      const sent = thread.sends.length > misses;
      const response = sent ? Promise.resolve(new Response('{"ok":true}')) : Promise.reject(new Error('missed'));
      response.catch(() => {}); // as the real thread: a missed slot's answer is never awaited
      return { sent: Promise.resolve(sent), response };
    },
    async close() {},
  };
  return thread;
}

describe('rate-limited fetch', () => {
  it("hands the slot's times to the send thread, takes the next slot when one is missed, charges the attempt once", async () => {
    const gate = scriptedGate([
      { sendAt: 100, sendBy: 130 },
      { sendAt: 306, sendBy: 336 },
    ]);
    const thread = fakeThread(1);
    const limited = createRateLimitedFetch(() => Promise.reject(new Error('the main thread must not send')), 5, {
      sharedGate: () => gate,
      sendThread: thread,
    });
    let charged = 0;
    const response = await trackSends(
      () => (charged += 1),
      () => limited.fetch('https://vendor.test/api', { method: 'POST', body: 'abc' }),
    );
    expect(await response.json()).toEqual({ ok: true });
    expect(thread.prepared).toBe(1); // built once, sent twice
    expect(thread.sends).toEqual([
      { sendAt: 100, sendBy: 130 },
      { sendAt: 306, sendBy: 336 },
    ]);
    expect(charged).toBe(1);
  });

  it('without a send thread, waits for a slot granted ahead and gives up a slot it would miss', async () => {
    const now = performance.now();
    const gate = scriptedGate([
      { sendBy: now - 1 }, // already over: given up
      { sendAt: now + 60, sendBy: now + 1000 },
    ]);
    const sentAt: number[] = [];
    const limited = createRateLimitedFetch(
      async () => {
        sentAt.push(performance.now());
        return new Response('ok');
      },
      5,
      { sharedGate: () => gate },
    );
    await limited.fetch('https://vendor.test/api');
    expect(gate.granted).toBe(2);
    expect(sentAt).toHaveLength(1);
    expect(sentAt[0]!).toBeGreaterThanOrEqual(now + 59);
  });
});

/**
 * A `fetch` that takes a rate slot at the very moment it sends, one sliding-window gate per
 * vendor API (origin + path). Vendors count arrivals, so admission has to sit right before the
 * socket write: any work between the two (signing, base64, a database write) is jitter that can
 * push two requests into the same vendor second. Providers receive this as their `fetch`. Taking the slot is also
 * the moment a check's attempt is charged (./send-tracker.ts): waiting for it costs no attempt.
 */
import { createRateGate, type RateGate, type RateGateRelease } from './rate-gate.js';
import type { SendThread } from './send-thread/send-thread.js';
import { noteSend } from './send-tracker.js';

export interface RateLimitedFetch {
  fetch: typeof fetch;
  /** Pause every gate of this vendor (it said "slow down"). */
  backOff(ms: number): void;
}

export function createRateLimitedFetch(
  fetchImpl: typeof fetch,
  ratePerSecond: number | undefined,
  options: {
    windowSlackMs?: number;
    /** The gate of one API (origin + path) when it is shared with other processes (./quotas/); default in memory. */
    sharedGate?: (api: string, ratePerSecond: number, windowSlackMs?: number) => RateGate;
    /** Sends rate-limited requests from a thread of their own, away from this thread's stalls (./send-thread/). */
    sendThread?: SendThread;
  } = {},
): RateLimitedFetch {
  const gates = new Map<string, RateGate>();
  const gateFor = (url: URL): RateGate => {
    const key = `${url.origin}${url.pathname}`;
    let gate = gates.get(key);
    if (!gate) {
      const { windowSlackMs, sharedGate } = options;
      // Concurrency is capped per check by the vendor gateway; here only the start rate matters.
      gate = sharedGate
        ? sharedGate(key, ratePerSecond!, windowSlackMs)
        : createRateGate({ ratePerSecond, maxConcurrent: Number.POSITIVE_INFINITY, windowSlackMs });
      gates.set(key, gate);
    }
    return gate;
  };

  const limited: typeof fetch = async (input, init) => {
    if (ratePerSecond === undefined) {
      noteSend();
      return fetchImpl(input, init);
    }
    const url = new URL(input instanceof Request ? input.url : String(input));
    const signal = init?.signal ?? undefined;
    const { sendThread } = options;
    const prepared = sendThread ? await sendThread.prepare(input, init) : undefined;
    // A slot the send would miss (it leaves later than the slot's `sendBy`) is given up, and the next one taken.
    for (;;) {
      const release = await abortable(gateFor(url).acquire(), signal);
      release(); // a start slot, not a concurrency slot
      if (sendThread && prepared) {
        const send = sendThread.send(prepared, release);
        if (!(await send.sent)) continue;
        noteSend(); // the request is leaving: only from here does the check's attempt count (./send-tracker.ts)
        return send.response;
      }
      await waitUntil(release.sendAt, signal);
      if (release.sendBy !== undefined && performance.now() > release.sendBy) continue;
      noteSend();
      return fetchImpl(input, init);
    }
  };

  return {
    fetch: limited,
    backOff(ms) {
      for (const gate of gates.values()) gate.backOff(ms);
    },
  };
}

/** Sleeps until `at` (performance.now() clock), if it is ahead. */
async function waitUntil(at: number | undefined, signal: AbortSignal | undefined): Promise<void> {
  for (let left = (at ?? 0) - performance.now(); left > 0; left = at! - performance.now()) {
    await new Promise((resolve) => setTimeout(resolve, left));
    signal?.throwIfAborted();
  }
}

/** Stops waiting for a slot when the request is aborted (its slot, if granted later, is dropped). */
function abortable<T extends RateGateRelease>(slot: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return slot;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      void slot.then((release) => release());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    void slot.then((release) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) release();
      else resolve(release);
    });
  });
}

/**
 * Per-vendor admission: at most `ratePerSecond` request starts in any sliding second, evenly
 * spaced, and at most `maxConcurrent` in flight. Callers queue (FIFO) instead of failing, so a burst is spread out and
 * a vendor that honours its published limit never has to throttle us.
 */
export interface RateGateOptions {
  /** Undefined = no rate limit (the vendor publishes none; its throttling answers are retried). */
  ratePerSecond?: number;
  maxConcurrent: number;
  /**
   * Extra width of the sliding window. Our start times and the vendor's arrival times differ by
   * network and signing jitter; a little slack keeps us strictly under the vendor's count.
   */
  windowSlackMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Call it when the request finished. On the performance.now() clock: `sendAt`, when the slot begins if it was granted
 * ahead of it (the caller waits until then); `sendBy`, the slot is void if the send leaves later.
 */
export type RateGateRelease = (() => void) & { sendAt?: number; sendBy?: number };

export interface RateGate {
  /** Resolves when the caller may start; call the returned function when the request finished. */
  acquire(): Promise<RateGateRelease>;
  /** Spread later starts after a vendor said "slow down". */
  backOff(ms: number): void;
  stats(): { inFlight: number; queued: number };
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createRateGate(options: RateGateOptions): RateGate {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const windowMs = 1000 + (options.windowSlackMs ?? 30);
  const starts: number[] = [];
  const waiters: Array<() => void> = [];
  let inFlight = 0;
  let pausedUntil = 0;
  let pumping = false;

  function waitMsForNextStart(t: number): number {
    while (starts.length > 0 && t - starts[0]! >= windowMs) starts.shift();
    let wait = Math.max(0, pausedUntil - t);
    const rate = options.ratePerSecond;
    if (rate !== undefined) {
      if (starts.length >= rate) wait = Math.max(wait, starts[0]! + windowMs - t);
      // Even spacing, not bursts at the top of each second: requests that leave together arrive
      // queued behind each other, and that queueing is jitter the vendor's window does not forgive.
      const last = starts.at(-1);
      if (last !== undefined) wait = Math.max(wait, last + windowMs / rate - t);
    }
    return wait;
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (waiters.length > 0 && inFlight < options.maxConcurrent) {
        const wait = waitMsForNextStart(now());
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        starts.push(now());
        inFlight += 1;
        waiters.shift()!();
      }
    } finally {
      pumping = false;
    }
  }

  return {
    acquire() {
      return new Promise<() => void>((resolve) => {
        let released = false;
        waiters.push(() =>
          resolve(() => {
            if (released) return;
            released = true;
            inFlight -= 1;
            void pump();
          }),
        );
        void pump();
      });
    },
    backOff(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
    stats: () => ({ inFlight, queued: waiters.length }),
  };
}

/**
 * A vendor API's request rate held for the whole deployment: a GCRA row in PostgreSQL (vendor_rates.next_at, the
 * earliest moment the next request may leave, on the database clock). Reserving a slot advances the row by one
 * interval in one atomic statement, so every process's requests are evenly spaced, never bunched, whichever process
 * sends them. Each process keeps its waiters in a local FIFO and holds at most one reservation per API at a time: it
 * sleeps until that slot and hands it to whoever is first in line then (an aborted waiter wastes nothing).
 *
 * A slot is used only if we wake on time: a process that stalled (event loop busy, a slow answer from the database)
 * by more than the window's slack drops the slot and reserves again, so a late send cannot share its successor's
 * second. The interval is (1 s + slack) / rate, as in the in-memory gate (../rate-gate.ts).
 */
import type { RateGate, RateGateRelease } from '../rate-gate.js';
import { defaultSleep, type QuotaSql } from './sql.js';

export interface SharedRateGateOptions {
  sql: QuotaSql;
  /** The vendor API this row limits, e.g. `tencent https://faceid.tencentcloudapi.com/`. */
  key: string;
  ratePerSecond: number;
  windowSlackMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Pause after the database failed to answer (the caller's own timeout bounds the wait). */
  retryMs?: number;
  /**
   * Hand each slot over this long before it begins (`sendAt` tells the caller when), for a caller that waits for the
   * slot somewhere steadier than this thread (../send-thread/): this thread's stalls then cost nothing unless longer.
   * 0 (default): granted when the slot begins.
   */
  grantAheadMs?: number;
}

// One statement, one clock reading: clock_timestamp() would move between calls. Inserted rows start at "now".
const RESERVE = `
WITH clock AS (SELECT clock_timestamp() AS t)
INSERT INTO vendor_rates AS r (key, next_at)
SELECT $1, t + make_interval(secs => $2::float8 / 1000) FROM clock
ON CONFLICT (key) DO UPDATE SET next_at = greatest(r.next_at + make_interval(secs => $2::float8 / 1000), excluded.next_at)
RETURNING extract(epoch FROM r.next_at) * 1000 - $2::float8 AS slot_ms, (SELECT extract(epoch FROM t) * 1000 FROM clock) AS clock_ms`;

const PAUSE = `
INSERT INTO vendor_rates AS r (key, next_at) VALUES ($1, clock_timestamp() + make_interval(secs => $2::float8 / 1000))
ON CONFLICT (key) DO UPDATE SET next_at = greatest(r.next_at, excluded.next_at)`;

/** A granted slot on the performance.now() clock: when it begins (undefined = now) and the latest send time. */
interface Slot {
  sendAt: number | undefined;
  sendBy: number;
}

export function createSharedRateGate(options: SharedRateGateOptions): RateGate {
  // Wall-clock milliseconds (the database's clock is compared with it), at the monotonic clock's resolution.
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const slackMs = options.windowSlackMs ?? 30;
  const intervalMs = (1000 + slackMs) / options.ratePerSecond;
  const retryMs = options.retryMs ?? 250;
  const aheadMs = options.grantAheadMs ?? 0;
  const waiters: Array<(slot: Slot) => void> = [];
  let pumping = false;

  // This process's clock minus the database's lies between sentAt - clock and answeredAt - clock for every reservation
  // (the database read its clock while the question was out); the tightest bounds over recent ones say when a slot
  // has surely begun here (upper bound) and how unsure that is (upper minus lower).
  const samples: Array<{ low: number; high: number }> = [];

  /** Reserves the next slot and sleeps until it (less `grantAheadMs`); its times, or undefined when too late. */
  async function takeSlot(): Promise<Slot | undefined> {
    const askedAt = now();
    const [row] = await options.sql(RESERVE, [options.key, intervalMs]);
    const answeredAt = now();
    const clockMs = Number(row?.clock_ms);
    samples.push({ low: askedAt - clockMs, high: answeredAt - clockMs });
    if (samples.length > 16) samples.shift();
    const high = Math.min(...samples.map((s) => s.high));
    const low = Math.max(...samples.map((s) => s.low));
    // Timed by the clock estimate, not by when this answer came: a slow answer does not move the send later. Never
    // early (the upper bound), and never later than the window's slack allows once the estimate's own uncertainty
    // is counted: such a send could share its successor's second, so the slot is dropped instead (it costs the
    // quota one request, never the vendor's count).
    const dueAt = Number(row?.slot_ms) + high;
    for (let left = dueAt - aheadMs - now(); left > 0; left = dueAt - aheadMs - now()) await sleep(left);
    const sendBy = dueAt + slackMs - Math.max(0, high - low);
    const at = now();
    if (sendBy < at) return undefined;
    // Back on the performance.now() clock the caller compares with.
    const monotonic = performance.now();
    return { sendAt: dueAt > at ? monotonic + (dueAt - at) : undefined, sendBy: monotonic + (sendBy - at) };
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (waiters.length > 0) {
        let slot: Slot | undefined;
        try {
          slot = await takeSlot();
        } catch {
          await sleep(retryMs);
          continue;
        }
        if (slot !== undefined) waiters.shift()?.(slot);
      }
    } finally {
      pumping = false;
    }
  }

  return {
    acquire() {
      return new Promise<RateGateRelease>((resolve) => {
        // The caller checks `sendBy` right before its socket write: what runs in between (its own continuation, a
        // busy event loop) can make a slot granted in time too late all the same.
        waiters.push((slot) => resolve(Object.assign(() => {}, slot)));
        void pump();
      });
    },
    backOff(ms) {
      // Every process pauses: the vendor counts the deployment's requests, not ours.
      options.sql(PAUSE, [options.key, ms]).catch(() => {});
    },
    stats: () => ({ inFlight: 0, queued: waiters.length }),
  };
}

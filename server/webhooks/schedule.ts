/**
 * When a failed delivery is tried again: exponential back-off from 5 s, capped at 8 h, with ±20 %
 * jitter (so endpoints that fail together do not all retry in the same second). Retries go on
 * until the delivery is older than RETRY_WINDOW_MS; the attempt that fails after that gives up.
 * Nominal times after the first attempt: 5 s, 35 s, 2.5 min, 12.5 min, 43 min, 1.7 h, 3.7 h,
 * 7.7 h, 15.7 h, 23.7 h, 31.7 h → failed (11 attempts).
 */
export const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000];

/** A delivery is retried for at least this long after it was created. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;

const JITTER = 0.2;

/** The wait after failed attempt number `attempt` (1 = the first); `random` in [0, 1). */
export function nextAttemptDelay(attempt: number, random: () => number = Math.random): number {
  const index = Math.min(Math.max(attempt, 1), RETRY_DELAYS_MS.length) - 1;
  const nominal = RETRY_DELAYS_MS[index]!;
  return Math.round(nominal * (1 - JITTER + 2 * JITTER * random()));
}

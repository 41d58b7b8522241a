/** Upload time left, estimated from the progress so far (the rate so far, carried forward). */

/** Only a slow upload gets an estimate: a quick one is over before it could be read. */
export const ESTIMATE_AFTER_MS = 3000;

/** Seconds left, or null when there is no honest estimate yet (too early, no progress, or done). */
export function estimateSecondsLeft(elapsedMs: number, progress: number): number | null {
  if (elapsedMs < ESTIMATE_AFTER_MS || progress <= 0.02 || progress >= 1) return null;
  return ((elapsedMs / progress) * (1 - progress)) / 1000;
}

/** Small number helpers the screening's findings and record share. */

/** Rounds to `digits` decimals (evidence and messages stay readable). */
export const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The upper-middle value (no averaging of the two middle ones); undefined for an empty list. */
export function upperMedian(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Tiny chart maths for the hand-written SVG charts: nice axis maxima, ticks and linear scales. */

/** The smallest "nice" number (1, 2, 2.5, 5 × 10ⁿ) ≥ value; 1 for an empty or zero range. */
export function niceMax(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const exp = Math.floor(Math.log10(value));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * base >= value - 1e-9) return m * base;
  return 10 * base;
}

/** `count` + 1 evenly spaced ticks from 0 to `max` (whole numbers when `integer`). */
export function ticks(max: number, count = 4, integer = false): number[] {
  let step = max / count;
  if (integer) step = Math.max(1, Math.ceil(step));
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/** Maps [d0, d1] linearly onto [r0, r1] (an inverted range gives SVG's downward y). */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0;
  return (v) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0));
}

export interface StackSegment {
  key: string;
  value: number;
  /** Cumulative start and end of the segment in data units. */
  y0: number;
  y1: number;
}

/** Stacks one bar's values in the given key order, skipping none (zero-height segments stay). */
export function stack(values: Record<string, number>, keys: readonly string[]): StackSegment[] {
  let at = 0;
  return keys.map((key) => {
    const value = Math.max(0, values[key] ?? 0);
    const seg = { key, value, y0: at, y1: at + value };
    at += value;
    return seg;
  });
}

/** Share as a whole percentage, "—" when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : '—';
}

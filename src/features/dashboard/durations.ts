/** Compact durations for the headline figures: "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
export type DurationUnit = 'second' | 'minute' | 'hour' | 'day';

const ENGLISH_SHORT: Record<DurationUnit, string> = { second: 's', minute: 'min', hour: 'h', day: 'd' };
const english = (n: number, unit: DurationUnit) => `${n} ${ENGLISH_SHORT[unit]}`;

/** `unit` writes one amount (the page passes Intl's unit format in the reader's language: "3 jam", "3小时"). */
export function formatWait(ms: number, unit: (n: number, unit: DurationUnit) => string = english): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return unit(s, 'second');
  const min = Math.floor(s / 60);
  if (min < 60) return unit(min, 'minute');
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? unit(h, 'hour') : `${unit(h, 'hour')} ${unit(min % 60, 'minute')}`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? unit(d, 'day') : `${unit(d, 'day')} ${unit(h % 24, 'hour')}`;
}

/**
 * Numbers in the reader's own notation (Indonesian writes 3,5 where English writes 3.5). The
 * formatters are cached per locale: Intl.NumberFormat is slow to build and these run per frame.
 */
import type { Locale } from './i18n';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, kind: 'seconds' | 'percent'): Intl.NumberFormat {
  const key = `${locale} ${kind}`;
  let f = cache.get(key);
  if (!f) {
    f =
      kind === 'seconds'
        ? new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 1 })
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    cache.set(key, f);
  }
  return f;
}

/** A duration in seconds, at most one decimal: 3.5 → "3.5" (en), "3,5" (id); 3 → "3". The unit is the message's. */
export function formatSeconds(locale: Locale, seconds: number): string {
  return formatter(locale, 'seconds').format(Math.round(seconds * 10) / 10);
}

/** A 0–1 fraction as a whole percentage: 0.456 → "46%" (en, id, zh-CN). */
export function formatPercent(locale: Locale, fraction: number): string {
  return formatter(locale, 'percent').format(Math.min(1, Math.max(0, fraction)));
}

/** A wait, rounded the way people say it: "12 seconds" / "12 detik" / "12秒" under a minute, whole minutes above. */
export function formatWait(locale: Locale, seconds: number): string {
  const minutes = seconds >= 60;
  const key = `${locale} wait ${minutes ? 'minute' : 'second'}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'unit', unit: minutes ? 'minute' : 'second', unitDisplay: 'long' });
    cache.set(key, f);
  }
  return f.format(minutes ? Math.ceil(seconds / 60) : Math.max(1, Math.ceil(seconds)));
}

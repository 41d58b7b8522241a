/**
 * The reviewer area's strings: their own catalogs (review-locales/*.json, loaded only with the review chunk) on
 * the capture app's locale machinery — the same picked locale, switch, storage and {placeholder} format().
 * Dates and numbers go through Intl in the same locale.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import en from './review-locales/en.json';
import { translatorFor, type Locale, type MessageParams } from './i18n';
import { useI18n } from './i18n-provider';

export type ReviewMessages = typeof en;
export type ReviewKey = keyof ReviewMessages;
export type ReviewT = (key: ReviewKey, params?: MessageParams) => string;

export const REVIEW_ENGLISH: ReviewMessages = en;
/** For pure functions whose callers may not pass the reader's translator (tests, English defaults). */
export const REVIEW_T_ENGLISH: ReviewT = translatorFor(REVIEW_ENGLISH, REVIEW_ENGLISH);

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: ReviewMessages }>> = {
  id: () => import('./review-locales/id.json'),
  'zh-CN': () => import('./review-locales/zh-CN.json'),
};

export async function loadReviewMessages(locale: Locale): Promise<ReviewMessages> {
  if (locale === 'en') return REVIEW_ENGLISH;
  return (await loaders[locale]()).default;
}

export interface ReviewI18n {
  locale: Locale;
  t: ReviewT;
  /** en: one / other; id and zh-CN have one form, so `${key}.other` serves every count there. */
  plural: (key: string, count: number, params?: MessageParams) => string;
  number: (n: number, options?: Intl.NumberFormatOptions) => string;
  dateTime: (iso: string | Date, options?: Intl.DateTimeFormatOptions) => string;
  /** Compact age for lists: "just now", "12 min", "5 h", "3 d" (and their translations). */
  age: (iso: string, now?: number) => string;
  /** A latency: "840 ms", "1.25 s" / "1,25 dtk". */
  ms: (ms: number) => string;
  /** A file size: "512 B", "3.4 KB", "1.25 MB" (the numbers in the reader's notation). */
  bytes: (n: number) => string;
}

export function reviewI18n(locale: Locale, messages: ReviewMessages): ReviewI18n {
  const t = translatorFor(messages, REVIEW_ENGLISH);
  const rules = new Intl.PluralRules(locale);
  const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
  const numberFormat = (options?: Intl.NumberFormatOptions) => {
    const key = `n${JSON.stringify(options ?? {})}`;
    let f = cache.get(key) as Intl.NumberFormat | undefined;
    if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
    return f;
  };
  const dateFormat = (options: Intl.DateTimeFormatOptions) => {
    const key = `d${JSON.stringify(options)}`;
    let f = cache.get(key) as Intl.DateTimeFormat | undefined;
    if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
    return f;
  };
  return {
    locale,
    t,
    plural: (key, count, params) => {
      const form = rules.select(count) === 'one' ? 'one' : 'other';
      const full = `${key}.${form}`;
      const chosen = (full in messages ? full : `${key}.other`) as ReviewKey;
      return t(chosen, { count: numberFormat().format(count), ...params });
    },
    number: (n, options) => (Number.isFinite(n) ? numberFormat(options).format(n) : '—'),
    dateTime: (iso, options = { dateStyle: 'medium', timeStyle: 'medium' }) => {
      const d = typeof iso === 'string' ? new Date(iso) : iso;
      return Number.isNaN(d.getTime()) ? String(iso) : dateFormat(options).format(d);
    },
    age: (iso, now = Date.now()) => {
      const ms = now - new Date(iso).getTime();
      if (!Number.isFinite(ms)) return '—';
      if (ms < 60_000) return t('age.justNow');
      if (ms < 3_600_000) return t('age.minutes', { n: Math.floor(ms / 60_000) });
      if (ms < 86_400_000) return t('age.hours', { n: Math.floor(ms / 3_600_000) });
      return t('age.days', { n: Math.floor(ms / 86_400_000) });
    },
    ms: (ms) => {
      if (!Number.isFinite(ms)) return '—';
      if (ms < 1000) return t('unit.ms', { n: numberFormat().format(Math.round(ms)) });
      return t('unit.s', { n: numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ms / 1000) });
    },
    bytes: (n) => {
      if (!Number.isFinite(n)) return '—';
      if (n < 1024) return `${numberFormat().format(n)} B`;
      const one = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
      if (n < 1024 * 1024) return `${numberFormat(one).format(n / 1024)} KB`;
      return `${numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n / (1024 * 1024))} MB`;
    },
  };
}

const ReviewI18nContext = createContext<ReviewI18n>(reviewI18n('en', REVIEW_ENGLISH));

/** Follows the app's locale; English stays on screen until the chosen catalog has arrived. */
export function ReviewI18nProvider({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  const [shown, setShown] = useState<{ locale: Locale; messages: ReviewMessages }>({ locale: 'en', messages: REVIEW_ENGLISH });
  useEffect(() => {
    let cancelled = false;
    loadReviewMessages(locale).then(
      (messages) => {
        if (!cancelled) setShown({ locale, messages });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [locale]);
  const value = useMemo(() => reviewI18n(shown.locale, shown.messages), [shown]);
  return (
    <ReviewI18nContext.Provider value={value}>
      <div lang={shown.locale} className="contents" data-review-locale={shown.locale}>
        {children}
      </div>
    </ReviewI18nContext.Provider>
  );
}

export function useReviewI18n(): ReviewI18n {
  return useContext(ReviewI18nContext);
}

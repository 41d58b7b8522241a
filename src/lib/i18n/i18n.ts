/**
 * A small typed i18n: English is the reference (its keys are the type), the other locales are
 * loaded on demand and must have exactly the same keys and {placeholders} (see i18n.test.ts).
 * These strings are the capture app's; the reviewer area has its own catalogs (review-i18n.tsx) on the same
 * locale, switch and format().
 */
import en from './locales/en.json';

export const LOCALES = ['en', 'id', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export type Messages = typeof en;
export type MessageKey = keyof Messages;
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const ENGLISH: Messages = en;

/** Each language's name in itself, for the switch. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  id: 'Bahasa Indonesia',
  'zh-CN': '简体中文',
};

/** The `?lang=` override, remembered choice, and then the browser's languages, in that order. */
export const LANG_PARAM = 'lang';
export const LOCALE_STORAGE_KEY = 'selfie-check.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag onto a supported locale: `en-*` → en, `id-ID` / `in` (old Android code) → id, `zh` / `zh-Hans-*` / `zh-SG` → zh-CN. */
export function matchLocale(tag: string): Locale | null {
  const lower = tag.trim().toLowerCase();
  if (!lower) return null;
  const [language, ...rest] = lower.split(/[-_]/);
  if (language === 'en') return 'en';
  if (language === 'id' || language === 'in') return 'id';
  if (language === 'zh') {
    // We have no Traditional script: a zh-Hant / TW / HK reader falls through to their next language.
    const traditional = rest.some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part));
    return traditional ? null : 'zh-CN';
  }
  return null;
}

export interface LocaleSources {
  search: string;
  stored: string | null;
  languages: readonly string[];
}

export function pickLocale({ search, stored, languages }: LocaleSources): Locale {
  const forced = new URLSearchParams(search).get(LANG_PARAM);
  if (forced) {
    const match = isLocale(forced) ? forced : matchLocale(forced);
    if (match) return match;
  }
  if (isLocale(stored)) return stored;
  for (const tag of languages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/** `{name}` placeholders; an unknown one is left as is so a missing parameter is visible, not silent. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** A catalog's translate function; a key missing from `messages` falls back to English (`reference`). */
export function translatorFor<M extends Record<string, string>>(
  messages: M,
  reference: M,
): (key: keyof M & string, params?: MessageParams) => string {
  return (key, params) => format(messages[key] ?? reference[key] ?? key, params);
}

export function translator(messages: Messages): Translate {
  return translatorFor(messages, ENGLISH);
}

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Messages }>> = {
  id: () => import('./locales/id.json'),
  'zh-CN': () => import('./locales/zh-CN.json'),
};

/** English is built in; the others are fetched when first chosen (each is its own small chunk). */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === 'en') return ENGLISH;
  return (await loaders[locale]()).default;
}

/**
 * The capture app's language: picked once from `?lang=`, the remembered choice, or the browser's
 * languages; changed with the switch (remembered in localStorage). Keeps <html lang> in step.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { readStored, store } from '../storage';
import {
  ENGLISH,
  LOCALE_STORAGE_KEY,
  loadMessages,
  pickLocale,
  translator,
  type Locale,
  type Messages,
  type Translate,
} from './i18n';

export interface I18n {
  /** The language whose strings are on screen. */
  locale: Locale;
  t: Translate;
  setLocale: (next: Locale) => void;
}

const I18nContext = createContext<I18n>({ locale: 'en', t: translator(ENGLISH), setLocale: () => undefined });

function initialLocale(): Locale {
  return pickLocale({
    search: window.location.search,
    stored: readStored(LOCALE_STORAGE_KEY),
    languages: navigator.languages ?? [navigator.language],
  });
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState<Locale>(initialLocale);
  // What is on screen: English until another language's strings have arrived.
  const [shown, setShown] = useState<{ locale: Locale; messages: Messages }>({ locale: 'en', messages: ENGLISH });

  useEffect(() => {
    let cancelled = false;
    loadMessages(wanted).then(
      (messages) => {
        if (!cancelled) setShown({ locale: wanted, messages });
      },
      () => undefined, // a chunk that fails to load leaves the current language on screen
    );
    return () => {
      cancelled = true;
    };
  }, [wanted]);

  useEffect(() => {
    document.documentElement.lang = shown.locale;
  }, [shown.locale]);

  const setLocale = useCallback((next: Locale) => {
    setWanted(next);
    store(LOCALE_STORAGE_KEY, next);
    // A `?lang=` in the address would win again on reload: keep it in step with the choice.
    const url = new URL(window.location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', next);
      window.history.replaceState(window.history.state, '', url);
    }
  }, []);

  const value = useMemo<I18n>(() => ({ locale: shown.locale, t: translator(shown.messages), setLocale }), [shown, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

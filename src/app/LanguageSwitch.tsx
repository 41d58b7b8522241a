import { useI18n } from '../lib/i18n/I18nProvider';
import { LOCALES, LOCALE_NAMES, isLocale } from '../lib/i18n/i18n';

/** The capture app's language: a native <select>, each language named in itself. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="ml-auto flex items-center gap-2 text-sm text-slate-700">
      <span>{t('app.language')}</span>
      <select
        data-testid="language-switch"
        className="min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none"
        value={locale}
        onChange={(e) => {
          if (isLocale(e.target.value)) setLocale(e.target.value);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

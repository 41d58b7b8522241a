import { useI18n } from '../lib/i18n/i18n-provider';
import { LOCALES, LOCALE_NAMES, isLocale } from '../lib/i18n/i18n';
import { InlineSelect } from '../lib/ui';

/** The capture app's language: a native <select>, each language named in itself. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <InlineSelect
      label={t('app.language')}
      className="ml-auto"
      data-testid="language-switch"
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
    </InlineSelect>
  );
}

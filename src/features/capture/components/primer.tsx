import { useI18n } from '../../../lib/i18n/i18n-provider';
import { formatSeconds } from '../../../lib/i18n/numbers';
import { Button } from '../../../lib/ui';
import { RECORDING_MS } from '../recording/recorder';

/** The `idle` screen: says what will happen before the browser's permission prompt appears. */
export function Primer({ onStart, onBack }: { onStart: () => void; onBack: () => void }) {
  const { t, locale } = useI18n();
  return (
    <div className="flex flex-col gap-5">
      <div className="flex h-40 w-full items-center justify-center rounded-2xl bg-gradient-to-br from-sky-100 to-slate-200 sm:h-56">
        <svg viewBox="0 0 64 64" className="size-24 text-sky-700" fill="none" aria-hidden="true">
          <circle cx="32" cy="26" r="12" stroke="currentColor" strokeWidth="3" />
          <path d="M12 56c2-11 10-16 20-16s18 5 20 16" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
          <rect
            x="4"
            y="4"
            width="56"
            height="56"
            rx="10"
            stroke="currentColor"
            strokeOpacity="0.35"
            strokeWidth="2"
            strokeDasharray="6 6"
          />
        </svg>
      </div>
      <div>
        <p className="text-base text-slate-700">{t('primer.body', { seconds: formatSeconds(locale, RECORDING_MS / 1000) })}</p>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>{t('primer.tip.light')}</li>
          <li>{t('primer.tip.accessories')}</li>
          <li>{t('primer.tip.alone')}</li>
          <li>{t('primer.tip.sound')}</li>
        </ul>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row-reverse">
        <Button className="w-full sm:flex-1" onClick={onStart}>
          {t('primer.start')}
        </Button>
        <Button className="w-full sm:w-auto" variant="secondary" onClick={onBack}>
          {t('common.back')}
        </Button>
      </div>
    </div>
  );
}

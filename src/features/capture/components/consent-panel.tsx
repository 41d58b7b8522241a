import { useI18n } from '../../../lib/i18n/i18n-provider';
import { formatSeconds } from '../../../lib/i18n/numbers';
import { Button } from '../../../lib/ui';
import { CONSENT_VERSION } from '../consent';
import { RECORDING_MS } from '../recording/recorder';

/** The first screen: explicit consent to processing biometric data, before the camera is touched. */
export function ConsentPanel({ onAgree, onDecline }: { onAgree: () => void; onDecline: () => void }) {
  const { t, locale } = useI18n();
  return (
    <div
      data-testid="consent"
      data-version={CONSENT_VERSION}
      className="flex flex-col gap-4 rounded-2xl bg-white p-6 ring-1 ring-slate-200"
    >
      <p className="text-base text-slate-800">{t('consent.intro', { seconds: formatSeconds(locale, RECORDING_MS / 1000) })}</p>
      <h2 className="text-lg font-semibold">{t('consent.what')}</h2>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>{t('consent.point.purpose')}</li>
        <li>{t('consent.point.vendors')}</li>
        <li>{t('consent.point.review')}</li>
        <li>{t('consent.point.retention')}</li>
        <li>{t('consent.point.choice')}</li>
      </ul>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button className="w-full sm:flex-1" onClick={onAgree}>
          {t('consent.agree')}
        </Button>
        <Button className="w-full sm:w-auto" variant="secondary" onClick={onDecline}>
          {t('consent.decline')}
        </Button>
      </div>
      <p className="text-xs text-slate-600">{t('consent.version', { version: CONSENT_VERSION })}</p>
    </div>
  );
}

/** After "I do not agree": nothing was recorded; the way back is the consent screen. */
export function DeclinedPanel({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  return (
    <div data-testid="declined" className="flex flex-col gap-4 rounded-2xl bg-white p-6 ring-1 ring-slate-200">
      <p className="text-base text-slate-800">{t('declined.body')}</p>
      <p className="text-sm text-slate-700">{t('declined.next')}</p>
      <Button variant="secondary" className="self-start" onClick={onBack}>
        {t('common.back')}
      </Button>
    </div>
  );
}

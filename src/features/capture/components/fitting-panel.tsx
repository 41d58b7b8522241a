import { useI18n } from '../../../lib/i18n/i18n-provider';
import { Button } from '../../../lib/ui';
import { ProgressPanel } from './progress-panel';

/** The `fitting` screen: the clip is being cut or re-encoded for the chosen checks. */
export function FittingPanel({ progress, onRetake }: { progress: number; onRetake: () => void }) {
  const { t } = useI18n();
  return (
    <ProgressPanel testId="fitting-progress" label={t('fitting.heading')} progress={progress}>
      <p className="text-sm text-slate-600">{t('fitting.body')}</p>
      <Button variant="secondary" className="self-start" onClick={onRetake}>
        {t('fitting.cancel')}
      </Button>
    </ProgressPanel>
  );
}

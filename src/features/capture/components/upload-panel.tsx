import { useEffect, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import { formatWait } from '../../../lib/i18n/numbers';
import { Button } from '../../../lib/ui';
import type { UploadRetry } from '../machine/machine';
import { ProgressPanel } from './progress-panel';
import { estimateSecondsLeft } from './time-left';

/** The time left of a slow upload, re-estimated on each progress event (null while none is honest). */
function useTimeLeft(progress: number): number | null {
  const [startedAt] = useState(() => performance.now());
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => setLeft(estimateSecondsLeft(performance.now() - startedAt, progress)), [progress, startedAt]);
  return left;
}

/** The `uploading` screen: REAL progress from xhr.upload.onprogress, and any automatic retry. */
export function UploadPanel({
  progress,
  retry,
  onCancel,
}: {
  progress: number;
  retry: UploadRetry | null;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const left = useTimeLeft(progress);
  return (
    <ProgressPanel
      testId="upload-progress"
      label={t('upload.heading')}
      progress={progress}
      detail={left !== null && !retry ? t('upload.timeLeft', { time: formatWait(locale, left) }) : null}
    >
      {/* Always present so a retry is announced when it starts. */}
      <p
        role="status"
        data-testid="upload-retrying"
        data-attempt={retry?.attempt ?? ''}
        className={retry ? 'rounded-lg bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900' : 'sr-only'}
      >
        {retry ? t('upload.retrying', { attempt: retry.attempt, max: retry.maxAttempts }) : ''}
      </p>
      <p className="text-sm text-slate-600">{t('upload.keepOpen')}</p>
      <Button variant="secondary" className="self-start" onClick={onCancel}>
        {t('upload.cancel')}
      </Button>
    </ProgressPanel>
  );
}

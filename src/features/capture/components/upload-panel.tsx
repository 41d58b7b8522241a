import { useI18n } from '../../../lib/i18n/i18n-provider';
import { Button } from '../../../lib/ui';
import type { UploadRetry } from '../machine/machine';
import { ProgressPanel } from './progress-panel';

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
  const { t } = useI18n();
  return (
    <ProgressPanel testId="upload-progress" heading={t('upload.heading')} progress={progress}>
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

import { useEffect, useState, type Dispatch } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n/I18nProvider';
import { Spinner } from '../../../lib/ui';
import { captureStatusQuery } from '../upload/api';
import type { CaptureEvent } from '../machine/machine';

const SLOW_AFTER_MS = 20_000;

/** The `processing` screen: polls the capture status and reports the answer to the machine. */
export function ProcessingPanel({
  caseId,
  captureToken,
  attempt,
  dispatch,
}: {
  caseId: string;
  captureToken: string;
  attempt: number;
  dispatch: Dispatch<CaptureEvent>;
}) {
  const { t } = useI18n();
  const { data, error } = useQuery(captureStatusQuery(caseId, captureToken, attempt));
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    if (data && data.status !== 'processing') {
      dispatch(data.reason ? { type: 'STATUS', status: data.status, reason: data.reason } : { type: 'STATUS', status: data.status });
    }
  }, [data, dispatch]);

  useEffect(() => {
    if (error) dispatch({ type: 'STATUS_FAILED', message: error instanceof Error ? error.message : 'Status check failed.' });
  }, [error, dispatch]);

  useEffect(() => {
    const t = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => clearTimeout(t);
  }, []);

  return (
    <div className="flex flex-col items-center gap-3 rounded-2xl bg-white p-6 text-center ring-1 ring-slate-200">
      <Spinner className="size-8 text-sky-700" />
      <h2 className="text-lg font-semibold">{t('processing.heading')}</h2>
      <p className="text-sm text-slate-600" role="status">
        {t(slow ? 'processing.slow' : 'processing.usual')}
      </p>
    </div>
  );
}

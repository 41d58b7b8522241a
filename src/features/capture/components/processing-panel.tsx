import { useEffect, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import { Spinner } from '../../../lib/ui';

const SLOW_AFTER_MS = 20_000;

/** The `processing` screen (the state's effect polls the status: upload/upload-effects.ts). */
export function ProcessingPanel() {
  const { t } = useI18n();
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    const t = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => clearTimeout(t);
  }, []);

  return (
    <div className="flex flex-col items-center gap-3 rounded-2xl bg-white p-6 text-center ring-1 ring-slate-200">
      <Spinner className="size-8 text-sky-700" />
      <p className="text-lg font-semibold">{t('processing.heading')}</p>
      <p className="text-sm text-slate-600" role="status">
        {t(slow ? 'processing.slow' : 'processing.usual')}
      </p>
    </div>
  );
}

import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProviderId } from '@contract/api';
import { providersQuery } from '../../../lib/providers';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { Button, Notice, SelectField, SMALL_BUTTON, Spinner } from '../../../lib/ui';
import { requestRerun } from '../api';

/** Send the stored clip to another configured vendor (a new check appears among the results). */
export function RerunPanel({ caseId, mediaPurged }: { caseId: string; mediaPurged: boolean }) {
  const queryClient = useQueryClient();
  const providers = useQuery(providersQuery());
  const [providerId, setProviderId] = useState<ProviderId | ''>('');
  const mutation = useMutation({
    mutationFn: () => requestRerun(caseId, providerId as ProviderId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
  const { t } = useReviewI18n();
  const label = (mode: string) =>
    mode === 'simulated' ? ` ${t('rerun.simulated')}` : mode === 'local' ? ` ${t('rerun.local')}` : '';

  return (
    <section aria-labelledby="rerun-title" className="flex flex-col gap-2 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-5">
      <h2 id="rerun-title" className="text-lg font-semibold">
        {t('rerun.title')}
      </h2>
      {mediaPurged ? (
        <p className="text-sm text-slate-600">{t('rerun.purged')}</p>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (providerId) mutation.mutate();
          }}
        >
          <SelectField
            label={t('filters.vendor')}
            value={providerId}
            onChange={(e) => setProviderId(e.target.value as ProviderId)}
          >
            <option value="">{t('rerun.choose')}</option>
            {providers.data?.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
                {label(p.mode)}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="secondary" className={SMALL_BUTTON} disabled={!providerId || mutation.isPending}>
            {mutation.isPending ? <Spinner className="size-4" /> : null}
            {t('rerun.button')}
          </Button>
        </form>
      )}
      {providers.error ? (
        <p className="text-sm text-rose-800">{t('rerun.loadFailed', { message: providers.error.message })}</p>
      ) : null}
      {mutation.isSuccess ? (
        <Notice tone="success" role="status">
          {t('rerun.sent', { vendor: mutation.data.providerName })}
        </Notice>
      ) : null}
      {mutation.error ? (
        <Notice tone="error" role="alert">
          {mutation.error.message}
        </Notice>
      ) : null}
    </section>
  );
}

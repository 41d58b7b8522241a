/** Where a case came from when an integrator's session sent it: application, reference, session status, metadata, webhook deliveries. */
import { useQuery } from '@tanstack/react-query';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { Spinner } from '../../../lib/ui';
import { DeliveryTable } from '../../../lib/webhook-deliveries';
import { caseDeliveriesQuery, type ReviewCaseDetail } from '../api';
import { metadataEntries } from '../session-info';
import { QueryErrorNotice } from './query-error-notice';

function Deliveries({ caseId }: { caseId: string }) {
  const { data, error, isPending } = useQuery(caseDeliveriesQuery(caseId));
  const { t } = useReviewI18n();
  if (isPending) {
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner className="size-4" /> {t('session.loadingDeliveries')}
      </p>
    );
  }
  if (error) return <QueryErrorNotice error={error} what={t('session.deliveriesWhat')} />;
  if (data.deliveries.length === 0) return <p className="text-sm text-slate-600">{t('session.noDeliveries')}</p>;
  return <DeliveryTable deliveries={data.deliveries} caption={t('session.deliveriesCaption')} showUrl />;
}

export function SessionPanel({ data }: { data: ReviewCaseDetail }) {
  const { t } = useReviewI18n();
  if (!data.session && !data.application && !data.reference) return null;
  const metadata = metadataEntries(data.session?.metadata);
  return (
    <section
      aria-labelledby="session-title"
      data-testid="session-panel"
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-5"
    >
      <h2 id="session-title" className="text-lg font-semibold">
        {t('session.title')}
      </h2>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">{t('filters.application')}</dt>
        <dd data-testid="case-application">{data.application?.name ?? '—'}</dd>
        <dt className="font-medium text-slate-600">{t('filters.reference')}</dt>
        <dd className="font-mono break-all" data-testid="case-reference">
          {data.reference ?? '—'}
        </dd>
        {data.session ? (
          <>
            <dt className="font-medium text-slate-600">{t('session.session')}</dt>
            <dd>
              <span className="font-mono">{data.session.id}</span> ·{' '}
              <span data-testid="session-status">{data.session.status}</span>
            </dd>
          </>
        ) : null}
      </dl>
      {metadata.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold">{t('session.metadata')}</h3>
          <dl
            className="mt-1 grid gap-x-4 gap-y-1 rounded-lg bg-slate-50 p-2 text-sm sm:grid-cols-[max-content_1fr]"
            data-testid="session-metadata"
          >
            {metadata.map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="font-mono text-slate-600">{key}</dt>
                <dd className="font-mono break-all whitespace-pre-wrap">{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
      {data.session ? (
        <div className="flex flex-col gap-1">
          <h3 className="text-sm font-semibold">{t('session.deliveries')}</h3>
          <Deliveries caseId={data.id} />
        </div>
      ) : null}
    </section>
  );
}

/** A table of webhook deliveries: the admin's per-endpoint log and a case's deliveries in review. */
import type { WebhookDeliveryView } from '@contract/api';
import { Button, SMALL_BUTTON } from './ui';
import { useReviewI18n } from './i18n/review-i18n';

const STATUS_CLASS: Record<WebhookDeliveryView['status'], string> = {
  pending: 'bg-amber-100 text-amber-900',
  delivering: 'bg-sky-100 text-sky-900',
  delivered: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-rose-100 text-rose-900',
};

export function DeliveryTable({
  deliveries,
  caption,
  showUrl = false,
  onRedeliver,
  redelivering,
}: {
  deliveries: readonly WebhookDeliveryView[];
  caption: string;
  showUrl?: boolean;
  onRedeliver?: (id: string) => void;
  /** The delivery whose redelivery is under way. */
  redelivering?: string | null;
}) {
  const th = 'px-2 py-1.5 font-medium';
  const { t, dateTime, ms } = useReviewI18n();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              {t('deliveries.event')}
            </th>
            {showUrl ? (
              <th scope="col" className={th}>
                {t('deliveries.endpoint')}
              </th>
            ) : null}
            <th scope="col" className={th}>
              {t('deliveries.status')}
            </th>
            <th scope="col" className={th}>
              {t('deliveries.attempts')}
            </th>
            <th scope="col" className={th}>
              {t('deliveries.response')}
            </th>
            <th scope="col" className={th}>
              {t('deliveries.latency')}
            </th>
            <th scope="col" className={th}>
              {t('deliveries.time')}
            </th>
            {onRedeliver ? (
              <th scope="col" className={th}>
                <span className="sr-only">{t('deliveries.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((d) => (
            <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
              <td className="px-2 py-1.5 font-mono">{d.eventType}</td>
              {showUrl ? (
                <td className="max-w-48 truncate px-2 py-1.5 font-mono" title={d.url}>
                  {d.url}
                </td>
              ) : null}
              <td className="px-2 py-1.5">
                <span className={`rounded px-1.5 py-0.5 font-medium ${STATUS_CLASS[d.status]}`}>
                  {t(`deliveries.${d.status}`)}
                </span>
              </td>
              <td className="px-2 py-1.5">{d.attempts}</td>
              <td className="px-2 py-1.5" title={d.lastError}>
                {d.responseStatus ?? (d.lastError ? <span className="text-rose-800">{d.lastError}</span> : '—')}
              </td>
              <td className="px-2 py-1.5">{d.latencyMs !== undefined ? ms(d.latencyMs) : '—'}</td>
              <td className="px-2 py-1.5 whitespace-nowrap">
                <time dateTime={d.deliveredAt ?? d.createdAt}>{dateTime(d.deliveredAt ?? d.createdAt)}</time>
                {d.nextAttemptAt && d.status !== 'delivered' ? (
                  <span className="block text-slate-500">{t('deliveries.next', { at: dateTime(d.nextAttemptAt) })}</span>
                ) : null}
              </td>
              {onRedeliver ? (
                <td className="px-2 py-1.5">
                  <Button
                    variant="secondary"
                    className={SMALL_BUTTON}
                    disabled={redelivering === d.id}
                    aria-label={t('deliveries.redeliverLabel', { event: d.eventType, id: d.id })}
                    onClick={() => onRedeliver(d.id)}
                  >
                    {t('deliveries.redeliver')}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { Notice } from '../../../lib/ui';
import { retentionState } from '../retention';

/** Days/hours until the media is purged, or the "media purged" state (decision and audit stay). */
export function Retention({ mediaExpiresAt, mediaPurged }: { mediaExpiresAt?: string | undefined; mediaPurged: boolean }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const { t, dateTime, number } = useReviewI18n();
  const state = retentionState({ mediaPurged, ...(mediaExpiresAt ? { mediaExpiresAt } : {}) }, now);

  if (state.kind === 'purged') {
    return (
      <Notice tone="info" heading={t('retention.purgedHeading')} data-testid="retention" data-state="purged">
        {t('retention.purgedBody')}
      </Notice>
    );
  }
  if (state.kind === 'due') {
    return (
      <Notice tone="warning" heading={t('retention.dueHeading')} data-testid="retention" data-state="due">
        {t('retention.dueBody')}
      </Notice>
    );
  }
  if (state.kind === 'unknown') return null;
  // Intl's own unit names ("3 days 4 hours", "3 hari 4 jam", "3天 4小时"), largest two units.
  const unit = (n: number, u: 'day' | 'hour' | 'minute') => number(n, { style: 'unit', unit: u, unitDisplay: 'long' });
  const minutes = Math.floor(state.msLeft / 60_000);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const left =
    minutes < 1
      ? t('retention.lessThanMinute')
      : d > 0
        ? [unit(d, 'day'), ...(h > 0 ? [unit(h, 'hour')] : [])].join(' ')
        : h > 0
          ? [unit(h, 'hour'), ...(m > 0 ? [unit(m, 'minute')] : [])].join(' ')
          : unit(m, 'minute');
  return (
    <p
      className={`rounded-xl px-3 py-2 text-sm ring-1 ring-inset ${state.urgent ? 'bg-amber-50 text-amber-900 ring-amber-200' : 'bg-slate-50 text-slate-800 ring-slate-200'}`}
      data-testid="retention"
      data-state="counting"
    >
      {t('retention.deletedIn')} <strong>{left}</strong>
      {mediaExpiresAt ? (
        <>
          {' '}
          ({t('retention.on')} <time dateTime={mediaExpiresAt}>{dateTime(mediaExpiresAt)}</time>)
        </>
      ) : null}
      .
    </p>
  );
}

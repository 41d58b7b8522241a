/** What the queue's table (queue-table.tsx) and its narrow-screen list (queue-list.tsx) show alike for one case. */
import { Link } from 'react-router';
import { shortId } from '../../../lib/format';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import type { ReviewCaseSummary } from '../api';
import { ReviewStatusBadge, StatusBadge } from './badges';

/** The row's (or card's) data attributes, which the e2e specs and keyboard navigation read. */
export function caseRowData(c: ReviewCaseSummary) {
  return {
    'data-testid': 'case-row',
    'data-case-id': c.id,
    'data-status': c.status,
    'data-review-status': c.reviewStatus,
    'data-risk': c.risk,
  };
}

/** The case's short id, linking to its page (the whole id in its name and title). */
export function CaseLink({ id }: { id: string }) {
  const { t } = useReviewI18n();
  return (
    <Link
      to={`/review/cases/${encodeURIComponent(id)}`}
      className="font-mono font-semibold text-sky-800 underline underline-offset-4"
      aria-label={t('queue.caseLink', { id })}
      title={id}
    >
      {shortId(id)}
    </Link>
  );
}

/** How long ago the case came in (its date and time on hover). */
export function CaseAge({ createdAt, now, className }: { createdAt: string; now: number; className?: string }) {
  const { dateTime, age } = useReviewI18n();
  return (
    <time className={className} dateTime={createdAt} title={dateTime(createdAt)}>
      {age(createdAt, now)}
    </time>
  );
}

/** Where the case is in review, and its processing status while it is not done. */
export function CaseStatusBadges({ c }: { c: ReviewCaseSummary }) {
  return (
    <>
      <ReviewStatusBadge status={c.reviewStatus} decision={c.decision} />
      {c.status !== 'done' ? <StatusBadge status={c.status} /> : null}
    </>
  );
}

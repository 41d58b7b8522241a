import type { AuditEventView } from '@contract/api';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { Spinner } from '../../../lib/ui';
import { actorLabel, auditKind, describeAuditEvent } from '../audit';
import { timelineEntries, type Viewing } from '../timeline-entries';
import { QueryErrorNotice } from './query-error-notice';

const KIND_DOT = {
  capture: 'bg-sky-600',
  vendor: 'bg-violet-600',
  view: 'bg-slate-400',
  decision: 'bg-emerald-600',
  other: 'bg-amber-500',
} as const;

function When({ at, lastAt }: { at: string; lastAt: string }) {
  const { dateTime } = useReviewI18n();
  return (
    <>
      <time dateTime={at}>{dateTime(at)}</time>
      {lastAt !== at ? (
        <>
          {' – '}
          <time dateTime={lastAt}>{dateTime(lastAt)}</time>
        </>
      ) : null}
    </>
  );
}

/** One sitting of someone looking at the case and its media, as one line. */
function ViewingItem({ v }: { v: Viewing }) {
  const { t, plural } = useReviewI18n();
  const n = v.media.length;
  const title =
    n === 0 ? t('timeline.viewedCase') : plural(v.caseViews > 0 ? 'timeline.viewedCaseAndMedia' : 'timeline.viewedMedia', n);
  const frames = v.media.filter((r) => r.startsWith('frame.')).length;
  const files = [
    ...v.media.filter((r) => !r.startsWith('frame.')),
    ...(frames > 0 ? [plural('timeline.sampledFrames', frames)] : []),
  ].join(t('list.separator'));
  return (
    <li
      className="relative py-1.5"
      data-testid="timeline-event"
      data-action={v.caseViews > 0 ? 'case.viewed' : 'media.viewed'}
      data-kind="viewing"
      data-files={v.media.length}
    >
      <span className={`absolute top-3 -left-[1.4rem] size-2.5 rounded-full ${KIND_DOT.view}`} aria-hidden="true" />
      <p className="text-sm">
        <span className="font-medium">{title}</span>
        {files ? <span className="text-slate-700"> — {files}</span> : null}
      </p>
      <p className="text-xs text-slate-600">
        <When at={v.firstAt} lastAt={v.lastAt} /> · {t('timeline.by', { who: actorLabel(v.actor, t) })}
      </p>
    </li>
  );
}

/** The case's audit trail, oldest first: capture, vendor calls, viewings (folded), decisions; each with who and when. */
export function Timeline({
  events,
  error,
  loading,
}: {
  events?: AuditEventView[] | undefined;
  error: unknown;
  loading: boolean;
}) {
  const { t } = useReviewI18n();
  return (
    <section
      aria-labelledby="timeline-title"
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-5"
      data-testid="timeline"
    >
      <h2 id="timeline-title" className="text-lg font-semibold">
        {t('timeline.title')}
      </h2>
      {loading ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner className="size-4" /> {t('timeline.loading')}
        </p>
      ) : null}
      {error ? <QueryErrorNotice error={error} what={t('timeline.what')} /> : null}
      {events && events.length === 0 ? <p className="text-sm text-slate-600">{t('timeline.empty')}</p> : null}
      {events && events.length > 0 ? (
        <ol className="flex flex-col gap-0 border-l-2 border-slate-200 pl-4">
          {timelineEntries(events).map((entry) => {
            if (entry.kind === 'viewing') return <ViewingItem key={entry.id} v={entry} />;
            const { event: e, count, lastAt } = entry;
            const { title, detail } = describeAuditEvent(e, t);
            return (
              <li key={e.id} className="relative py-1.5" data-testid="timeline-event" data-action={e.action}>
                <span
                  className={`absolute top-3 -left-[1.4rem] size-2.5 rounded-full ${KIND_DOT[auditKind(e.action)]}`}
                  aria-hidden="true"
                />
                <p className="text-sm">
                  <span className="font-medium">{title}</span>
                  {detail ? <span className="text-slate-700"> — {detail}</span> : null}
                  {count > 1 ? <span className="text-slate-700"> ×{count}</span> : null}
                </p>
                <p className="text-xs text-slate-600">
                  <When at={e.at} lastAt={lastAt} /> · {t('timeline.by', { who: actorLabel(e.actor, t) })}
                </p>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}

import type { AuditEventView } from '@contract/api';
import { formatDateTime } from '../../../lib/format';
import { Spinner } from '../../../lib/ui';
import { actorLabel, auditKind, describeAuditEvent } from '../audit';
import { timelineEntries, viewerLabel, viewingFiles, viewingTitle, type Viewing } from '../timeline-entries';
import { QueryErrorNotice } from './query-error-notice';

const KIND_DOT = {
  capture: 'bg-sky-600',
  vendor: 'bg-violet-600',
  view: 'bg-slate-400',
  decision: 'bg-emerald-600',
  other: 'bg-amber-500',
} as const;

function When({ at, lastAt }: { at: string; lastAt: string }) {
  return (
    <>
      <time dateTime={at}>{formatDateTime(at)}</time>
      {lastAt !== at ? (
        <>
          {' – '}
          <time dateTime={lastAt}>{formatDateTime(lastAt)}</time>
        </>
      ) : null}
    </>
  );
}

/** One sitting of someone looking at the case and its media, as one line. */
function ViewingItem({ v }: { v: Viewing }) {
  const files = viewingFiles(v);
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
        <span className="font-medium">{viewingTitle(v)}</span>
        {files ? <span className="text-slate-700"> — {files}</span> : null}
      </p>
      <p className="text-xs text-slate-600">
        <When at={v.firstAt} lastAt={v.lastAt} /> · by {viewerLabel(v)}
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
  return (
    <section
      aria-labelledby="timeline-title"
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-5"
      data-testid="timeline"
    >
      <h2 id="timeline-title" className="text-lg font-semibold">
        Timeline
      </h2>
      {loading ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner className="size-4" /> Loading the audit trail…
        </p>
      ) : null}
      {error ? <QueryErrorNotice error={error} what="the audit trail" /> : null}
      {events && events.length === 0 ? <p className="text-sm text-slate-600">No events recorded.</p> : null}
      {events && events.length > 0 ? (
        <ol className="flex flex-col gap-0 border-l-2 border-slate-200 pl-4">
          {timelineEntries(events).map((entry) => {
            if (entry.kind === 'viewing') return <ViewingItem key={entry.id} v={entry} />;
            const { event: e, count, lastAt } = entry;
            const { title, detail } = describeAuditEvent(e);
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
                  <When at={e.at} lastAt={lastAt} /> · by {actorLabel(e.actor)}
                </p>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}

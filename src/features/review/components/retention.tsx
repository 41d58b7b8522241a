import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../lib/format';
import { Notice } from '../../../lib/ui';
import { retentionState } from '../retention';

/** Days/hours until the media is purged, or the "media purged" state (decision and audit stay). */
export function Retention({ mediaExpiresAt, mediaPurged }: { mediaExpiresAt?: string | undefined; mediaPurged: boolean }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const state = retentionState({ mediaPurged, ...(mediaExpiresAt ? { mediaExpiresAt } : {}) }, now);

  if (state.kind === 'purged') {
    return (
      <Notice tone="info" heading="Media purged" data-testid="retention" data-state="purged">
        The video and images were deleted under the retention policy. The vendor results, decisions and audit trail remain.
      </Notice>
    );
  }
  if (state.kind === 'due') {
    return (
      <Notice tone="warning" heading="Media due for deletion" data-testid="retention" data-state="due">
        The retention period has ended; the media will be deleted at the next purge.
      </Notice>
    );
  }
  if (state.kind === 'unknown') return null;
  return (
    <p
      className={`rounded-xl px-3 py-2 text-sm ring-1 ring-inset ${state.urgent ? 'bg-amber-50 text-amber-900 ring-amber-200' : 'bg-slate-50 text-slate-800 ring-slate-200'}`}
      data-testid="retention"
      data-state="counting"
    >
      Media deleted in <strong>{state.text}</strong>
      {mediaExpiresAt ? (
        <>
          {' '}
          (on <time dateTime={mediaExpiresAt}>{formatDateTime(mediaExpiresAt)}</time>)
        </>
      ) : null}
      .
    </p>
  );
}

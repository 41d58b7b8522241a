/**
 * The capture session's life, as a pure function: which event moves which stored status where.
 * Stored statuses are created, opened, submitted, completed, decided, expired and cancelled.
 * `processing` is never stored: the view shows it for a submitted session once a vendor check has
 * started (view.ts), so `submitted` means "the upload arrived, no vendor has been called yet".
 */
import type { SessionStatus } from '@contract/api';

export type SessionEvent = 'open' | 'submit' | 'complete' | 'decide' | 'expire' | 'cancel';

const MOVES: Record<SessionEvent, Partial<Record<SessionStatus, SessionStatus>>> = {
  open: { created: 'opened', opened: 'opened' },
  submit: { created: 'submitted', opened: 'submitted' },
  complete: { submitted: 'completed', processing: 'completed' },
  // A later decision (a reviewer changes their mind) is another `decided`.
  decide: { submitted: 'decided', processing: 'decided', completed: 'decided', decided: 'decided' },
  expire: { created: 'expired', opened: 'expired' },
  cancel: { created: 'cancelled', opened: 'cancelled' },
};

/** The status after `event`, or undefined when the event does not apply in `status`. */
export function transition(status: SessionStatus, event: SessionEvent): SessionStatus | undefined {
  return MOVES[event][status];
}

/** The statuses an event may start from (for conditional UPDATEs). */
export function fromStatuses(event: SessionEvent): SessionStatus[] {
  return Object.keys(MOVES[event]) as SessionStatus[];
}

/** A session nobody has uploaded to yet, past its expiry, reads `expired` even before the sweep stores it. */
export function effectiveStatus(status: SessionStatus, expiresAt: Date, now: Date): SessionStatus {
  return transition(status, 'expire') && expiresAt.getTime() <= now.getTime() ? 'expired' : status;
}

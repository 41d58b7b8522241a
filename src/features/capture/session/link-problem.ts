/** Why a session link cannot be used, from the API's answer: each has its own screen saying what to do next. */
import type { SessionStatus } from '@contract/api';
import { isApiRequestError } from '../../../lib/http';

export type LinkProblem = 'not_found' | 'expired' | 'cancelled' | 'used' | 'unreachable';

const BY_CODE: Record<string, LinkProblem> = {
  session_not_found: 'not_found',
  session_expired: 'expired',
  session_cancelled: 'cancelled',
  session_used: 'used',
};

/** A failed load of the session's capture config. Anything without a session code is "try again later". */
export function linkProblemOf(error: unknown): LinkProblem {
  if (!isApiRequestError(error)) return 'unreachable';
  return BY_CODE[error.code] ?? (error.status === 404 ? 'not_found' : 'unreachable');
}

/** A config that loaded but whose session can no longer take a capture (defensive: the server answers these with 409/410). */
export function linkProblemOfStatus(status: SessionStatus): LinkProblem | null {
  if (status === 'created' || status === 'opened') return null;
  if (status === 'expired' || status === 'cancelled') return status;
  return 'used';
}

/** The session code of an upload refusal (409 session_used, 410 session_expired / session_cancelled), if it is one. */
export function sessionErrorCode(error: unknown): string | undefined {
  return isApiRequestError(error) && error.code in BY_CODE ? error.code : undefined;
}

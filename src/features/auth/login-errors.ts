/** Plain-language login errors; the throttled one says how long to wait. */
import { isApiRequestError } from '../../lib/http';

export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

export interface LoginErrorText {
  kind: 'credentials' | 'throttled' | 'totp' | 'disabled' | 'other';
  message: string;
}

/** `remainingS`: seconds still to wait now (the page counts it down from the Retry-After value). */
export function loginErrorText(error: unknown, remainingS?: number): LoginErrorText {
  if (isApiRequestError(error)) {
    if (error.code === 'totp_required') return { kind: 'totp', message: 'Enter the 6-digit code from your authenticator app.' };
    if (error.code === 'invalid_totp_code') {
      return { kind: 'totp', message: 'That code is wrong or was used already. Wait for the next code and try again.' };
    }
    if (error.code === 'account_disabled') {
      return { kind: 'disabled', message: 'This account is disabled. Ask an administrator to enable it.' };
    }
    if (error.status === 401 || error.code === 'invalid_credentials') {
      return { kind: 'credentials', message: 'Wrong email or password. Check both and try again.' };
    }
    if (error.status === 429) {
      const wait = remainingS ?? error.retryAfterS;
      return {
        kind: 'throttled',
        message:
          wait !== undefined && wait > 0
            ? `Too many failed attempts. Try again in ${formatWait(wait)}.`
            : 'Too many failed attempts. You can try again now.',
      };
    }
    if (error.status === 400) return { kind: 'other', message: error.message || 'Enter an email and a password.' };
    return { kind: 'other', message: error.message };
  }
  return { kind: 'other', message: 'Could not sign in. Please try again.' };
}

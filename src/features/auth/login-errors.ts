/** Plain-language login errors; the throttled one says how long to wait. */
import { isApiRequestError } from '../../lib/http';
import type { Locale } from '../../lib/i18n/i18n';
import { formatWait as formatWaitIn } from '../../lib/i18n/numbers';
import { REVIEW_ENGLISH, reviewI18n, type ReviewI18n } from '../../lib/i18n/review-i18n';

/** "9 seconds", "3 minutes" in the reader's language (Intl units). */
export function formatWait(seconds: number, locale: Locale = 'en'): string {
  return formatWaitIn(locale, seconds);
}

export interface LoginErrorText {
  kind: 'credentials' | 'throttled' | 'totp' | 'disabled' | 'other';
  message: string;
}

const ENGLISH = reviewI18n('en', REVIEW_ENGLISH);

/** `remainingS`: seconds still to wait now (the page counts it down from the Retry-After value). */
export function loginErrorText(error: unknown, remainingS?: number, { t, locale }: ReviewI18n = ENGLISH): LoginErrorText {
  if (isApiRequestError(error)) {
    if (error.code === 'totp_required') return { kind: 'totp', message: t('login.error.totpRequired') };
    if (error.code === 'invalid_totp_code') return { kind: 'totp', message: t('login.error.totpWrong') };
    if (error.code === 'account_disabled') return { kind: 'disabled', message: t('login.error.disabled') };
    if (error.status === 401 || error.code === 'invalid_credentials') {
      return { kind: 'credentials', message: t('login.error.credentials') };
    }
    if (error.status === 429) {
      const wait = remainingS ?? error.retryAfterS;
      return {
        kind: 'throttled',
        message:
          wait !== undefined && wait > 0
            ? t('login.error.throttled', { wait: formatWait(wait, locale) })
            : t('login.error.throttledOver'),
      };
    }
    if (error.status === 400) return { kind: 'other', message: error.message || t('login.error.missing') };
    return { kind: 'other', message: error.message };
  }
  return { kind: 'other', message: t('login.error.other') };
}

/** The admin's one-line summary of a throttled account (the login throttle's state for it). */
import type { SignInDelayView } from '@contract/api';
import { REVIEW_ENGLISH, reviewI18n, type ReviewI18n } from '../../lib/i18n/review-i18n';

const ENGLISH = reviewI18n('en', REVIEW_ENGLISH);

export function signInDelayText(
  delay: SignInDelayView,
  formatTime: (iso: string) => string,
  { t, plural }: ReviewI18n = ENGLISH,
): string {
  const until = formatTime(delay.until);
  const addresses = plural('signIn.addresses', delay.addresses);
  if (delay.addresses > 0 && delay.accountWide) return t('signIn.delayedBoth', { until, addresses });
  if (delay.accountWide) return t('signIn.delayedNew', { until });
  return t('signIn.delayed', { until, addresses });
}

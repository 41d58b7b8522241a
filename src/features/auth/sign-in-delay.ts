/** The admin's one-line summary of a throttled account (the login throttle's state for it). */
import type { SignInDelayView } from '@contract/api';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 'es'}`;

export function signInDelayText(delay: SignInDelayView, formatTime: (iso: string) => string): string {
  const until = `Delayed until ${formatTime(delay.until)}`;
  const newAddresses = 'every address that has not signed in here before';
  if (delay.addresses > 0 && delay.accountWide) return `${until} for ${plural(delay.addresses, 'address')} and ${newAddresses}`;
  if (delay.accountWide) return `${until} for ${newAddresses}`;
  return `${until} for ${plural(delay.addresses, 'address')}`;
}

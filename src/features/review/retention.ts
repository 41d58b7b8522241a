/** How long a case's media is kept: the countdown to `mediaExpiresAt`, or "purged". */

export type RetentionState =
  | { kind: 'purged' }
  | { kind: 'unknown' }
  /** Past the deadline, but the purge job has not run yet. */
  | { kind: 'due' }
  | { kind: 'counting'; msLeft: number; text: string; urgent: boolean };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "12 days 5 hours", "5 hours 3 minutes", "3 minutes", "less than a minute". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / 60_000);
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return minutes > 0 ? `${plural(hours, 'hour')} ${plural(minutes, 'minute')}` : plural(hours, 'hour');
  return plural(minutes, 'minute');
}

export function retentionState(c: { mediaPurged?: boolean; mediaExpiresAt?: string }, now: number = Date.now()): RetentionState {
  if (c.mediaPurged) return { kind: 'purged' };
  if (!c.mediaExpiresAt) return { kind: 'unknown' };
  const at = Date.parse(c.mediaExpiresAt);
  if (Number.isNaN(at)) return { kind: 'unknown' };
  const msLeft = at - now;
  if (msLeft <= 0) return { kind: 'due' };
  return { kind: 'counting', msLeft, text: formatDuration(msLeft), urgent: msLeft < 2 * DAY };
}

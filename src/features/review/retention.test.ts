import { describe, expect, it } from 'vitest';
import { formatDuration, retentionState } from './retention';

const H = 3_600_000;

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(12 * 24 * H + 5 * H + 59 * 60_000)).toBe('12 days 5 hours');
    expect(formatDuration(24 * H)).toBe('1 day');
    expect(formatDuration(5 * H + 3 * 60_000 + 10_000)).toBe('5 hours 3 minutes');
    expect(formatDuration(H)).toBe('1 hour');
    expect(formatDuration(3 * 60_000 + 59_000)).toBe('3 minutes');
    expect(formatDuration(59_999)).toBe('less than a minute');
  });
});

describe('retentionState', () => {
  const now = Date.parse('2026-11-22T00:00:00Z');
  it('counts down to mediaExpiresAt and flags the last two days', () => {
    expect(retentionState({ mediaExpiresAt: '2026-12-22T06:00:00Z', mediaPurged: false }, now)).toEqual({
      kind: 'counting',
      msLeft: 30 * 24 * H + 6 * H,
      text: '30 days 6 hours',
      urgent: false,
    });
    expect(retentionState({ mediaExpiresAt: '2026-11-23T10:00:00Z', mediaPurged: false }, now)).toMatchObject({
      text: '1 day 10 hours',
      urgent: true,
    });
  });

  it('knows purged, overdue and missing dates', () => {
    expect(retentionState({ mediaPurged: true, mediaExpiresAt: '2026-12-01T00:00:00Z' }, now)).toEqual({ kind: 'purged' });
    expect(retentionState({ mediaExpiresAt: '2026-11-21T00:00:00Z', mediaPurged: false }, now)).toEqual({ kind: 'due' });
    expect(retentionState({ mediaPurged: false }, now)).toEqual({ kind: 'unknown' });
    expect(retentionState({ mediaExpiresAt: 'garbage' }, now)).toEqual({ kind: 'unknown' });
  });
});

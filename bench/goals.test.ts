import { describe, expect, it } from 'vitest';
import { formatGoals } from './goals.js';

describe('formatGoals', () => {
  it('prints one Markdown row per goal with a pass or MISS mark', () => {
    const table = formatGoals([
      { what: 'Peak RSS', measured: '380 MB', goal: '≤ 400 MB', pass: true },
      { what: 'Screening', measured: '1.1 s', goal: '≤ 0.75 s', pass: false },
    ]);
    expect(table.split('\n')).toEqual([
      '| what | measured | goal | |',
      '|---|---|---|---|',
      '| Peak RSS | 380 MB | ≤ 400 MB | pass |',
      '| Screening | 1.1 s | ≤ 0.75 s | MISS |',
    ]);
  });

  it('prints nothing when no group recorded a goal', () => {
    expect(formatGoals([])).toBe('');
  });
});

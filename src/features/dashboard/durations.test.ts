import { describe, expect, it } from 'vitest';
import { formatWait } from './durations';

describe('formatWait', () => {
  it('writes a wait in its two largest units', () => {
    expect(formatWait(45_000)).toBe('45 s');
    expect(formatWait(12 * 60_000 + 5_000)).toBe('12 min');
    expect(formatWait(3 * 3_600_000)).toBe('3 h');
    expect(formatWait(3 * 3_600_000 + 20 * 60_000)).toBe('3 h 20 min');
    expect(formatWait(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 4 h');
    expect(formatWait(Number.NaN)).toBe('—');
  });

  it('writes each amount with the given unit format (the page passes Intl in the reader language)', () => {
    const tagged = (n: number, unit: string) => `${n}<${unit}>`;
    expect(formatWait(3 * 3_600_000 + 20 * 60_000, tagged)).toBe('3<hour> 20<minute>');
    expect(formatWait(2 * 86_400_000 + 4 * 3_600_000, tagged)).toBe('2<day> 4<hour>');
    expect(formatWait(45_000, tagged)).toBe('45<second>');
  });
});

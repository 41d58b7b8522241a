import { describe, expect, it } from 'vitest';
import { formatAge } from './format';

describe('formatAge', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');
  it('picks one unit', () => {
    expect(formatAge('2026-11-22T11:59:30Z', now)).toBe('just now');
    expect(formatAge('2026-11-22T11:48:00Z', now)).toBe('12 min');
    expect(formatAge('2026-11-22T07:00:00Z', now)).toBe('5 h');
    expect(formatAge('2026-11-19T11:00:00Z', now)).toBe('3 d');
    expect(formatAge('nope', now)).toBe('—');
  });
});

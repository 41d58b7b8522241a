import { describe, expect, it } from 'vitest';
import { formatPercent, formatSeconds, formatWait } from './numbers';

describe('formatSeconds', () => {
  it('writes the decimal the way each language does', () => {
    expect(formatSeconds('en', 3.5)).toBe('3.5');
    expect(formatSeconds('id', 3.5)).toBe('3,5');
    expect(formatSeconds('zh-CN', 3.5)).toBe('3.5');
  });
  it('keeps at most one decimal and drops a trailing zero', () => {
    expect(formatSeconds('en', 3)).toBe('3');
    expect(formatSeconds('id', 2.04)).toBe('2');
    expect(formatSeconds('id', 1.26)).toBe('1,3');
  });
});

describe('formatPercent', () => {
  it('formats a 0–1 fraction as a whole percentage in each language', () => {
    expect(formatPercent('en', 0.456)).toBe('46%');
    expect(formatPercent('id', 0.456)).toBe('46%');
    expect(formatPercent('zh-CN', 1)).toBe('100%');
  });
  it('clamps out-of-range progress', () => {
    expect(formatPercent('en', 1.2)).toBe('100%');
    expect(formatPercent('en', -0.1)).toBe('0%');
  });
});

describe('formatWait', () => {
  it('says seconds under a minute and whole minutes above, in each language', () => {
    expect(formatWait('en', 12.2)).toBe('13 seconds');
    expect(formatWait('id', 12)).toBe('12 detik');
    expect(formatWait('zh-CN', 12)).toBe('12秒钟');
    expect(formatWait('en', 61)).toBe('2 minutes');
    expect(formatWait('id', 90)).toBe('2 menit');
  });
});

import { describe, expect, it } from 'vitest';
import { isStandardBase64 } from './base64.js';

describe('isStandardBase64', () => {
  it('accepts padded standard base64 and refuses url-safe or broken text', () => {
    for (const n of [0, 1, 2, 3, 4, 5]) {
      expect(isStandardBase64(Buffer.alloc(n, 0xfb).toString('base64'), { requirePadding: true })).toBe(true);
    }
    expect(isStandardBase64('-_-_', { requirePadding: true })).toBe(false);
    expect(isStandardBase64('abc', { requirePadding: true })).toBe(false);
    expect(isStandardBase64('abc', { requirePadding: false })).toBe(true);
    expect(isStandardBase64('abcde', { requirePadding: false })).toBe(false);
    expect(isStandardBase64('ab=c', { requirePadding: false })).toBe(false);
  });

  it('handles a 10 MB clip without overflowing the stack', () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 7).toString('base64');
    expect(isStandardBase64(big, { requirePadding: true })).toBe(true);
  });
});

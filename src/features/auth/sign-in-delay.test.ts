import { describe, expect, it } from 'vitest';
import { signInDelayText } from './sign-in-delay';

describe('signInDelayText', () => {
  const time = (iso: string) => iso.slice(11, 16);
  it('says until when, for how many addresses, and whether the account-wide ceiling applies', () => {
    const until = '2026-01-01T10:15:00.000Z';
    expect(signInDelayText({ until, addresses: 1, accountWide: false }, time)).toBe('Delayed until 10:15 for 1 address');
    expect(signInDelayText({ until, addresses: 3, accountWide: true }, time)).toBe(
      'Delayed until 10:15 for 3 addresses and every address that has not signed in here before',
    );
    expect(signInDelayText({ until, addresses: 0, accountWide: true }, time)).toBe(
      'Delayed until 10:15 for every address that has not signed in here before',
    );
  });
});

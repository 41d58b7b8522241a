import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';
import { createLoginThrottle } from './throttle.js';

describe('password hashing', () => {
  it('salts each hash, verifies the right password only, and rejects malformed hashes', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text')).toBe(false);
  });
});

describe('login throttle', () => {
  it('blocks an email after its failures until the oldest ages out, and an IP spraying many emails', () => {
    let now = 0;
    const throttle = createLoginThrottle({ windowMs: 60_000, maxPerEmail: 3, maxPerIp: 5, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterMs('a@x', 'ip1')).toBe(0);
      throttle.fail('a@x', 'ip1');
      now += 1000;
    }
    expect(throttle.retryAfterMs('a@x', 'ip2')).toBe(57_000);
    now = 60_001;
    expect(throttle.retryAfterMs('a@x', 'ip2')).toBe(0);
    for (const email of ['b@x', 'c@x', 'd@x', 'e@x', 'f@x']) throttle.fail(email, 'ip9');
    expect(throttle.retryAfterMs('new@x', 'ip9')).toBeGreaterThan(0);
    throttle.succeed('b@x');
    expect(throttle.retryAfterMs('new@x', 'ip9')).toBeGreaterThan(0);
  });
});

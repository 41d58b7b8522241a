import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, hotp, matchTotp, otpauthUri, totpCode, totpStep } from './totp.js';

// RFC 6238 appendix B: the seed is ASCII "12345678901234567890" (SHA-1), 8 digits.
const RFC_SEED = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('matches the RFC test vector at T=%i', (seconds, expected) => {
    expect(hotp(RFC_SEED, Math.floor(seconds / 30), 8)).toBe(expected);
  });

  it('matches RFC 4226 appendix D (HOTP, 6 digits)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(RFC_SEED, counter))).toEqual(expected);
  });

  it('round-trips base32 (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
  });

  it('accepts one step of clock skew either way, not two', () => {
    const secret = generateTotpSecret();
    const at = new Date('2026-12-06T12:00:10Z');
    const step = totpStep(at);
    expect(matchTotp(secret, totpCode(secret, at), at)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() - 60_000)), at)).toBeUndefined();
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() + 60_000)), at)).toBeUndefined();
  });

  it('refuses a code of a step already used, and malformed codes', () => {
    const secret = generateTotpSecret();
    const at = new Date('2026-12-06T12:00:10Z');
    const code = totpCode(secret, at);
    expect(matchTotp(secret, code, at, totpStep(at))).toBeUndefined();
    expect(matchTotp(secret, code, at, totpStep(at) - 1)).toBe(totpStep(at));
    expect(matchTotp(secret, '12345', at)).toBeUndefined();
    expect(matchTotp(secret, 'abcdef', at)).toBeUndefined();
  });

  it('writes the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('Selfie Review', 'a@b.test', 'ABC')).toBe(
      'otpauth://totp/Selfie%20Review%3Aa%40b.test?secret=ABC&issuer=Selfie+Review&algorithm=SHA1&digits=6&period=30',
    );
  });
});

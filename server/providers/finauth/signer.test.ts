import { describe, expect, it } from 'vitest';
import {
  buildRaw,
  createSign,
  decodeSign,
  DEFAULT_SIGN_VALIDITY_S,
  randomDigits,
  signRaw,
  verifySign,
  type SignFields,
} from './signer.js';
import { bodyOf, headerOf, loadFinauthVectors, multipartRequests, splitMultipart } from './vectors.test-helpers.js';

const vectors = loadFinauthVectors();
const { apiKey, apiSecret } = vectors.credentials;
const signCases = vectors.signVectors.map((vector, index) => ({ index, ...vector }));

const secretFor = (key: string) => (key === apiKey ? apiSecret : undefined);

describe('sign against the openssl-computed vectors', () => {
  it('uses every sign vector in the file (2 today)', () => {
    expect(signCases).toHaveLength(2);
    expect(signCases.length).toBe(vectors.signVectors.length);
  });

  it.each(signCases)('signVectors[$index]: raw is byte-identical', (vector) => {
    const fields: SignFields = {
      apiKey: vector.apiKey,
      expireTime: vector.expireTime,
      currentTime: vector.currentTime,
      random: vector.random,
    };
    expect(buildRaw(fields)).toBe(vector.raw);
  });

  it.each(signCases)('signVectors[$index]: sign is byte-identical', (vector) => {
    expect(signRaw(apiSecret, vector.raw)).toBe(vector.sign);
    const created = createSign({
      apiKey: vector.apiKey,
      apiSecret,
      now: new Date(vector.currentTime * 1000 + 999), // the sub-second part is dropped
      random: vector.random,
      validityS: vector.expireTime - vector.currentTime,
    });
    expect(created).toEqual({
      sign: vector.sign,
      raw: vector.raw,
      fields: { apiKey: vector.apiKey, expireTime: vector.expireTime, currentTime: vector.currentTime, random: vector.random },
    });
  });

  it.each(signCases)('signVectors[$index]: decodes back to its raw and fields', (vector) => {
    const decoded = decodeSign(vector.sign);
    expect(decoded?.raw).toBe(vector.raw);
    expect(decoded?.fields).toEqual({
      apiKey: vector.apiKey,
      expireTime: vector.expireTime,
      currentTime: vector.currentTime,
      random: vector.random, // a leading zero survives
    });
    expect(decoded?.mac).toHaveLength(20);
  });

  it.each(signCases)('signVectors[$index]: a server-style verify accepts it until b, then EXPIRED', (vector) => {
    expect(verifySign({ sign: vector.sign, secretFor, nowS: vector.currentTime })).toMatchObject({ ok: true });
    expect(verifySign({ sign: vector.sign, secretFor, nowS: vector.expireTime - 1 })).toMatchObject({ ok: true });
    expect(verifySign({ sign: vector.sign, secretFor, nowS: vector.expireTime })).toEqual({ ok: false, reason: 'expired' });
  });

  it.each(signCases)('signVectors[$index]: a wrong secret, a changed MAC or raw byte is refused', (vector) => {
    const nowS = vector.currentTime;
    expect(verifySign({ sign: vector.sign, secretFor: () => 'not-the-secret', nowS })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
    const bytes = Buffer.from(vector.sign, 'base64');
    const macFlipped = Buffer.from(bytes);
    macFlipped[0] = (macFlipped[0] ?? 0) ^ 1;
    expect(verifySign({ sign: macFlipped.toString('base64'), secretFor, nowS })).toMatchObject({ reason: 'signature_mismatch' });
    // A later expiry written into raw without re-signing: the classic tampering the HMAC exists for.
    const laterExpiry = Buffer.from(vector.raw.replace(`b=${vector.expireTime}`, 'b=9999999999'));
    const extended = Buffer.concat([bytes.subarray(0, 20), laterExpiry]);
    expect(verifySign({ sign: extended.toString('base64'), secretFor, nowS })).toMatchObject({ reason: 'signature_mismatch' });
  });

  it('the recorded multipart shapes carry signVectors[check.signVector].sign (both cases)', () => {
    const recorded = multipartRequests(vectors);
    expect(recorded).toHaveLength(2);
    expect(recorded).toHaveLength(vectors.cases.flatMap((c) => c.requests).length);
    for (const { request } of recorded) {
      const boundary = /boundary=(.*)$/.exec(headerOf(request, 'content-type') ?? '')?.[1] ?? '';
      const sign = splitMultipart(bodyOf(request), boundary).find((part) => part.name === 'sign');
      expect(sign?.data.toString()).toBe(vectors.signVectors[request.check.signVector]?.sign);
    }
  });
});

describe('verifySign', () => {
  const sign = (fields: Partial<SignFields>, secret = apiSecret) =>
    signRaw(secret, buildRaw({ apiKey, expireTime: 1795292500, currentTime: 1795292400, random: '42', ...fields }));

  it('an unknown api key is told apart from a wrong signature', () => {
    const other = signRaw('s', buildRaw({ apiKey: 'someoneelse', expireTime: 1795292500, currentTime: 1795292400, random: '1' }));
    expect(verifySign({ sign: other, secretFor, nowS: 1795292400 })).toEqual({ ok: false, reason: 'unknown_api_key' });
  });

  it.each([
    ['c equal to b', { currentTime: 1795292500 }],
    ['c after b', { currentTime: 1795292600 }],
    ['the one-shot b=0 of older FaceID docs', { expireTime: 0 }],
  ])('%s → bad_times (only once the HMAC holds)', (_label, fields) => {
    expect(verifySign({ sign: sign(fields), secretFor, nowS: 1795292400 })).toEqual({ ok: false, reason: 'bad_times' });
  });

  it.each([
    ['empty', ''],
    ['not base64', 'not base64!'],
    ['url-safe base64', Buffer.from(`${'\xff'.repeat(20)}a=testapikey&b=1&c=0&d=1`, 'latin1').toString('base64url')],
    ['unpadded', vectors.signVectors[0]!.sign.replace(/=+$/, '')],
    ['only a MAC', Buffer.alloc(20).toString('base64')],
    ['raw in another order', signRaw(apiSecret, 'b=1795292500&a=testapikey&c=1795292400&d=1')],
    ['random of 11 digits', signRaw(apiSecret, 'a=testapikey&b=1795292500&c=1795292400&d=12345678901')],
    ['a field too many', signRaw(apiSecret, 'a=testapikey&b=1795292500&c=1795292400&d=1&e=2')],
  ])('%s → malformed', (label, value) => {
    if (label === 'unpadded') expect(vectors.signVectors[0]!.sign.endsWith('=')).toBe(true);
    expect(verifySign({ sign: value, secretFor, nowS: 1795292400 })).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('building a sign', () => {
  it('defaults to a 100 s validity, as the vendor samples do', () => {
    expect(DEFAULT_SIGN_VALIDITY_S).toBe(100);
    const { fields } = createSign({ apiKey, apiSecret, now: new Date(1795292400_000), random: '7' });
    expect(fields.expireTime - fields.currentTime).toBe(100);
  });

  it('randomDigits gives 10 digits, leading zeros kept, and varies', () => {
    const draws = Array.from({ length: 50 }, randomDigits);
    for (const draw of draws) expect(draw).toMatch(/^\d{10}$/);
    expect(new Set(draws).size).toBeGreaterThan(45);
  });

  it.each([
    ['an empty key', { apiKey: '' }],
    ['a key with &', { apiKey: 'key&b=1' }],
    ['a key with =', { apiKey: 'k=ey' }],
    ['a random of 11 digits', { random: '12345678901' }],
    ['a random with a letter', { random: '12a' }],
    ['an empty random', { random: '' }],
    ['a fractional time', { currentTime: 1.5 }],
    ['a negative time', { expireTime: -1 }],
  ])('refuses %s, without echoing the value', (_label, override) => {
    const fields = { apiKey: 'secret-looking-key', expireTime: 1795292500, currentTime: 1795292400, random: '1', ...override };
    expect(() => buildRaw(fields)).toThrow(RangeError);
    try {
      buildRaw(fields);
    } catch (error) {
      expect(String(error)).not.toContain('secret-looking-key');
      if (fields.apiKey) expect(String(error)).not.toContain(fields.apiKey);
    }
  });

  it('refuses a validity that is not a positive integer', () => {
    expect(() => createSign({ apiKey, apiSecret, now: new Date(), random: '1', validityS: 0 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeWirePairs, encodeWirePairs, percentEncodeRfc3986 } from './encoding.js';
import {
  canonicalHeaders,
  canonicalQueryString,
  formatAcsDate,
  parseAcs3Authorization,
  parseAcsDate,
  signAcs3,
  verifyAcs3Request,
  EMPTY_PAYLOAD_SHA256,
  sha256Hex,
} from './signer.js';
import { bodyOf, lowercaseHeaders, requestsOfKind, requireHeader, type LabelledRequest } from './vectors.test-helpers.js';

const acs3Cases = requestsOfKind('acs3-hmac-sha256');

function verifyCaptured(
  { request, credentials }: LabelledRequest,
  overrides: { body?: Uint8Array; secret?: string; rawQuery?: string; headers?: Record<string, string>; path?: string } = {},
) {
  return verifyAcs3Request({
    authorization: requireHeader(request, 'Authorization'),
    secretFor: (id) => (id === credentials.accessKeyId ? (overrides.secret ?? credentials.accessKeySecret) : undefined),
    method: request.method,
    canonicalUri: overrides.path ?? request.path,
    rawQuery: overrides.rawQuery ?? request.rawQuery,
    headers: { ...lowercaseHeaders(request), ...overrides.headers },
    body: overrides.body ?? bodyOf(request),
  });
}

describe('the simulator-side verifier against the SDK captures', () => {
  it('has all seven ACS3 requests', () => {
    expect(acs3Cases).toHaveLength(7);
  });

  it.each(acs3Cases)('$file $caseName $request.role: accepted', (vector) => {
    expect(verifyCaptured(vector)).toEqual({ ok: true, accessKeyId: 'testid' });
  });

  it.each(acs3Cases)(
    '$file $caseName $request.role: a wrong secret, another path or a changed query value is refused',
    (vector) => {
      expect(verifyCaptured(vector, { secret: 'not-the-secret' })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
      expect(verifyCaptured(vector, { path: '/sim/' })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
      expect(verifyCaptured(vector, { rawQuery: `${vector.request.rawQuery}&Extra=1` })).toMatchObject({
        ok: false,
        reason: 'signature_mismatch',
      });
    },
  );

  it.each(acs3Cases.filter((c) => c.request.bodyBase64 !== ''))('$file $caseName: a changed body byte is refused', (vector) => {
    const tampered = Buffer.from(bodyOf(vector.request));
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(verifyCaptured(vector, { body: tampered })).toMatchObject({ ok: false, reason: 'content_hash_mismatch' });
    // Even with a matching x-acs-content-sha256, the signature covers the hash.
    expect(verifyCaptured(vector, { body: tampered, headers: { 'x-acs-content-sha256': sha256Hex(tampered) } })).toMatchObject({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('refuses an unknown AccessKeyId, an unsigned x-acs- header, and a changed signed header', () => {
    const vector = acs3Cases[0]!;
    expect(verifyCaptured({ ...vector, credentials: { accessKeyId: 'other', accessKeySecret: 'x' } })).toMatchObject({
      ok: false,
      reason: 'unknown_access_key',
      accessKeyId: 'testid',
    });
    expect(verifyCaptured(vector, { headers: { 'x-acs-extra': '1' } })).toMatchObject({
      ok: false,
      reason: 'unsigned_header',
      header: 'x-acs-extra',
    });
    expect(verifyCaptured(vector, { headers: { 'x-acs-date': '2026-11-21T20:20:08Z' } })).toMatchObject({
      ok: false,
      reason: 'signature_mismatch',
    });
    expect(verifyCaptured(vector, { headers: { host: 'cloudauth-intl-vpc.ap-southeast-1.aliyuncs.com' } })).toMatchObject({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('does not care about accept or user-agent (unsigned)', () => {
    expect(verifyCaptured(acs3Cases[0]!, { headers: { accept: '*/*', 'user-agent': 'curl' } })).toMatchObject({ ok: true });
  });
});

describe('signAcs3', () => {
  const base = {
    accessKeyId: 'id',
    accessKeySecret: 'secret',
    method: 'POST',
    canonicalUri: '/',
    query: [] as [string, string][],
    headers: { host: 'h', 'x-acs-date': '2026-11-21T20:20:07Z', Accept: 'application/json' },
    payloadHash: EMPTY_PAYLOAD_SHA256,
  };

  it('writes the Authorization without spaces after the commas', () => {
    expect(signAcs3(base).authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-date,Signature=[0-9a-f]{64}$/,
    );
  });

  it('round-trips through the verifier', () => {
    const { authorization } = signAcs3(base);
    expect(
      verifyAcs3Request({
        authorization,
        secretFor: () => 'secret',
        method: 'POST',
        canonicalUri: '/',
        rawQuery: '',
        headers: { host: 'h', 'x-acs-date': '2026-11-21T20:20:07Z' },
        body: new Uint8Array(),
      }),
    ).toEqual({ ok: true, accessKeyId: 'id' });
  });
});

describe('canonical pieces', () => {
  it('RFC 3986-encodes values and sorts by name', () => {
    expect(
      canonicalQueryString([
        ['b', "(2)*'! ~+"],
        ['a', 'é'],
      ]),
    ).toBe('a=%C3%A9&b=%282%29%2A%27%21%20~%2B');
    expect(canonicalQueryString([])).toBe('');
    expect(percentEncodeRfc3986('A-Z_a.z~0')).toBe('A-Z_a.z~0');
  });

  it('keeps the wire encoding (querystring) and the canonical encoding apart', () => {
    expect(encodeWirePairs([['FaceUrl', "a b+(c)*'!~"]])).toBe("FaceUrl=a%20b%2B(c)*'!~");
    expect(decodeWirePairs("FaceUrl=a%20b%2B(c)*'!~&x=a+b&bad=%ZZ%41")).toEqual([
      ['FaceUrl', "a b+(c)*'!~"],
      ['x', 'a b'],
      ['bad', '%ZZA'],
    ]);
  });

  it('lowercases, trims and sorts headers; joins same-name values like the SDK', () => {
    expect(canonicalHeaders({ 'X-Acs-B': ' 2 ', Host: 'h', 'content-type': 'c', 'x-acs-b': '1', accept: 'no' })).toEqual({
      canonical: 'content-type:c\nhost:h\nx-acs-b:1,2\n',
      signedHeaders: 'content-type;host;x-acs-b',
    });
  });

  it('formats and parses x-acs-date strictly', () => {
    expect(formatAcsDate(new Date('2026-11-21T20:20:07.5Z'))).toBe('2026-11-21T20:20:07Z');
    expect(parseAcsDate('2026-11-21T20:20:07Z')?.toISOString()).toBe('2026-11-21T20:20:07.000Z');
    for (const bad of ['2026-11-21T20:20:07.000Z', '2026-11-21 20:20:07Z', '2026-02-30T00:00:00Z', 'yesterday', '']) {
      expect(parseAcsDate(bad)).toBeUndefined();
    }
  });

  it('parses the Authorization header or refuses it', () => {
    const signature = 'a'.repeat(64);
    expect(parseAcs3Authorization(`ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-date,Signature=${signature}`)).toEqual(
      {
        accessKeyId: 'ak',
        signedHeaders: ['host', 'x-acs-date'],
        signature,
      },
    );
    for (const bad of [
      undefined,
      '',
      'Bearer x',
      `ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host`,
      `ACS3-HMAC-SM3 Credential=ak,SignedHeaders=host,Signature=${signature}`,
      `ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=Host,Signature=${signature}`,
      `ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=${signature.slice(1)}`,
    ]) {
      expect(parseAcs3Authorization(bad)).toBeUndefined();
    }
  });
});

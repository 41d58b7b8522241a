import { describe, it, expect } from 'vitest';
import { parseTc3Authorization, signTc3, tc3Date, verifyTc3Request, TENCENT_FACEID_SERVICE } from './signer.js';
import {
  bodyOf,
  headerOf,
  loadTencentVectors,
  requireHeader,
  tc3Requests,
  type CapturedRequest,
} from './vectors.test-helpers.js';

const vectors = loadTencentVectors();
const tc3Cases = tc3Requests(vectors);
const { secretId, secretKey } = vectors.credentials;

function signCaptured(request: CapturedRequest) {
  return signTc3({
    secretId,
    secretKey,
    service: TENCENT_FACEID_SERVICE,
    host: requireHeader(request, 'Host'),
    canonicalUri: request.path,
    canonicalQuery: request.rawQuery,
    contentType: requireHeader(request, 'Content-Type'),
    payload: bodyOf(request),
    timestamp: Number(requireHeader(request, 'X-TC-Timestamp')),
  });
}

function headersByLowercaseName(request: CapturedRequest): Record<string, string> {
  return Object.fromEntries(request.headers.map(([k, v]) => [k.toLowerCase(), v]));
}

function verifyCaptured(request: CapturedRequest, overrides: { payload?: Uint8Array; secret?: string } = {}) {
  return verifyTc3Request({
    authorization: headerOf(request, 'Authorization'),
    secretKeyFor: (id) => (id === secretId ? (overrides.secret ?? secretKey) : undefined),
    expectedService: TENCENT_FACEID_SERVICE,
    method: request.method,
    canonicalUri: request.path,
    canonicalQuery: request.rawQuery,
    headers: headersByLowercaseName(request),
    payload: overrides.payload ?? bodyOf(request),
    timestamp: Number(requireHeader(request, 'X-TC-Timestamp')),
  });
}

describe('TC3-HMAC-SHA256 against the SDK-captured vectors', () => {
  it('has enough TC3 cases for the comparison to mean something', () => {
    expect(tc3Cases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(tc3Cases)('$caseName: Authorization is byte-identical', ({ request }) => {
    expect(signCaptured(request).authorization).toBe(requireHeader(request, 'Authorization'));
  });

  it.each(tc3Cases)('$caseName: the simulator-side verifier accepts it', ({ request }) => {
    expect(verifyCaptured(request)).toEqual({ ok: true, secretId });
  });

  it.each(tc3Cases)('$caseName: a changed body byte or a wrong secret is refused', ({ request }) => {
    const tampered = Buffer.from(bodyOf(request));
    const at = tampered.length - 2;
    tampered[at] = (tampered[at] ?? 0) ^ 1;
    expect(verifyCaptured(request, { payload: tampered })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
    expect(verifyCaptured(request, { secret: 'not-the-secret' })).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('reproduces the worked example of spec §5 step by step', () => {
    const request = tc3Cases.find((c) => c.caseName === 'tc-full-image')?.request;
    expect(request).toBeDefined();
    const signed = signCaptured(request!);
    expect(signed.credentialScope).toBe('2026-11-21/faceid/tc3_request');
    expect(signed.canonicalRequest.split('\n')).toEqual([
      'POST',
      '/',
      '',
      'content-type:application/json',
      'host:faceid.intl.tencentcloudapi.com',
      '',
      'content-type;host',
      expect.stringMatching(/^[0-9a-f]{64}$/),
    ]);
    expect(signed.stringToSign.startsWith('TC3-HMAC-SHA256\n1795292426\n2026-11-21/faceid/tc3_request\n')).toBe(true);
    expect(signed.signature).toBe('e9cc35298b0f76969c8bbafec78adaad17abf3852896a41d7b8884dd990f8bf9');
  });

  // The intl-en SDK's default (v1 "HmacSHA256": form body, Signature field, 1 MB limit) is not something we send:
  // media needs TC3's 10 MB limit and a JSON body. The case stays in the file to document that trap.
  it('excludes the legacy v1 case because we never produce that shape', () => {
    const legacy = vectors.cases.flatMap((c) => c.requests).filter((r) => r.check.kind === 'tc-v1-hmacsha256');
    expect(legacy).toHaveLength(1);
    const [request] = legacy;
    expect(headerOf(request!, 'Authorization')).toBeUndefined();
    expect(headerOf(request!, 'Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(signCaptured(tc3Cases[0]!.request).authorization.startsWith('TC3-HMAC-SHA256 ')).toBe(true);
  });
});

describe('signTc3', () => {
  const base = {
    secretId: 'id',
    secretKey: 'key',
    service: 'faceid',
    host: '127.0.0.1:8443',
    canonicalUri: '/sim/tencent/',
    contentType: 'application/json',
    payload: '{}',
    timestamp: 1795292426,
  };

  it('signs the host with its port and the real path (our simulator)', () => {
    const signed = signTc3(base);
    expect(signed.canonicalRequest).toContain('\n/sim/tencent/\n');
    expect(signed.canonicalRequest).toContain('host:127.0.0.1:8443\n');
    expect(signTc3({ ...base, host: '127.0.0.1' }).signature).not.toBe(signed.signature);
  });

  it('hashes a string and its UTF-8 bytes identically', () => {
    expect(signTc3({ ...base, payload: Buffer.from('{}') }).signature).toBe(signTc3(base).signature);
  });

  it('uses the UTC date of the timestamp, not the local one', () => {
    expect(tc3Date(1795305599)).toBe('2026-11-21'); // 23:59:59 UTC
    expect(tc3Date(1795305600)).toBe('2026-11-22');
  });

  it('refuses a fractional timestamp', () => {
    expect(() => signTc3({ ...base, timestamp: 1.5 })).toThrow(RangeError);
  });
});

describe('parseTc3Authorization', () => {
  it('reads the SDK header', () => {
    expect(
      parseTc3Authorization(
        `TC3-HMAC-SHA256 Credential=testid/2026-11-21/faceid/tc3_request, SignedHeaders=content-type;host, Signature=${'a'.repeat(64)}`,
      ),
    ).toEqual({
      secretId: 'testid',
      date: '2026-11-21',
      service: 'faceid',
      signedHeaders: ['content-type', 'host'],
      signature: 'a'.repeat(64),
    });
  });

  it.each([
    undefined,
    '',
    'Bearer abc',
    'TC3-HMAC-SHA256 Credential=testid/2026-11-21/faceid/tc3_request, SignedHeaders=content-type;host',
    `TC3-HMAC-SHA256 Credential=testid/2026-11-21/faceid, SignedHeaders=content-type;host, Signature=${'a'.repeat(64)}`,
    `TC3-HMAC-SHA256 Credential=testid/2026-11-21/faceid/tc3_request, SignedHeaders=content-type;host, Signature=${'a'.repeat(63)}`,
  ])('rejects %j', (header) => {
    expect(parseTc3Authorization(header)).toBeUndefined();
  });
});

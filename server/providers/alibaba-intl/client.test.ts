import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeImage, fakeVideo, stubProbe } from '../alibaba-acs3/probe-stub.test-helpers.js';
import { decodeWirePairs } from '../alibaba-acs3/encoding.js';
import type { MediaInput } from '../types.js';
import { createAlibabaIntlProvider, type AlibabaIntlProviderOptions } from './client.js';
import { ALIBABA_INTL_MEDIA_LIMITS } from './limits.js';
import { alibabaIntlSimulator, createCloudauthSimulatorControl } from './simulator/simulator.js';
import { mediaInput } from '../adapter-kit/media-input.test-helpers.js';
import {
  expectCallerSignalsHonoured,
  expectConnectionRefused,
  useVendorTestServer,
} from '../adapter-kit/vendor-test-server.test-helpers.js';

const ACCESS_KEY_ID = 'LTAIclienttest0001';
const ACCESS_KEY_SECRET = 'client-test-secret-0001';
const IDEMPOTENCY_KEY = '5f0c8a2e-3b7d-4c1e-9a6f-2d8e4b1c7a90';
const MERCHANT_BIZ_ID = '5f0c8a2e3b7d4c1e9a6f2d8e4b1c7a90';
const POP_REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const sharedFixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures');
const mediaFixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../contract/media/fixtures');

const control = createCloudauthSimulatorControl();
const server = useVendorTestServer(
  async (app) => {
    const credentials = { accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, maxRequestsPerSecond: Infinity };
    await app.register(alibabaIntlSimulator, { prefix: '/sim/alibaba-intl', ...credentials, probe: stubProbe, control });
    // The same vendor with the real content probe, and another one whose OSS secret differs.
    await app.register(alibabaIntlSimulator, { prefix: '/sim/real', ...credentials });
    await app.register(alibabaIntlSimulator, { prefix: '/sim/other', ...credentials, probe: stubProbe });
    // Answers that are not Alibaba's: a gateway in the way, a misconfigured proxy.
    await app.register(async (broken) => {
      broken.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      broken.all('/broken/:status', async (request, reply) => {
        const status = Number((request.params as { status: string }).status);
        if (status === 302) return reply.code(302).header('location', '/sim/alibaba-intl/api/').send();
        return reply.code(status).type('text/html').send('<html><body>Bad Gateway</body></html>');
      });
    });
  },
  [control],
);

const media = (kind: 'video' | 'image', bytes = kind === 'video' ? fakeVideo() : fakeImage()): MediaInput =>
  mediaInput(kind, bytes);

function provider(overrides: Partial<AlibabaIntlProviderOptions> = {}, simulator = 'alibaba-intl') {
  return createAlibabaIntlProvider({
    mode: 'simulated',
    endpoint: () => `${server.baseUrl}/sim/${simulator}/api/`,
    openPlatformEndpoint: () => `${server.baseUrl}/sim/${simulator}/openplatform/`,
    ossUploadUrl: () => `${server.baseUrl}/sim/${simulator}/oss/`,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    sceneCode: 'selfie_01',
    ...overrides,
  });
}

const ctx = { idempotencyKey: IDEMPOTENCY_KEY, attempt: 1 };

function expectNoSecrets(value: unknown) {
  const text = JSON.stringify(value);
  expect(text).not.toContain(ACCESS_KEY_SECRET);
  expect(text).not.toContain(ACCESS_KEY_ID);
  expect(text).not.toMatch(/Signature=|EncodedPolicy|"Signature"/);
}

describe('createAlibabaIntlProvider', () => {
  it('describes itself', () => {
    const p = provider();
    expect(p).toMatchObject({ id: 'alibaba-intl', displayName: 'Alibaba Cloud DeepfakeDetectIntl', mode: 'simulated' });
    expect(p.limits).toBe(ALIBABA_INTL_MEDIA_LIMITS);
    expect(provider({ mode: 'live' }).mode).toBe('live');
    expectNoSecrets(p);
  });

  it('an image → pass, with the RequestId, the highest RiskScore, MerchantBizId in sentIds and the body as raw', async () => {
    const outcome = await provider().check(media('image'), ctx);
    expect(outcome).toMatchObject({
      kind: 'result',
      verdict: 'pass',
      score: 0.0312,
      riskTags: [],
      vendorRequestId: expect.stringMatching(POP_REQUEST_ID),
      sentIds: { MerchantBizId: MERCHANT_BIZ_ID },
      raw: { Code: 'Success', Message: 'success', ResultObject: { Result: '0' } },
    });
    expect(outcome).not.toHaveProperty('threshold');
    expectNoSecrets(outcome);
  });

  it('a video goes AuthorizeFileUpload → OSS PostObject → DeepfakeDetectIntlStream with FaceFile', async () => {
    const sent: { url: string; method: string; headers: Record<string, string>; body: string }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const body = init?.body === undefined ? '' : Buffer.from(init.body as string | Uint8Array).toString('latin1');
      sent.push({ url: String(input), method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, body });
      return fetch(input, init);
    };
    const outcome = await provider({ fetch: recordingFetch }).check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'result', verdict: 'pass', sentIds: { MerchantBizId: MERCHANT_BIZ_ID } });
    expect(outcome.raw).toMatchObject({ ResultObject: { Result: '0', TransactionId: expect.stringMatching(/^[0-9a-f]{32}$/) } });

    expect(sent.map((s) => `${s.method} ${s.url.replace(server.baseUrl, '')}`)).toEqual([
      'GET /sim/alibaba-intl/openplatform/?Product=Cloudauth-intl&RegionId=ap-southeast-1',
      'POST /sim/alibaba-intl/oss/',
      'POST /sim/alibaba-intl/api/',
    ]);
    const [authorize, upload, stream] = sent;
    expect(authorize!.headers).toMatchObject({ 'x-acs-action': 'AuthorizeFileUpload', 'x-acs-version': '2019-12-19' });
    expect(authorize!.headers).not.toHaveProperty('content-type');
    expect(authorize!.headers.Authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=LTAIclienttest0001,SignedHeaders=host;x-acs-action;/,
    );
    // Standard multipart, file last, no AccessKey signature of ours.
    expect(upload!.headers).not.toHaveProperty('Authorization');
    const names = [...upload!.body.matchAll(/; name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['OSSAccessKeyId', 'policy', 'Signature', 'key', 'success_action_status', 'file']);
    expect(stream!.headers).toMatchObject({
      'x-acs-action': 'DeepfakeDetectIntlStream',
      'x-acs-version': '2022-08-09',
      'content-type': 'application/x-www-form-urlencoded',
    });
    const form = Object.fromEntries(decodeWirePairs(stream!.body));
    expect(form).toEqual({
      FaceFile: expect.stringMatching(
        /^http:\/\/sim-cloudauth-intl-ap-southeast-1\.oss-ap-southeast-1\.aliyuncs\.com\/upload\/\d{8}\/[0-9a-f-]{36}$/,
      ),
      FaceInputType: 'VIDEO',
      MerchantBizId: MERCHANT_BIZ_ID,
      ProductCode: 'FACE_DEEPFAKE',
      SceneCode: 'selfie_01',
    });
    // Each request had its own nonce.
    expect(new Set([authorize!.headers['x-acs-signature-nonce'], stream!.headers['x-acs-signature-nonce']]).size).toBe(2);
  });

  it('fake → fail with tags and score; suspicious → review', async () => {
    control.enqueue({ outcome: 'fake' });
    control.enqueue({ outcome: 'suspicious', riskTags: ['SuspectRemake', 'SuspectPSFace'] });
    const p = provider();
    expect(await p.check(media('video'), ctx)).toMatchObject({ verdict: 'fail', score: 0.95, riskTags: ['SuspectDeepForgery'] });
    expect(await p.check(media('image'), ctx)).toMatchObject({
      verdict: 'review',
      score: 0.62,
      riskTags: ['SuspectRemake', 'SuspectPSFace'],
    });
  });

  it.each([
    ['NoFaceDetected', 401, 'retake', 'no_face'],
    ['Forbidden.AccountAccessDenied', 403, 'auth', undefined],
    ['InternalError', 500, 'unavailable', undefined],
    ['DownloadTimeout', 401, 'unavailable', undefined],
  ] as const)('a queued %s → HTTP %i, %s', async (errorCode, httpStatus, category, retakeReason) => {
    control.enqueue({ outcome: 'error', errorCode });
    const outcome = await provider().check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category,
      vendorCode: errorCode,
      httpStatus,
      sentIds: { MerchantBizId: MERCHANT_BIZ_ID },
    });
    if (outcome.kind === 'error') expect(outcome.retakeReason).toBe(retakeReason);
  });

  it('Throttling.Api with x-acs-retry-after → throttled with retryAfterMs', async () => {
    control.enqueue({ outcome: 'error', errorCode: 'Throttling.Api', retryAfterMs: 1500 });
    expect(await provider().check(media('image'), ctx)).toMatchObject({
      kind: 'error',
      category: 'throttled',
      vendorCode: 'Throttling.Api',
      httpStatus: 403,
      retryAfterMs: 1500,
    });
  });

  it('media the service refuses → retake (the simulator probes it)', async () => {
    expect(await provider().check(media('video', fakeVideo({ durationS: 4 })), ctx)).toMatchObject({
      category: 'retake',
      retakeReason: 'poor_quality',
      vendorCode: 'UnqualifiedPhoto',
    });
    expect(await provider().check(media('image', fakeImage({ width: 640, height: 480 })), ctx)).toMatchObject({
      category: 'retake',
      vendorCode: 'UnqualifiedPhoto',
    });
    expect(await provider().check(media('video', fakeVideo({ bytes: 11 * 1024 * 1024 })), ctx)).toMatchObject({
      category: 'retake',
      retakeReason: 'too_large',
      vendorCode: 'ToolargeImage',
    });
  });

  it('a wrong secret → auth SignatureDoesNotMatch (at the first request), and no secret in the outcome', async () => {
    for (const kind of ['image', 'video'] as const) {
      const outcome = await provider({ accessKeySecret: 'not-the-secret' }).check(media(kind), ctx);
      expect(outcome).toMatchObject({ kind: 'error', category: 'auth', vendorCode: 'SignatureDoesNotMatch', httpStatus: 400 });
      expectNoSecrets(outcome);
      expect(JSON.stringify(outcome)).not.toContain('not-the-secret');
    }
  });

  it('an unknown AccessKeyId, a skewed clock and a reused nonce → auth', async () => {
    expect(await provider({ accessKeyId: 'LTAInobody' }).check(media('image'), ctx)).toMatchObject({
      category: 'auth',
      vendorCode: 'InvalidAccessKeyId.NotFound',
      httpStatus: 404,
    });
    expect(await provider({ now: () => new Date(Date.now() - 16 * 60_000) }).check(media('image'), ctx)).toMatchObject({
      category: 'auth',
      vendorCode: 'InvalidTimeStamp.Expired',
    });
    const fixedNonce = provider({ nonce: () => 'same-nonce-every-time' });
    expect(await fixedNonce.check(media('image'), ctx)).toMatchObject({ kind: 'result' });
    expect(await fixedNonce.check(media('image'), ctx)).toMatchObject({ category: 'auth', vendorCode: 'SignatureNonceUsed' });
  });

  it('re-signs every call with a new date and nonce', async () => {
    const headers: Record<string, string>[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      headers.push(init?.headers as Record<string, string>);
      return fetch(input, init);
    };
    let clock = Date.now();
    const p = provider({ fetch: recordingFetch, now: () => new Date(clock) });
    await p.check(media('image'), ctx);
    clock += 2000;
    await p.check(media('image'), { ...ctx, attempt: 2 });
    const [first, second] = headers;
    expect(first?.['x-acs-date']).not.toBe(second?.['x-acs-date']);
    expect(first?.['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{64}$/);
    expect(first?.['x-acs-signature-nonce']).not.toBe(second?.['x-acs-signature-nonce']);
    expect(first?.Authorization).not.toBe(second?.Authorization);
    expect(first).not.toHaveProperty('host');
  });

  it('reads the endpoints on every check (a late-bound simulator port)', async () => {
    let endpoint = 'http://127.0.0.1:9/sim/alibaba-intl/api/';
    const p = provider({ endpoint: () => endpoint });
    expect((await p.check(media('image'), ctx)).kind).toBe('error');
    endpoint = `${server.baseUrl}/sim/alibaba-intl/api/`;
    expect((await p.check(media('image'), ctx)).kind).toBe('result');
  });

  it('an upload the OSS refuses (a policy from another bucket) → OSS.<Code>, no OSS secret in raw', async () => {
    const outcome = await provider({ ossUploadUrl: `${server.baseUrl}/sim/other/oss/` }).check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'unavailable',
      vendorCode: 'OSS.InvalidAccessKeyId',
      httpStatus: 403,
    });
    expect(outcome.raw).toEqual(expect.stringContaining('<Code>InvalidAccessKeyId</Code>'));
    expectNoSecrets(outcome);
  });
});

describe('with the real media probe', () => {
  it.each([
    ['video', 'mediarecorder_h264_640x480.mp4', mediaFixtures, 'result'],
    ['image', 'astronaut_240x320.jpg', mediaFixtures, 'result'],
    ['video', 'face_640x480.mp4', sharedFixtures, 'UnqualifiedPhoto'],
    ['video', 'h264_640x480_3s.mp4', mediaFixtures, 'UnqualifiedPhoto'],
    ['image', 'astronaut_240x320.png', mediaFixtures, 'UnqualifiedPhoto'],
  ] as const)('%s %s → %s', async (kind, name, dir, expected) => {
    const bytes = readFileSync(path.join(dir, name));
    const outcome = await provider({}, 'real').check(
      { ...media(kind, bytes), mime: kind === 'video' ? 'video/mp4' : 'image/jpeg' },
      ctx,
    );
    if (expected === 'result') expect(outcome).toMatchObject({ kind: 'result', verdict: 'pass' });
    else expect(outcome).toMatchObject({ kind: 'error', vendorCode: expected });
  });
});

describe('when Alibaba does not answer properly', () => {
  it('no answer within timeoutMs → timeout (also in the middle of the video flow)', async () => {
    control.enqueue({ outcome: 'real', delayMs: 600 });
    const outcome = await provider({ timeoutMs: 150 }).check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'timeout',
      vendorCode: 'Client.Timeout',
      sentIds: { MerchantBizId: MERCHANT_BIZ_ID },
    });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(140);
    expect(outcome.latencyMs).toBeLessThan(600);
  });

  it("the caller's deadline → timeout; the caller cancelling → unavailable", async () => {
    control.enqueue({ outcome: 'real', delayMs: 400, count: 2 });
    await expectCallerSignalsHonoured((signal) => provider().check(media('image'), { ...ctx, signal }), {
      deadline: { category: 'timeout' },
      cancelled: { category: 'unavailable', vendorCode: 'Client.Aborted' },
    });
  });

  it.each([['not a url'], ['ftp://cloudauth-intl.ap-southeast-1.aliyuncs.com/']])(
    'endpoint %s → unavailable, not a throw',
    async (endpoint) => {
      for (const kind of ['image', 'video'] as const) {
        const outcome = await provider({ endpoint, openPlatformEndpoint: endpoint }).check(media(kind), ctx);
        expect(outcome).toMatchObject({ kind: 'error', category: 'unavailable', vendorCode: 'Client.InvalidRequest' });
        expectNoSecrets(outcome);
      }
    },
  );

  it('connection refused → unavailable', async () => {
    const outcome = await provider({ endpoint: 'http://127.0.0.1:9/' }).check(media('image'), ctx);
    expectConnectionRefused(outcome);
  });

  it.each([
    [502, 'unavailable'],
    [503, 'unavailable'],
    [400, 'input'],
    [302, 'vendor_protocol'],
  ] as const)('HTTP %i without a POP body → %s', async (status, category) => {
    const outcome = await provider({ endpoint: `${server.baseUrl}/broken/${status}` }).check(media('image'), ctx);
    expect(outcome).toMatchObject({ kind: 'error', category, httpStatus: status, vendorCode: `HTTP.${status}` });
  });

  it('a broken open platform or OSS answer stops the video flow', async () => {
    const authorize = await provider({ openPlatformEndpoint: `${server.baseUrl}/broken/503` }).check(media('video'), ctx);
    expect(authorize).toMatchObject({ kind: 'error', category: 'unavailable', vendorCode: 'HTTP.503' });
    const upload = await provider({ ossUploadUrl: `${server.baseUrl}/broken/502` }).check(media('video'), ctx);
    expect(upload).toMatchObject({ kind: 'error', category: 'unavailable', vendorCode: 'OSS.HTTP.502' });
  });
});

import { describe, expect, it } from 'vitest';
import type { MediaInput } from '../types.js';
import { createTencentProvider, type TencentProviderOptions } from './client.js';
import { TENCENT_MEDIA_LIMITS } from './limits.js';
import { fakeImage, fakeVideo, stubProbe } from '../simulator-kit/probe-stub.test-helpers.js';
import { createTencentSimulatorControl } from './simulator/control.js';
import { tencentSimulator } from './simulator/simulator.js';
import { mediaInput } from '../adapter-kit/media-input.test-helpers.js';
import {
  badGatewayPage,
  expectCallerSignalsHonoured,
  expectConnectionRefused,
  useVendorTestServer,
} from '../adapter-kit/vendor-test-server.test-helpers.js';

const SECRET_ID = 'AKIDclienttest0001';
const SECRET_KEY = 'client-test-secret-key-0001';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const control = createTencentSimulatorControl();
const server = useVendorTestServer(
  async (app) => {
    await app.register(tencentSimulator, {
      prefix: '/sim/tencent',
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      probe: stubProbe,
      control,
    });
    // Answers that are not Tencent's: a gateway in the way, a misconfigured proxy.
    app.post('/broken/:status', badGatewayPage);
  },
  [control],
);

const media = (kind: 'video' | 'image', bytes = kind === 'video' ? fakeVideo() : fakeImage()): MediaInput =>
  mediaInput(kind, bytes);

function provider(overrides: Partial<TencentProviderOptions> = {}) {
  return createTencentProvider({
    mode: 'simulated',
    endpoint: () => `${server.baseUrl}/sim/tencent/`,
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    ...overrides,
  });
}

const ctx = { idempotencyKey: 'check-1', attempt: 1 };

function expectNoSecrets(value: unknown) {
  const text = JSON.stringify(value);
  expect(text).not.toContain(SECRET_KEY);
  expect(text).not.toContain(SECRET_ID);
}

describe('createTencentProvider', () => {
  it('describes itself', () => {
    const p = provider();
    expect(p).toMatchObject({ id: 'tencent', displayName: 'Tencent Cloud DetectAIFakeFaces', mode: 'simulated' });
    expect(p.limits).toBe(TENCENT_MEDIA_LIMITS);
    expect(provider({ mode: 'live' }).mode).toBe('live');
    expectNoSecrets(p);
  });

  it('a real clip → pass, with the vendor RequestId, no score and the body as raw', async () => {
    const outcome = await provider().check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'result',
      verdict: 'pass',
      riskTags: [],
      vendorRequestId: expect.stringMatching(UUID),
    });
    expect(outcome).not.toHaveProperty('score');
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(outcome.raw).toMatchObject({ Response: { AttackRiskLevel: 'Low' } });
    expectNoSecrets(outcome);
  });

  it('fake → fail with the risk tags; suspicious → review', async () => {
    control.enqueue({ outcome: 'fake' });
    control.enqueue({ outcome: 'suspicious' });
    const p = provider();
    expect(await p.check(media('video'), ctx)).toMatchObject({ verdict: 'fail', riskTags: ['SuspectedSynthesisVideo'] });
    expect(await p.check(media('image'), ctx)).toMatchObject({ verdict: 'review', riskTags: ['SuspectedSpoofingAttack'] });
  });

  it('a documented error → its category, code and message', async () => {
    control.enqueue({ outcome: 'error', errorCode: 'FailedOperation.CoveredFace' });
    const outcome = await provider().check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'retake',
      retakeReason: 'covered_face',
      vendorCode: 'FailedOperation.CoveredFace',
      httpStatus: 200,
      vendorRequestId: expect.stringMatching(UUID),
    });
  });

  it('a too-long clip → retake/too_long (the simulator probes the media)', async () => {
    const outcome = await provider().check(media('video', fakeVideo('mp4', 25)), ctx);
    expect(outcome).toMatchObject({ kind: 'error', category: 'retake', retakeReason: 'too_long' });
  });

  it('a wrong key → auth, and the outcome still holds no secret', async () => {
    const outcome = await provider({ secretKey: 'not-the-key' }).check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'error', category: 'auth', vendorCode: 'AuthFailure.SignatureFailure' });
    expectNoSecrets(outcome);
    expect(JSON.stringify(outcome)).not.toContain('not-the-key');
  });

  it('a skewed clock → auth (AuthFailure.SignatureExpire)', async () => {
    const outcome = await provider({ now: () => new Date(Date.now() - 10 * 60_000) }).check(media('video'), ctx);
    expect(outcome).toMatchObject({ category: 'auth', vendorCode: 'AuthFailure.SignatureExpire' });
  });

  it('sends the documented headers, X-TC-Region when set, and re-signs every call', async () => {
    const sent: { url: string; headers: Record<string, string>; body: Uint8Array }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      sent.push({ url: String(input), headers: init?.headers as Record<string, string>, body: init?.body as Uint8Array });
      return fetch(input, init);
    };
    let clock = Date.now();
    const p = provider({ fetch: recordingFetch, region: 'ap-singapore', now: () => new Date(clock) });
    expect((await p.check(media('video'), ctx)).kind).toBe('result');
    clock += 2000;
    expect((await p.check(media('video'), ctx)).kind).toBe('result');

    const [first, second] = sent;
    expect(first?.url).toBe(`${server.baseUrl}/sim/tencent/`);
    expect(first?.headers).toMatchObject({
      'Content-Type': 'application/json',
      'X-TC-Action': 'DetectAIFakeFaces',
      'X-TC-Version': '2018-03-01',
      'X-TC-Region': 'ap-singapore',
      'X-TC-Timestamp': String(Math.floor((clock - 2000) / 1000)),
    });
    expect(first?.headers).not.toHaveProperty('Host');
    expect(first?.headers.Authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDclienttest0001\/\d{4}-\d{2}-\d{2}\/faceid\/tc3_request, /,
    );
    expect(second?.headers['X-TC-Timestamp']).not.toBe(first?.headers['X-TC-Timestamp']);
    expect(second?.headers.Authorization).not.toBe(first?.headers.Authorization);
    expect(Buffer.from(first!.body).toString()).toBe(
      JSON.stringify({ FaceInput: fakeVideo().toString('base64'), FaceInputType: 2 }),
    );

    const history = control.snapshot().recentRequests.at(-1);
    expect(history?.headers).toMatchObject({ 'x-tc-region': 'ap-singapore', host: new URL(server.baseUrl).host });
  });

  it('reads the endpoint on every check (a late-bound simulator port)', async () => {
    let endpoint = 'http://127.0.0.1:9/sim/tencent/';
    const p = provider({ endpoint: () => endpoint });
    expect((await p.check(media('video'), ctx)).kind).toBe('error');
    endpoint = `${server.baseUrl}/sim/tencent/`;
    expect((await p.check(media('video'), ctx)).kind).toBe('result');
  });
});

describe('when Tencent does not answer properly', () => {
  it('no answer within timeoutMs → timeout', async () => {
    control.enqueue({ outcome: 'real', delayMs: 600 });
    const outcome = await provider({ timeoutMs: 100 }).check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'error', category: 'timeout', vendorCode: 'Client.Timeout' });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(90);
    expect(outcome.latencyMs).toBeLessThan(600);
  });

  it("the caller's deadline → timeout; the caller cancelling → unavailable", async () => {
    control.enqueue({ outcome: 'real', delayMs: 400, count: 2 });
    await expectCallerSignalsHonoured((signal) => provider().check(media('video'), { ...ctx, signal }), {
      deadline: { category: 'timeout' },
      cancelled: { category: 'unavailable', vendorCode: 'Client.Aborted' },
    });
  });

  it.each([['not a url'], ['ftp://faceid.intl.tencentcloudapi.com/']])(
    'endpoint %s → unavailable, not a throw',
    async (endpoint) => {
      const outcome = await provider({ endpoint }).check(media('video'), ctx);
      expect(outcome).toMatchObject({ kind: 'error', category: 'unavailable', vendorCode: 'Client.InvalidRequest' });
      expectNoSecrets(outcome);
    },
  );

  it('connection refused → unavailable', async () => {
    const outcome = await provider({ endpoint: 'http://127.0.0.1:9/' }).check(media('video'), ctx);
    expectConnectionRefused(outcome);
    expectNoSecrets(outcome);
  });

  it.each([
    [502, 'unavailable'],
    [503, 'unavailable'],
    [400, 'input'],
    [403, 'input'],
  ] as const)('HTTP %i → %s', async (status, category) => {
    const outcome = await provider({ endpoint: `${server.baseUrl}/broken/${status}` }).check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'error', category, httpStatus: status, raw: expect.stringContaining('Bad Gateway') });
  });

  it('HTTP 200 that is not JSON → vendor_protocol', async () => {
    const outcome = await provider({ endpoint: `${server.baseUrl}/broken/200` }).check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'vendor_protocol',
      vendorCode: 'Client.InvalidJson',
      httpStatus: 200,
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { MediaInput } from '../types.js';
import { createGlairProvider, type GlairProviderOptions } from './client.js';
import { GLAIR_MEDIA_LIMITS } from './limits.js';
import { fakeImage, fakeVideo, stubProbe } from '../simulator-kit/probe-stub.test-helpers.js';
import { createGlairSimulatorControl } from './simulator/control.js';
import { glairSimulator } from './simulator/simulator.js';
import { mediaInput } from '../adapter-kit/media-input.test-helpers.js';
import {
  badGatewayPage,
  expectCallerSignalsHonoured,
  expectConnectionRefused,
  useVendorTestServer,
} from '../adapter-kit/vendor-test-server.test-helpers.js';

const USERNAME = 'client-user';
const PASSWORD = 'client-test-password-0001';
const API_KEY = 'client-test-api-key-0001';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const control = createGlairSimulatorControl();
const limitedControl = createGlairSimulatorControl();
/** The same server under another name: a different origin for redirect tests. */
const otherOrigin = () => `http://localhost:${server.port}`;

const server = useVendorTestServer(
  async (app) => {
    const credentials = { username: USERNAME, password: PASSWORD, apiKey: API_KEY };
    await app.register(glairSimulator, { prefix: '/sim/glair', ...credentials, probe: stubProbe, control });
    await app.register(glairSimulator, {
      prefix: '/sim/glair-limited',
      ...credentials,
      probe: stubProbe,
      control: limitedControl,
      maxRequestsPerSecond: 1,
    });
    // Answers that are not GLAIR's: a gateway in the way, a misconfigured proxy, redirects.
    await app.register(async (scope) => {
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post('/broken/:status/*', badGatewayPage);
      scope.post('/moved/:status/*', async (request, reply) => {
        const status = Number((request.params as { status: string }).status);
        const rest = (request.params as { '*': string })['*'];
        return reply.code(status).header('location', `/sim/glair/${rest}`).send();
      });
      scope.post('/elsewhere/*', async (request, reply) => {
        return reply
          .code(307)
          .header('location', `${otherOrigin()}/sim/glair/${(request.params as { '*': string })['*']}`)
          .send();
      });
      scope.post('/loop/*', async (request, reply) =>
        reply.code(308).header('location', request.url).header('request-id', 'loop-id').send(),
      );
    });
  },
  [control, limitedControl],
);

const media = (kind: 'video' | 'image', bytes = kind === 'video' ? fakeVideo() : fakeImage()): MediaInput =>
  mediaInput(kind, bytes);

function provider(overrides: Partial<GlairProviderOptions> = {}) {
  return createGlairProvider({
    mode: 'simulated',
    endpoint: () => `${server.baseUrl}/sim/glair`,
    username: USERNAME,
    password: PASSWORD,
    apiKey: API_KEY,
    ...overrides,
  });
}

const ctx = { idempotencyKey: '6f1c2a8e-4b7d-4f0e-9a51-3c2d1e0f9b8a', attempt: 1 };

function expectNoSecrets(value: unknown) {
  const text = JSON.stringify(value);
  for (const secret of [PASSWORD, API_KEY, Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')]) {
    expect(text).not.toContain(secret);
  }
}

const recentRequests = () => control.snapshot().recentRequests;

describe('createGlairProvider', () => {
  it('describes itself', () => {
    const p = provider();
    expect(p).toMatchObject({ id: 'glair', displayName: 'GLAIR Vision', mode: 'simulated' });
    expect(p.limits).toBe(GLAIR_MEDIA_LIMITS);
    expect(provider({ mode: 'live' }).mode).toBe('live');
    expectNoSecrets(p);
  });

  it('a real clip → pass, score = confidence, Request-Id header as the id, body as raw, no sentIds', async () => {
    const outcome = await provider().check(media('video'), ctx);
    expect(outcome).toEqual({
      kind: 'result',
      verdict: 'pass',
      score: 0.06415167450904846,
      riskTags: [],
      vendorRequestId: expect.stringMatching(UUID),
      latencyMs: expect.any(Number),
      raw: {
        read: { deepfake: { confidence: 0.06415167450904846, value: 'real' } },
        reason: 'File Successfully Read',
        status: 'SUCCESS',
      },
    });
    expect(outcome.vendorRequestId).toBe(recentRequests().at(-1)?.answer.requestId);
    expectNoSecrets(outcome);
  });

  it('a still goes to the frames endpoint as a one-frame list', async () => {
    expect(await provider().check(media('image'), ctx)).toMatchObject({ kind: 'result', verdict: 'pass' });
    expect(recentRequests().at(-1)).toMatchObject({
      url: '/sim/glair/face/v1/deepfake/images',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('fake → fail; suspicious → review', async () => {
    control.enqueue({ outcome: 'fake' });
    control.enqueue({ outcome: 'suspicious' });
    const p = provider();
    expect(await p.check(media('video'), ctx)).toMatchObject({ verdict: 'fail', score: 0.99768, riskTags: ['deepfake'] });
    expect(await p.check(media('image'), ctx)).toMatchObject({
      verdict: 'review',
      score: 0.55,
      riskTags: ['deepfake', 'low_confidence'],
    });
  });

  it.each([
    ['401', { category: 'auth', vendorCode: 'ERROR', httpStatus: 401 }],
    ['403', { category: 'auth', vendorCode: 'ERROR', httpStatus: 403 }],
    ['415', { category: 'input', vendorCode: 'ERROR', httpStatus: 415 }],
    ['429', { category: 'throttled', vendorCode: 'ERROR', httpStatus: 429, retryAfterMs: 1000 }],
    ['500', { category: 'unavailable', vendorCode: 'ERROR', httpStatus: 500 }],
    ['503', { category: 'unavailable', vendorCode: 'ERROR', httpStatus: 503 }],
    ['ERROR', { category: 'input', vendorCode: 'ERROR', httpStatus: 400, message: 'No file in request body' }],
    ['NO_FILE', { category: 'input', vendorCode: 'NO_FILE', httpStatus: 400 }],
    [
      'FILE_INVALID_FORMAT',
      { category: 'retake', retakeReason: 'decode_failed', vendorCode: 'FILE_INVALID_FORMAT', httpStatus: 400 },
    ],
    ['FAILED', { category: 'retake', retakeReason: 'poor_quality', vendorCode: 'FAILED', httpStatus: 200 }],
    ['QUOTA_EXCEEDED', { category: 'input', vendorCode: 'QUOTA_EXCEEDED', httpStatus: 400 }],
  ])('simulated error %s → %o', async (errorCode, expected) => {
    control.enqueue({ outcome: 'error', errorCode });
    const outcome = await provider().check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'error', vendorRequestId: expect.stringMatching(UUID), ...expected });
  });

  it('an undecodable clip → retake/decode_failed (the simulator probes the media)', async () => {
    const outcome = await provider().check(media('video', Buffer.from('garbage')), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'retake',
      retakeReason: 'decode_failed',
      vendorCode: 'FILE_INVALID_FORMAT',
    });
  });

  it('a clip over 6 MiB → retake/too_large', async () => {
    const big = Buffer.from(
      fakeVideo()
        .toString('latin1')
        .padEnd(6 * 1024 * 1024 + 1, ' '),
      'latin1',
    );
    expect(await provider().check(media('video', big), ctx)).toMatchObject({
      category: 'retake',
      retakeReason: 'too_large',
      httpStatus: 413,
    });
  });

  it.each([
    ['password', { password: 'not-the-password' }],
    ['username', { username: 'someone-else' }],
    ['API key', { apiKey: 'not-the-api-key' }],
  ])('a wrong %s → auth, and the outcome holds no secret', async (_label, wrong) => {
    const outcome = await provider(wrong).check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'error', category: 'auth', httpStatus: 401 });
    expectNoSecrets(outcome);
    expect(JSON.stringify(outcome)).not.toContain(Object.values(wrong)[0]);
  });

  it('the rate limit → throttled with retryAfterMs', async () => {
    const p = provider({ endpoint: `${server.baseUrl}/sim/glair-limited/` });
    expect((await p.check(media('video'), ctx)).kind).toBe('result');
    expect(await p.check(media('video'), ctx)).toMatchObject({
      kind: 'error',
      category: 'throttled',
      retryAfterMs: 1000,
      httpStatus: 429,
    });
  });

  it('sends the documented headers, and a fresh multipart body every call', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      sent.push({ url: String(input), init: init ?? {} });
      return fetch(input, init);
    };
    const p = provider({ fetch: recordingFetch });
    await p.check(media('video'), ctx);
    await p.check(media('video'), { ...ctx, attempt: 2 });
    const [first, second] = sent;
    expect(first?.url).toBe(`${server.baseUrl}/sim/glair/face/v1/deepfake`);
    expect(first?.init).toMatchObject({ method: 'POST', redirect: 'manual' });
    expect(first?.init.headers).toEqual({
      Authorization: `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`,
      'x-api-key': API_KEY,
      'Content-Type': expect.stringMatching(/^multipart\/form-data; boundary=----selfie-screen-[0-9a-f]{32}$/),
    });
    expect((second?.init.headers as Record<string, string>)['Content-Type']).not.toBe(
      (first?.init.headers as Record<string, string>)['Content-Type'],
    );
    expect(Buffer.from(first?.init.body as Uint8Array).includes(fakeVideo())).toBe(true);
  });

  it('reads the endpoint on every check (a late-bound simulator port)', async () => {
    let endpoint = 'http://127.0.0.1:9/sim/glair';
    const p = provider({ endpoint: () => endpoint });
    expect((await p.check(media('video'), ctx)).kind).toBe('error');
    endpoint = `${server.baseUrl}/sim/glair/`;
    expect((await p.check(media('video'), ctx)).kind).toBe('result');
  });
});

describe('redirects (the doc curl uses -L)', () => {
  it.each([301, 302, 303, 307, 308])('HTTP %i within the same origin is followed with the same POST and body', async (status) => {
    const outcome = await provider({ endpoint: `${server.baseUrl}/moved/${status}` }).check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'result', verdict: 'pass' });
    expect(recentRequests().at(-1)).toMatchObject({
      method: 'POST',
      url: '/sim/glair/face/v1/deepfake',
      answer: { httpStatus: 200 },
    });
  });

  it('a redirect to another origin is not followed: the credentials would go with it', async () => {
    const before = recentRequests().length;
    const outcome = await provider({ endpoint: `${server.baseUrl}/elsewhere` }).check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'vendor_protocol',
      vendorCode: 'Client.CrossOriginRedirect',
      httpStatus: 307,
    });
    expect(recentRequests()).toHaveLength(before);
    expectNoSecrets(outcome);
  });

  it('a redirect loop stops', async () => {
    const outcome = await provider({ endpoint: `${server.baseUrl}/loop` }).check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'vendor_protocol',
      vendorCode: 'Client.TooManyRedirects',
      httpStatus: 308,
      vendorRequestId: 'loop-id',
    });
  });
});

describe('when GLAIR does not answer properly', () => {
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
      deadline: { category: 'timeout', vendorCode: 'Client.Timeout' },
      cancelled: { category: 'unavailable', vendorCode: 'Client.Aborted' },
    });
  });

  it.each([
    ['endpoint', { endpoint: 'not a url' }, /not a valid URL/],
    ['endpoint', { endpoint: 'ftp://api.vision.glair.ai' }, /http\(s\)/],
    ['endpoint', { endpoint: `https://${USERNAME}:${PASSWORD}@api.vision.glair.ai` }, /must not contain credentials/],
    ['API key', { apiKey: `${API_KEY}\r\nX-Injected: 1` }, /API key/],
    ['username', { username: 'a:b' }, /username/],
  ])('a bad %s → unavailable, not a throw, and no secret in the message', async (_label, overrides, message) => {
    const outcome = await provider(overrides).check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'unavailable',
      vendorCode: 'Client.InvalidRequest',
      message: expect.stringMatching(message),
    });
    expectNoSecrets(outcome);
  });

  it('connection refused → unavailable', async () => {
    const outcome = await provider({ endpoint: 'http://127.0.0.1:9/' }).check(media('video'), ctx);
    expectConnectionRefused(outcome);
  });

  it.each([
    [502, 'unavailable'],
    [503, 'unavailable'],
    [400, 'input'],
    [401, 'auth'],
    [413, 'retake'],
    [429, 'throttled'],
  ] as const)('an HTML page with HTTP %i → %s', async (status, category) => {
    const outcome = await provider({ endpoint: `${server.baseUrl}/broken/${status}` }).check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category,
      httpStatus: status,
      vendorCode: `HTTP.${status}`,
      raw: expect.stringContaining('Bad Gateway'),
    });
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

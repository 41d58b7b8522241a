import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MediaInput } from '../types.js';
import { createFinauthProvider, DEFAULT_FINAUTH_TIMEOUT_MS, type FinauthProviderOptions } from './client.js';
import { FINAUTH_MEDIA_LIMITS } from './limits.js';
import { fakeImage, fakeVideo, stubProbe } from '../simulator-kit/probe-stub.test-helpers.js';
import { decodeSign } from './signer.js';
import { createFinauthSimulatorControl } from './simulator/control.js';
import { finauthSimulator } from './simulator/simulator.js';
import { mediaInput } from '../adapter-kit/media-input.test-helpers.js';
import {
  badGatewayPage,
  expectCallerSignalsHonoured,
  expectConnectionRefused,
  useVendorTestServer,
} from '../adapter-kit/vendor-test-server.test-helpers.js';

const API_KEY = 'client-test-api-key-0001';
const API_SECRET = 'client-test-api-secret-0001';
const REQUEST_ID = /^\d{10},[0-9a-f-]{36}$/;
const MiB = 1024 * 1024;

const control = createFinauthSimulatorControl();
const limitedControl = createFinauthSimulatorControl();
const server = useVendorTestServer(
  async (app) => {
    const credentials = { apiKey: API_KEY, apiSecret: API_SECRET };
    await app.register(finauthSimulator, { prefix: '/sim/finauth', ...credentials, probe: stubProbe, control });
    await app.register(finauthSimulator, {
      prefix: '/sim/finauth-limited',
      ...credentials,
      probe: stubProbe,
      control: limitedControl,
      maxRequestsPerSecond: 1,
    });
    await app.register(finauthSimulator, { prefix: '/sim/finauth-real-probe', ...credentials });
    // Answers that are not FinAuth's: a gateway in the way, a redirecting proxy. They take the multipart body unread.
    app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 32 * MiB }, (_request, body, done) => {
      done(null, body);
    });
    app.post('/broken/:status/*', badGatewayPage);
    app.post('/redirect/*', async (_request, reply) =>
      reply.redirect(`${server.baseUrl}/sim/finauth/finauth/v5/anti_deepfake`, 307),
    );
  },
  [control, limitedControl],
);

const media = (kind: 'video' | 'image', bytes = kind === 'video' ? fakeVideo() : fakeImage()): MediaInput =>
  mediaInput(kind, bytes);

function provider(overrides: Partial<FinauthProviderOptions> = {}) {
  return createFinauthProvider({
    mode: 'simulated',
    endpoint: () => `${server.baseUrl}/sim/finauth`,
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    ...overrides,
  });
}

const ctx = { idempotencyKey: '3f1e9a2c-7b4d-4e8f-9a1b-2c3d4e5f6a7b', attempt: 1 };
const SENT_IDS = { random: expect.stringMatching(/^\d{10}$/), current_time: expect.stringMatching(/^\d{10}$/) };

function expectNoSecrets(value: unknown) {
  const text = JSON.stringify(value);
  expect(text).not.toContain(API_SECRET);
  expect(text).not.toContain(API_KEY);
}

describe('createFinauthProvider', () => {
  it('describes itself', () => {
    const p = provider();
    expect(p).toMatchObject({ id: 'finauth', displayName: 'FinAuth StarScope', mode: 'simulated' });
    expect(p.limits).toBe(FINAUTH_MEDIA_LIMITS);
    expect(provider({ mode: 'live' }).mode).toBe('live');
    expectNoSecrets(p);
  });

  it('a real clip → pass, with score, threshold, request_id, sentIds and the body as raw', async () => {
    const outcome = await provider().check(media('video'), ctx);
    expect(outcome).toEqual({
      kind: 'result',
      verdict: 'pass',
      score: 0.03,
      threshold: 0.5,
      riskTags: [],
      vendorRequestId: expect.stringMatching(REQUEST_ID),
      sentIds: SENT_IDS,
      latencyMs: expect.any(Number),
      raw: { request_id: expect.any(String), time_used: expect.any(Number), result: false, score: 0.03, threshold: 0.5 },
    });
    expectNoSecrets(outcome);
  });

  it('a still image works end to end too', async () => {
    expect(await provider().check(media('image', fakeImage('png')), ctx)).toMatchObject({ kind: 'result', verdict: 'pass' });
  });

  it('fake → fail; suspicious → review', async () => {
    control.enqueue({ outcome: 'fake' });
    control.enqueue({ outcome: 'suspicious' });
    const p = provider();
    expect(await p.check(media('video'), ctx)).toMatchObject({ verdict: 'fail', score: 0.97, riskTags: ['deepfake'] });
    expect(await p.check(media('image'), ctx)).toMatchObject({ verdict: 'review', score: 0.45, riskTags: ['near_threshold'] });
  });

  it.each([
    ['NO_FACE_FOUND', 400, 'retake', 'no_face'],
    ['BAD_ARGUMENTS', 400, 'retake', 'decode_failed'],
    ['INVALID_IMAGE_SIZE:video', 400, 'retake', 'too_large'],
    ['MISSING_ARGUMENTS:video', 400, 'input', undefined],
    ['INTERNAL_TIMEOUT', 400, 'timeout', undefined],
    ['AUTHENTICATION_ERROR:DENIED', 403, 'auth', undefined],
    ['AUTHENTICATION_ERROR:SOMETHING_NEW', 403, 'auth', undefined],
    ['CONCURRENCY_LIMIT_EXCEEDED', 403, 'throttled', undefined],
    ['API_NOT_FOUND', 404, 'input', undefined],
    ['INTERNAL_ERROR', 500, 'unavailable', undefined],
    ['413', 413, 'retake', 'too_large'],
    ['504', 504, 'timeout', undefined],
  ] as const)('simulated error %s → HTTP %i → %s %s', async (errorCode, httpStatus, category, retakeReason) => {
    control.enqueue({ outcome: 'error', errorCode });
    const outcome = await provider().check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'error', category, httpStatus, sentIds: SENT_IDS });
    if (outcome.kind === 'error') expect(outcome.retakeReason).toBe(retakeReason);
    expectNoSecrets(outcome);
  });

  it('a clip whose base64 is over 10 MiB → the plain-text 413 → retake/too_large', async () => {
    const bytes = Buffer.concat([fakeVideo(), Buffer.alloc(7.5 * MiB, 0x20)]);
    const outcome = await provider().check(media('video', bytes), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'retake',
      retakeReason: 'too_large',
      vendorCode: 'HTTP.413',
      raw: 'Request Entity Too Large',
    });
  });

  it('a wrong secret → auth (INVALID_SIGN), and the outcome still holds no secret', async () => {
    const outcome = await provider({ apiSecret: 'not-the-secret' }).check(media('video'), ctx);
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'auth',
      vendorCode: 'AUTHENTICATION_ERROR:INVALID_SIGN',
      httpStatus: 403,
    });
    expectNoSecrets(outcome);
    expect(JSON.stringify(outcome)).not.toContain('not-the-secret');
  });

  it('a clock 10 minutes slow → auth (EXPIRED_SIGN), with a hint about the clock', async () => {
    const outcome = await provider({ now: () => new Date(Date.now() - 10 * 60_000) }).check(media('video'), ctx);
    expect(outcome).toMatchObject({
      category: 'auth',
      vendorCode: 'AUTHENTICATION_ERROR:EXPIRED_SIGN',
      message: expect.stringMatching(/clock/),
    });
  });

  it('the simulator throttling (1 request/s) → throttled', async () => {
    const p = provider({ endpoint: `${server.baseUrl}/sim/finauth-limited` });
    expect((await p.check(media('video'), ctx)).kind).toBe('result');
    expect(await p.check(media('video'), ctx)).toMatchObject({
      kind: 'error',
      category: 'throttled',
      vendorCode: 'CONCURRENCY_LIMIT_EXCEEDED',
    });
  });

  it('sends the documented form, re-signs every call, and reports the sign random and time as sentIds', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      sent.push({ url: String(input), init: init ?? {} });
      return fetch(input, init);
    };
    let clock = Date.now();
    const randoms = ['0000000042', '9999999999'];
    const p = provider({ fetch: recordingFetch, now: () => new Date(clock), random: () => randoms.shift() ?? '1' });
    const first = await p.check(media('video'), ctx);
    clock += 2000;
    const second = await p.check(media('video'), { ...ctx, attempt: 2 });

    expect(first.sentIds).toEqual({ random: '0000000042', current_time: String(Math.floor((clock - 2000) / 1000)) });
    expect(second.sentIds).toEqual({ random: '9999999999', current_time: String(Math.floor(clock / 1000)) });
    const [one, two] = sent;
    expect(one?.url).toBe(`${server.baseUrl}/sim/finauth/finauth/v5/anti_deepfake`);
    expect(one?.init).toMatchObject({ method: 'POST', redirect: 'manual' });
    const headers = one?.init.headers as Record<string, string>;
    expect(headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=----FinAuthFormBoundary[0-9a-f]{24}$/);

    const readForm = (init: RequestInit | undefined) =>
      new Response(init?.body as BodyInit, {
        headers: { 'content-type': (init?.headers as Record<string, string>)['Content-Type']! },
      }).formData();
    const form = await readForm(one?.init);
    expect(form.get('sign_version')).toBe('hmac_sha1');
    expect(form.get('data_type')).toBe('1');
    const file = form.get('video') as File;
    expect([file.name, file.type]).toEqual(['face.mp4', 'video/mp4']);
    expect(Buffer.from(await file.arrayBuffer()).equals(fakeVideo())).toBe(true);
    const decoded = decodeSign(String(form.get('sign')));
    expect(decoded?.fields).toMatchObject({ apiKey: API_KEY, random: '0000000042' });
    expect(decoded!.fields.expireTime - decoded!.fields.currentTime).toBe(100);

    expect((await readForm(two?.init)).get('sign')).not.toBe(form.get('sign'));
  });

  it('reads the endpoint on every check (a late-bound simulator port)', async () => {
    let endpoint = 'http://127.0.0.1:9/sim/finauth';
    const p = provider({ endpoint: () => endpoint });
    expect((await p.check(media('video'), ctx)).kind).toBe('error');
    endpoint = `${server.baseUrl}/sim/finauth/`;
    expect((await p.check(media('video'), ctx)).kind).toBe('result');
  });

  it('defaults to 30 s for video and 15 s for an image', () => {
    expect(DEFAULT_FINAUTH_TIMEOUT_MS).toEqual({ video: 30_000, image: 15_000 });
  });
});

describe('when FinAuth does not answer properly', () => {
  it('no answer within timeoutMs → timeout, sentIds kept', async () => {
    control.enqueue({ outcome: 'real', delayMs: 600 });
    const outcome = await provider({ timeoutMs: 100 }).check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'error', category: 'timeout', vendorCode: 'Client.Timeout', sentIds: SENT_IDS });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(90);
    expect(outcome.latencyMs).toBeLessThan(600);
  });

  it("the caller's deadline → timeout; the caller cancelling → unavailable/client_aborted", async () => {
    control.enqueue({ outcome: 'real', delayMs: 400, count: 2 });
    await expectCallerSignalsHonoured((signal) => provider().check(media('video'), { ...ctx, signal }), {
      deadline: { category: 'timeout' },
      cancelled: { category: 'unavailable', vendorCode: 'client_aborted' },
    });
  });

  it.each([['not a url'], ['ftp://api-sgp.yljz.com'], ['https://user:pw@api-sgp.yljz.com']])(
    'endpoint %s → unavailable, not a throw',
    async (endpoint) => {
      const outcome = await provider({ endpoint }).check(media('video'), ctx);
      expect(outcome).toMatchObject({ kind: 'error', category: 'unavailable', vendorCode: 'Client.InvalidRequest' });
      expect(outcome).not.toHaveProperty('sentIds');
      expectNoSecrets(outcome);
    },
  );

  it('a key that cannot go into the sign → unavailable, without echoing it', async () => {
    const outcome = await provider({ apiKey: 'bad&key' }).check(media('video'), ctx);
    expect(outcome).toMatchObject({ category: 'unavailable', vendorCode: 'Client.InvalidRequest' });
    expect(JSON.stringify(outcome)).not.toContain('bad&key');
  });

  it('connection refused → unavailable', async () => {
    const outcome = await provider({ endpoint: 'http://127.0.0.1:9' }).check(media('video'), ctx);
    expectConnectionRefused(outcome);
  });

  it('a redirect is reported, never followed with the signed body', async () => {
    const before = control.snapshot().recentRequests.length;
    const outcome = await provider({ endpoint: `${server.baseUrl}/redirect` }).check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'error', category: 'vendor_protocol', httpStatus: 307, vendorCode: 'HTTP.307' });
    expect(control.snapshot().recentRequests.length).toBe(before);
  });

  it.each([
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'timeout'],
    [413, 'retake'],
    [400, 'input'],
    [403, 'auth'],
  ] as const)('HTTP %i with an HTML page → %s', async (status, category) => {
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

describe('end to end with the real media probe', () => {
  const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures');
  const real = (kind: 'video' | 'image', name: string, container: string, mime: string): MediaInput => {
    const bytes = readFileSync(path.join(fixtures, name));
    return { kind, bytes, container, mime, sha256: createHash('sha256').update(bytes).digest('hex') };
  };
  const p = () => provider({ endpoint: `${server.baseUrl}/sim/finauth-real-probe` });

  it.each([
    ['face_640x480.mp4', real('video', 'face_640x480.mp4', 'mp4', 'video/mp4')],
    ['face_1280x720.mp4', real('video', 'face_1280x720.mp4', 'mp4', 'video/mp4')],
    ['astronaut.png', real('image', 'astronaut.png', 'png', 'image/png')],
  ])('%s → pass', async (_label, input) => {
    expect(await p().check(input, ctx)).toMatchObject({ kind: 'result', verdict: 'pass' });
  });

  it('a PNG sent as video → retake/decode_failed (BAD_ARGUMENTS)', async () => {
    const input = { ...real('image', 'astronaut.png', 'png', 'image/png'), kind: 'video' as const };
    expect(await p().check(input, ctx)).toMatchObject({
      category: 'retake',
      retakeReason: 'decode_failed',
      vendorCode: 'BAD_ARGUMENTS',
    });
  });
});

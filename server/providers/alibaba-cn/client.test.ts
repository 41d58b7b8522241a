import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeWirePairs } from '../alibaba-acs3/encoding.js';
import { fakeImage, fakeVideo, stubProbe } from '../alibaba-acs3/probe-stub.test-helpers.js';
import type { CheckContext, MediaInput } from '../types.js';
import {
  createAlibabaCnProvider,
  DEFAULT_ALIBABA_CN_TIMEOUT_MS,
  NO_PRESIGNED_URL_CODE,
  NO_PUBLIC_URL_CODE,
  type AlibabaCnProviderOptions,
} from './client.js';
import { ALIBABA_CN_MEDIA_LIMITS } from './limits.js';
import { alibabaCnSimulator, createCloudauthSimulatorControl } from './simulator/simulator.js';
import { mediaInput } from '../adapter-kit/media-input.test-helpers.js';
import { useVendorTestServer } from '../adapter-kit/vendor-test-server.test-helpers.js';

const ACCESS_KEY_ID = 'LTAIcnclient0001';
const ACCESS_KEY_SECRET = 'cn-client-secret-0001';
const IDEMPOTENCY_KEY = '0b7e5c1a-9d2f-4e8b-a6c3-5f1d7e9b2c40';
const OUTER_ORDER_NO = '0b7e5c1a9d2f4e8ba6c35f1d7e9b2c40';
const MEDIA_SIGNATURE = 'dGVzdC1tZWRpYS1zaWc';
const mediaFixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../contract/media/fixtures');

const control = createCloudauthSimulatorControl();
const server = useVendorTestServer(
  async (app) => {
    const credentials = { accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET };
    await app.register(alibabaCnSimulator, { prefix: '/sim/alibaba-cn', ...credentials, probe: stubProbe, control });
    await app.register(alibabaCnSimulator, { prefix: '/sim/real', ...credentials });
  },
  [control],
);
/** Stands in for this server's short-lived media links: serves `clip` only with the right signature and ttl. */
let mediaServer: http.Server;
let mediaBaseUrl = '';
let clip: Buffer = fakeVideo();
const mediaRequests: string[] = [];

beforeAll(async () => {
  mediaServer = http.createServer((req, res) => {
    mediaRequests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://media');
    if (url.pathname !== '/media/clip' || url.searchParams.get('sig') !== MEDIA_SIGNATURE) {
      res.writeHead(403).end('forbidden');
      return;
    }
    res.writeHead(200, { 'content-type': 'video/mp4' }).end(clip);
  });
  await new Promise<void>((resolve) => mediaServer.listen(0, '127.0.0.1', resolve));
  mediaBaseUrl = `http://127.0.0.1:${(mediaServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => mediaServer.close(() => resolve()));
});
beforeEach(() => {
  clip = fakeVideo();
  mediaRequests.length = 0;
});

const media = (kind: 'video' | 'image', bytes = kind === 'video' ? fakeVideo() : fakeImage()): MediaInput =>
  mediaInput(kind, bytes);

function provider(overrides: Partial<AlibabaCnProviderOptions> = {}, simulator = 'alibaba-cn') {
  return createAlibabaCnProvider({
    mode: 'simulated',
    endpoint: () => `${server.baseUrl}/sim/${simulator}/`,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    ...overrides,
  });
}

const ttls: number[] = [];
const ctx: CheckContext = {
  idempotencyKey: IDEMPOTENCY_KEY,
  attempt: 1,
  publicMediaUrl: (ttlSeconds) => {
    ttls.push(ttlSeconds);
    return `${mediaBaseUrl}/media/clip?ttl=${ttlSeconds}&sig=${MEDIA_SIGNATURE}`;
  },
};

function expectNoSecrets(value: unknown) {
  const text = JSON.stringify(value);
  expect(text).not.toContain(ACCESS_KEY_SECRET);
  expect(text).not.toContain(ACCESS_KEY_ID);
  expect(text).not.toContain(MEDIA_SIGNATURE);
}

describe('createAlibabaCnProvider', () => {
  it('describes itself', () => {
    const p = provider();
    expect(p).toMatchObject({ id: 'alibaba-cn', displayName: 'Alibaba Cloud DeepfakeDetect (China)', mode: 'simulated' });
    expect(p.limits).toBe(ALIBABA_CN_MEDIA_LIMITS);
    expectNoSecrets(p);
  });

  it('an image → pass via FaceBase64, with OuterOrderNo in sentIds', async () => {
    const sent: { url: string; body: string; headers: Record<string, string> }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      sent.push({ url: String(input), body: String(init?.body), headers: init?.headers as Record<string, string> });
      return fetch(input, init);
    };
    const outcome = await provider({ fetch: recordingFetch }).check(media('image'), ctx);
    expect(outcome).toMatchObject({
      kind: 'result',
      verdict: 'pass',
      score: 0.0312,
      riskTags: [],
      vendorRequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      sentIds: { OuterOrderNo: OUTER_ORDER_NO },
      raw: { Code: '200', Message: 'success' },
    });
    expect(sent[0]!.url).toBe(`${server.baseUrl}/sim/alibaba-cn/?FaceInputType=IMAGE&OuterOrderNo=${OUTER_ORDER_NO}`);
    expect(Object.fromEntries(decodeWirePairs(sent[0]!.body))).toEqual({ FaceBase64: fakeImage().toString('base64') });
    expect(sent[0]!.headers).toMatchObject({ 'x-acs-action': 'DeepfakeDetect', 'x-acs-version': '2019-03-07' });
    expect(mediaRequests).toEqual([]);
    expectNoSecrets(outcome);
  });

  it('a video → FaceUrl = ctx.publicMediaUrl(ttl), which the simulator really downloads', async () => {
    ttls.length = 0;
    const outcome = await provider().check(media('video'), ctx);
    expect(outcome).toMatchObject({ kind: 'result', verdict: 'pass', sentIds: { OuterOrderNo: OUTER_ORDER_NO } });
    expect(ttls).toEqual([90]);
    expect(mediaRequests).toEqual([`/media/clip?ttl=90&sig=${MEDIA_SIGNATURE}`]);
    expectNoSecrets(outcome);
  });

  it('a video the service refuses after downloading it → retake', async () => {
    clip = fakeVideo({ durationS: 5 });
    expect(await provider().check(media('video'), ctx)).toMatchObject({
      category: 'retake',
      retakeReason: 'poor_quality',
      vendorCode: 'UnqualifiedPhoto',
      httpStatus: 401,
    });
  });

  it('a link the vendor cannot download → DownloadTimeout, unavailable (a retry brings a fresh link)', async () => {
    const broken: CheckContext = { ...ctx, publicMediaUrl: () => `${mediaBaseUrl}/media/clip?sig=expired` };
    expect(await provider().check(media('video'), broken)).toMatchObject({
      category: 'unavailable',
      vendorCode: 'DownloadTimeout',
      httpStatus: 401,
    });
  });

  it('a video without ctx.publicMediaUrl → input, naming PUBLIC_BASE_URL, and nothing is sent', async () => {
    let calls = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      calls += 1;
      return fetch(input, init);
    };
    const outcome = await provider({ fetch: countingFetch }).check(media('video'), {
      idempotencyKey: IDEMPOTENCY_KEY,
      attempt: 1,
    });
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'input',
      vendorCode: NO_PUBLIC_URL_CODE,
      sentIds: { OuterOrderNo: OUTER_ORDER_NO },
    });
    expect(outcome.kind === 'error' && outcome.message).toContain('PUBLIC_BASE_URL');
    expect(calls).toBe(0);
  });

  it("faceUrl presigned (ALIBABA_CN_FACE_URL): the video goes as the store's presigned URL, never our own link", async () => {
    const asked: number[] = [];
    const presigned: CheckContext = {
      ...ctx,
      publicMediaUrl: () => `${mediaBaseUrl}/media/clip?sig=not-this-one`,
      presignedMediaUrl: async (ttlSeconds) => {
        asked.push(ttlSeconds);
        return `${mediaBaseUrl}/media/clip?sig=${MEDIA_SIGNATURE}`;
      },
    };
    expect(await provider({ faceUrl: 'presigned' }).check(media('video'), presigned)).toMatchObject({ kind: 'result' });
    expect(asked).toEqual([DEFAULT_ALIBABA_CN_TIMEOUT_MS.video / 1000 + 60]);
    expect(mediaRequests).toEqual([`/media/clip?sig=${MEDIA_SIGNATURE}`]);
    // A store that cannot presign (a test double: the config refuses presigned without MEDIA_STORE=s3).
    expect(await provider({ faceUrl: 'presigned' }).check(media('video'), ctx)).toMatchObject({
      category: 'input',
      vendorCode: NO_PRESIGNED_URL_CODE,
    });
  });

  it('fake → fail; a documented error → its category', async () => {
    control.enqueue({ outcome: 'fake' });
    control.enqueue({ outcome: 'error', errorCode: 'Throttling.Api', retryAfterMs: 250 });
    expect(await provider().check(media('image'), ctx)).toMatchObject({
      verdict: 'fail',
      score: 0.95,
      riskTags: ['SuspectDeepForgery'],
    });
    expect(await provider().check(media('image'), ctx)).toMatchObject({ category: 'throttled', retryAfterMs: 250 });
  });

  it('a wrong secret → auth, and the outcome holds no secret', async () => {
    const outcome = await provider({ accessKeySecret: 'nope-nope' }).check(media('video'), ctx);
    expect(outcome).toMatchObject({ category: 'auth', vendorCode: 'SignatureDoesNotMatch' });
    expectNoSecrets(outcome);
    expect(JSON.stringify(outcome)).not.toContain('nope-nope');
    expect(mediaRequests).toEqual([]);
  });

  it('a deadline → timeout, with OuterOrderNo still in sentIds', async () => {
    control.enqueue({ outcome: 'real', delayMs: 500 });
    expect(await provider({ timeoutMs: 100 }).check(media('image'), ctx)).toMatchObject({
      category: 'timeout',
      vendorCode: 'Client.Timeout',
      sentIds: { OuterOrderNo: OUTER_ORDER_NO },
    });
  });

  it('an endpoint that is not a URL → unavailable, not a throw', async () => {
    expect(await provider({ endpoint: 'ftp://cloudauth.aliyuncs.com' }).check(media('image'), ctx)).toMatchObject({
      category: 'unavailable',
      vendorCode: 'Client.InvalidRequest',
    });
  });
});

describe('with the real media probe, end to end', () => {
  it.each([
    ['video', 'mediarecorder_h264_640x480.mp4', 'result'],
    ['image', 'astronaut_240x320.jpg', 'result'],
    ['video', 'h264_640x480_3s.mp4', 'UnqualifiedPhoto'],
  ] as const)('%s %s → %s', async (kind, name, expected) => {
    const bytes = readFileSync(path.join(mediaFixtures, name));
    clip = bytes;
    const outcome = await provider({}, 'real').check(media(kind, bytes), ctx);
    if (expected === 'result') expect(outcome).toMatchObject({ kind: 'result', verdict: 'pass' });
    else expect(outcome).toMatchObject({ kind: 'error', vendorCode: expected });
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeImage, fakeVideo, stubProbe } from '../../alibaba-acs3/probe-stub.test-helpers.js';
import { buildRpcRequest } from '../../alibaba-acs3/rpc-request.js';
import { createCloudauthSimulatorControl, type CloudauthSimulatorControl } from '../../alibaba-acs3/simulator/control.js';
import { injectRpc } from '../../alibaba-acs3/simulator/simulator.test-helpers.js';
import { buildDetectRequest, CN_API_VERSION, DETECT_ACTION } from '../request.js';
import { alibabaCnSimulator, type AlibabaCnSimulatorOptions } from './simulator.js';

const ACCESS_KEY = { accessKeyId: 'LTAIcnsimtest', accessKeySecret: 'cn-sim-test-secret' };
const SERVER_TIME = new Date('2026-11-21T20:20:07Z');
const API = 'http://sim.test/sim/alibaba-cn/';
const ORDER = 'e0c34a77f5ac40a5aa5e6ed20c654321';
const MEDIA_URL = 'https://media.example/api/media/abc?exp=1795292407&sig=c2VjcmV0LXNpZ25hdHVyZQ';
const mediaFixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../contract/media/fixtures');

let app: FastifyInstance;
let control: CloudauthSimulatorControl;
let nonceCounter = 0;
/** What the simulator's FaceUrl download sees. */
let served: (url: string) => Response | Promise<Response>;
const fetched: string[] = [];

const fakeFetch: typeof fetch = async (input) => {
  fetched.push(String(input));
  return served(String(input));
};

async function startSimulator(overrides: Partial<AlibabaCnSimulatorOptions> = {}) {
  control = createCloudauthSimulatorControl();
  app = Fastify();
  await app.register(alibabaCnSimulator, {
    prefix: '/sim/alibaba-cn',
    ...ACCESS_KEY,
    now: () => SERVER_TIME,
    probe: stubProbe,
    control,
    fetch: fakeFetch,
    ...overrides,
  });
  await app.ready();
}

beforeEach(async () => {
  served = () => new Response(fakeVideo());
  fetched.length = 0;
  await startSimulator();
});
afterEach(() => app.close());

const signing = (overrides: { accessKeySecret?: string; date?: Date } = {}) => ({
  accessKey: { ...ACCESS_KEY, ...overrides },
  date: overrides.date ?? SERVER_TIME,
  nonce: `cn-nonce-${++nonceCounter}`,
});

const imageCheck = (bytes = fakeImage(), signer = signing()) => buildDetectRequest(API, ORDER, { kind: 'image', bytes }, signer);
const videoCheck = (url = MEDIA_URL) => buildDetectRequest(API, ORDER, { kind: 'video', url }, signing());

function paramsRequest(query: Record<string, string>, form: Record<string, string> = {}) {
  return buildRpcRequest({
    endpoint: API,
    action: DETECT_ACTION,
    version: CN_API_VERSION,
    method: 'POST',
    query,
    form,
    ...signing(),
  });
}

describe('a correctly signed request', () => {
  it('an image → the documented body with Code "200"', async () => {
    const answer = await injectRpc(app, imageCheck());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      Code: '200',
      Message: 'success',
      ResultObject: { Result: '0', RiskTag: '', RiskScore: expect.objectContaining({ SuspectRemake: '0.0000' }) },
    });
  });

  it('a video → the simulator downloads FaceUrl, probes it and answers', async () => {
    const answer = await injectRpc(app, videoCheck());
    expect(answer.body).toMatchObject({ Code: '200', ResultObject: { Result: '0' } });
    expect(fetched).toEqual([MEDIA_URL]);
  });

  it('an image by FaceUrl is downloaded too', async () => {
    served = () => new Response(fakeImage());
    const answer = await injectRpc(app, paramsRequest({ FaceInputType: 'IMAGE', FaceUrl: MEDIA_URL, OuterOrderNo: ORDER }));
    expect(answer.body.Code).toBe('200');
  });

  it('is served at the prefix without a trailing slash too', async () => {
    const request = buildDetectRequest('http://sim.test/sim/alibaba-cn', ORDER, { kind: 'image', bytes: fakeImage() }, signing());
    expect((await injectRpc(app, request)).body.Code).toBe('200');
  });
});

describe('authentication errors', () => {
  it('a wrong secret → 400 SignatureDoesNotMatch with the cloudauth HostId', async () => {
    const answer = await injectRpc(app, imageCheck(fakeImage(), signing({ accessKeySecret: 'wrong' })));
    expect([answer.status, answer.body.Code, answer.body.HostId]).toEqual([
      400,
      'SignatureDoesNotMatch',
      'cloudauth.aliyuncs.com',
    ]);
    expect(answer.body.Recommend).toContain('product=Cloudauth&');
  });

  it('an x-acs-date 16 minutes old → InvalidTimeStamp.Expired', async () => {
    const answer = await injectRpc(
      app,
      imageCheck(fakeImage(), signing({ date: new Date(SERVER_TIME.getTime() - 16 * 60_000) })),
    );
    expect(answer.body.Code).toBe('InvalidTimeStamp.Expired');
  });

  it('a tampered body or FaceUrl → SignatureDoesNotMatch, and nothing is downloaded', async () => {
    const image = imageCheck();
    expect((await injectRpc(app, image, { body: image.body!.slice(0, -4) })).body.Code).toBe('SignatureDoesNotMatch');
    const video = videoCheck();
    const otherUrl = video.url.replace(encodeURIComponent('media.example'), encodeURIComponent('evil.example'));
    expect(otherUrl).not.toBe(video.url);
    expect((await injectRpc(app, video, { url: otherUrl })).body.Code).toBe('SignatureDoesNotMatch');
    expect(fetched).toEqual([]);
  });

  it('the intl action or version → InvalidAction.NotFound / InvalidVersion', async () => {
    expect((await injectRpc(app, imageCheck(), { headers: { 'x-acs-action': 'DeepfakeDetectIntl' } })).body.Code).toBe(
      'InvalidAction.NotFound',
    );
    expect((await injectRpc(app, imageCheck(), { headers: { 'x-acs-version': '2022-08-09' } })).body.Code).toBe('InvalidVersion');
  });

  it('has no rate limit unless told (the doc gives no number); with one, Throttling.Api', async () => {
    for (let i = 0; i < 12; i++) expect((await injectRpc(app, imageCheck())).status).toBe(200);
    await app.close();
    await startSimulator({ maxRequestsPerSecond: 1 });
    expect((await injectRpc(app, imageCheck())).status).toBe(200);
    const throttled = await injectRpc(app, imageCheck());
    expect([throttled.status, throttled.body.Code]).toEqual([403, 'Throttling.Api']);
    expect(throttled.headers['x-acs-retry-after']).toMatch(/^\d+$/);
  });
});

describe('DeepfakeDetect parameters', () => {
  const image = { FaceBase64: fakeImage().toString('base64') };

  it.each([
    ['no OuterOrderNo', { FaceInputType: 'IMAGE' }, image, 400, 'MissingParameter'],
    ['a 33-character OuterOrderNo', { OuterOrderNo: `${ORDER}0` }, image, 400, 'InvalidParameter'],
    ['an OuterOrderNo with an underscore', { OuterOrderNo: `${ORDER.slice(1)}_` }, image, 400, 'InvalidParameter'],
    ['FaceInputType image (lowercase)', { OuterOrderNo: ORDER, FaceInputType: 'image' }, image, 400, 'InvalidParameter'],
    ['no media', { OuterOrderNo: ORDER }, {}, 400, 'MissingParameter'],
    ['FaceUrl and FaceBase64', { OuterOrderNo: ORDER, FaceUrl: MEDIA_URL }, image, 401, 'DataDuplication'],
    [
      'a video as FaceBase64',
      { OuterOrderNo: ORDER, FaceInputType: 'VIDEO' },
      { FaceBase64: fakeVideo().toString('base64') },
      400,
      'InvalidParameter',
    ],
    [
      'a FaceUrl that is not a URL',
      { OuterOrderNo: ORDER, FaceInputType: 'VIDEO', FaceUrl: 'face.mp4' },
      {},
      400,
      'InvalidParameter',
    ],
    [
      'a file: FaceUrl',
      { OuterOrderNo: ORDER, FaceInputType: 'VIDEO', FaceUrl: 'file:///etc/passwd' },
      {},
      400,
      'InvalidParameter',
    ],
  ])('%s → %i %s', async (_label, query, form, status, code) => {
    const answer = await injectRpc(app, paramsRequest(query, form));
    expect([answer.status, answer.body.Code]).toEqual([status, code]);
  });

  it('FaceInputType defaults to IMAGE', async () => {
    expect((await injectRpc(app, paramsRequest({ OuterOrderNo: ORDER }, image))).body.Code).toBe('200');
  });
});

describe('downloading FaceUrl', () => {
  it.each([
    ['HTTP 404', 'DownloadTimeout', 'HTTP 404', () => new Response('gone', { status: 404 })],
    ['HTTP 503', 'DownloadTimeout', 'HTTP 503', () => new Response('busy', { status: 503 })],
    ['a network error', 'DownloadTimeout', 'fetch failed', () => Promise.reject(new TypeError('fetch failed'))],
    [
      'a timeout',
      'DownloadTimeout',
      'timeout',
      () => Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ],
    ['more than 10 MB', 'ToolargeImage', '10485760', () => new Response(fakeVideo({ bytes: 10 * 1024 * 1024 + 1 }))],
    ['a 4 s clip', 'UnqualifiedPhoto', '4.00 s', () => new Response(fakeVideo({ durationS: 4 }))],
    ['a 90 KB clip', 'UnqualifiedPhoto', 'larger than', () => new Response(fakeVideo({ bytes: 90 * 1024 }))],
    [
      'an image where a video was announced',
      'UnqualifiedPhoto',
      'MP4 and MOV',
      () => new Response(fakeImage({ bytes: 150 * 1024 })),
    ],
  ])('%s → 401 %s', async (_label, code, detail, answer) => {
    served = answer as () => Response | Promise<Response>;
    const result = await injectRpc(app, videoCheck());
    expect([result.status, result.body.Code]).toEqual([401, code]);
    expect(result.body.Message).toContain(detail);
  });

  it('a queued outcome is not used up by a failed download', async () => {
    control.enqueue({ outcome: 'fake' });
    served = () => new Response('gone', { status: 404 });
    await injectRpc(app, videoCheck());
    served = () => new Response(fakeVideo());
    expect((await injectRpc(app, videoCheck())).body.ResultObject).toMatchObject({ Result: '1', RiskTag: 'SuspectDeepForgery' });
  });

  it('the history keeps FaceUrl without its signed query', async () => {
    await injectRpc(app, videoCheck());
    const response = await app.inject({ method: 'GET', url: '/sim/alibaba-cn/_control' });
    const [entry] = response.json().recentRequests;
    expect(new URL(`http://x${entry.url}`).searchParams.get('FaceUrl')).toBe('https://media.example/api/media/abc?…');
    expect(response.body).not.toContain('c2VjcmV0LXNpZ25hdHVyZQ');
    expect(response.body).not.toMatch(/authorization/i);
  });
});

describe('outcome control over HTTP', () => {
  it('queues, repeats, errors and clears like the other simulators', async () => {
    const queue = (body: object) => app.inject({ method: 'POST', url: '/sim/alibaba-cn/_control/next', payload: body });
    expect((await queue({ outcome: 'suspicious', count: 2 })).statusCode).toBe(201);
    await queue({ outcome: 'error', errorCode: 'Forbidden.AccountAccessDenied' });
    expect((await injectRpc(app, imageCheck())).body.ResultObject?.Result).toBe('2');
    expect((await injectRpc(app, imageCheck())).body.ResultObject?.Result).toBe('2');
    const error = await injectRpc(app, imageCheck());
    expect([error.status, error.body.Code]).toEqual([403, 'Forbidden.AccountAccessDenied']);
    await queue({ outcome: 'fake' });
    expect((await app.inject({ method: 'DELETE', url: '/sim/alibaba-cn/_control' })).json().queue).toEqual([]);
    expect((await injectRpc(app, imageCheck())).body.ResultObject?.Result).toBe('0');
    expect((await queue({ outcome: 'error' })).statusCode).toBe(400);
  });
});

describe('with the real media probe', () => {
  beforeEach(async () => {
    await app.close();
    await startSimulator({ probe: undefined });
  });

  it.each([
    ['mediarecorder_h264_640x480.mp4', 'video', '200'],
    ['h264_320x240_2s.mov', 'video', 'UnqualifiedPhoto'],
    ['hevc_320x240_1s.mp4', 'video', 'UnqualifiedPhoto'],
    ['astronaut_240x320.jpg', 'image', '200'],
  ] as const)('%s as %s → %s', async (name, kind, code) => {
    const bytes = readFileSync(path.join(mediaFixtures, name));
    served = () => new Response(bytes);
    const request = kind === 'video' ? videoCheck() : imageCheck(bytes);
    expect((await injectRpc(app, request)).body.Code).toBe(code);
  });
});

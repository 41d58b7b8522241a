import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeImage, fakeVideo, stubProbe } from '../../simulator-kit/probe-stub.test-helpers.js';
import { buildDetectRequest } from '../request.js';
import { signTc3 } from '../signer.js';
import { createTencentSimulatorControl, type TencentSimulatorControl } from './control.js';
import { DOCUMENTED_ERROR_MESSAGES } from './responses.js';
import { tencentSimulator, type TencentSimulatorOptions } from './simulator.js';

const SECRET_ID = 'AKIDsimulatortest';
const SECRET_KEY = 'simulator-test-secret-key';
const SERVER_TIME = new Date('2026-11-21T06:20:26Z');
const ENDPOINT = 'http://sim.test/sim/tencent/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let app: FastifyInstance;
let control: TencentSimulatorControl;

async function startSimulator(overrides: Partial<TencentSimulatorOptions> = {}) {
  control = createTencentSimulatorControl();
  app = Fastify();
  await app.register(tencentSimulator, {
    prefix: '/sim/tencent',
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    now: () => SERVER_TIME,
    probe: stubProbe,
    control,
    ...overrides,
  });
  await app.ready();
}

beforeEach(() => startSimulator());
afterEach(() => app.close());

interface TencentAnswer {
  Response: {
    Error?: { Code: string; Message: string };
    AttackRiskLevel?: string;
    AttackRiskDetailList?: { Type: string }[];
    RequestId: string;
  };
}

async function send(headers: Record<string, string>, payload: Buffer | string, url = '/sim/tencent/') {
  const response = await app.inject({ method: 'POST', url, headers, payload });
  expect(response.statusCode).toBe(200); // Tencent answers errors with 200 as well
  return response.json<TencentAnswer>();
}

function signedMediaRequest(
  media: { kind: 'video' | 'image'; bytes: Buffer },
  signer: { secretId?: string; secretKey?: string; clock?: Date } = {},
) {
  return buildDetectRequest({
    endpoint: ENDPOINT,
    credentials: { secretId: signer.secretId ?? SECRET_ID, secretKey: signer.secretKey ?? SECRET_KEY },
    media,
    now: () => signer.clock ?? SERVER_TIME,
  });
}

async function check(media: { kind: 'video' | 'image'; bytes: Buffer }) {
  const request = signedMediaRequest(media);
  return send(request.headers, request.body);
}

/** Signs an arbitrary body, to reach the parameter checks behind the signature. */
async function sendSignedBody(body: string) {
  const timestamp = Math.floor(SERVER_TIME.getTime() / 1000);
  const { authorization } = signTc3({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    service: 'faceid',
    host: 'sim.test',
    canonicalUri: '/sim/tencent/',
    contentType: 'application/json',
    payload: body,
    timestamp,
  });
  return send(
    {
      Host: 'sim.test',
      'Content-Type': 'application/json',
      'X-TC-Action': 'DetectAIFakeFaces',
      'X-TC-Version': '2018-03-01',
      'X-TC-Timestamp': String(timestamp),
      Authorization: authorization,
    },
    body,
  );
}

const errorCodeOf = (answer: TencentAnswer) => answer.Response.Error?.Code;

describe('a correctly signed request', () => {
  it('gets the documented success body (Low, empty list, fresh uuid RequestId)', async () => {
    const answer = await check({ kind: 'video', bytes: fakeVideo() });
    expect(answer).toEqual({
      Response: {
        AttackRiskDetailList: [],
        AttackRiskLevel: 'Low',
        ExtraInfo: { RetrievalLivenessExtraInfo: [] },
        RequestId: expect.stringMatching(UUID),
      },
    });
    const again = await check({ kind: 'image', bytes: fakeImage('png') });
    expect(again.Response.AttackRiskLevel).toBe('Low');
    expect(again.Response.RequestId).not.toBe(answer.Response.RequestId);
  });

  it('is accepted at the prefix without a trailing slash too (the path is signed as sent)', async () => {
    const request = buildDetectRequest({
      endpoint: 'http://sim.test/sim/tencent',
      credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
      media: { kind: 'video', bytes: fakeVideo() },
      now: () => SERVER_TIME,
    });
    const answer = await send(request.headers, request.body, '/sim/tencent');
    expect(answer.Response.AttackRiskLevel).toBe('Low');
  });

  it('accepts a clock 299 s off', async () => {
    const request = signedMediaRequest(
      { kind: 'video', bytes: fakeVideo() },
      { clock: new Date(SERVER_TIME.getTime() - 299_000) },
    );
    expect((await send(request.headers, request.body)).Response.AttackRiskLevel).toBe('Low');
  });
});

describe('authentication errors', () => {
  it('a wrong secret → AuthFailure.SignatureFailure', async () => {
    const request = signedMediaRequest({ kind: 'video', bytes: fakeVideo() }, { secretKey: 'wrong' });
    const answer = await send(request.headers, request.body);
    expect(answer).toEqual({
      Response: {
        Error: { Code: 'AuthFailure.SignatureFailure', Message: DOCUMENTED_ERROR_MESSAGES['AuthFailure.SignatureFailure'] },
        RequestId: expect.stringMatching(UUID),
      },
    });
  });

  it('an unknown SecretId → AuthFailure.SecretIdNotFound', async () => {
    const request = signedMediaRequest({ kind: 'video', bytes: fakeVideo() }, { secretId: 'AKIDnobody' });
    expect(errorCodeOf(await send(request.headers, request.body))).toBe('AuthFailure.SecretIdNotFound');
  });

  it.each([-301_000, 301_000])('a timestamp %i ms off → AuthFailure.SignatureExpire', async (offsetMs) => {
    const request = signedMediaRequest(
      { kind: 'video', bytes: fakeVideo() },
      { clock: new Date(SERVER_TIME.getTime() + offsetMs) },
    );
    expect(errorCodeOf(await send(request.headers, request.body))).toBe('AuthFailure.SignatureExpire');
  });

  it('a tampered body → AuthFailure.SignatureFailure', async () => {
    const request = signedMediaRequest({ kind: 'video', bytes: fakeVideo() });
    const tampered = Buffer.from(request.body.toString('utf8').replace('"FaceInputType":2', '"FaceInputType":1'));
    expect(errorCodeOf(await send(request.headers, tampered))).toBe('AuthFailure.SignatureFailure');
  });

  it('a tampered timestamp → AuthFailure.SignatureFailure', async () => {
    const request = signedMediaRequest({ kind: 'video', bytes: fakeVideo() });
    const headers = { ...request.headers, 'X-TC-Timestamp': String(request.timestamp + 1) };
    expect(errorCodeOf(await send(headers, request.body))).toBe('AuthFailure.SignatureFailure');
  });

  it('a request signed for another path → AuthFailure.SignatureFailure', async () => {
    const request = signedMediaRequest({ kind: 'video', bytes: fakeVideo() });
    expect(errorCodeOf(await send(request.headers, request.body, '/sim/tencent'))).toBe('AuthFailure.SignatureFailure');
  });

  it.each([
    ['missing', undefined],
    ['not TC3', 'Basic dGVzdDp0ZXN0'],
    ['truncated', 'TC3-HMAC-SHA256 Credential=AKIDsimulatortest/2026-11-21/faceid/tc3_request'],
    [
      'without host signed',
      `TC3-HMAC-SHA256 Credential=${SECRET_ID}/2026-11-21/faceid/tc3_request, SignedHeaders=content-type, Signature=${'0'.repeat(64)}`,
    ],
  ])('an Authorization header %s → AuthFailure.InvalidAuthorization', async (_label, authorization) => {
    const request = signedMediaRequest({ kind: 'video', bytes: fakeVideo() });
    const { Authorization: _dropped, ...headers } = request.headers;
    const answer = await send(authorization === undefined ? headers : { ...headers, Authorization: authorization }, request.body);
    expect(errorCodeOf(answer)).toBe('AuthFailure.InvalidAuthorization');
  });
});

describe('common parameter errors', () => {
  it.each([
    ['X-TC-Action', undefined, 'MissingParameter'],
    ['X-TC-Action', 'DetectAIGCContent', 'InvalidAction'],
    ['X-TC-Version', undefined, 'MissingParameter'],
    ['X-TC-Version', '2017-01-01', 'NoSuchVersion'],
    ['X-TC-Timestamp', undefined, 'MissingParameter'],
    ['X-TC-Timestamp', 'yesterday', 'InvalidParameterValue'],
    ['Content-Type', 'text/plain', 'InvalidParameter'],
  ])('%s = %s → %s', async (name, value, code) => {
    const request = signedMediaRequest({ kind: 'video', bytes: fakeVideo() });
    const headers: Record<string, string> = { ...request.headers };
    delete headers[name];
    if (value !== undefined) headers[name] = value;
    expect(errorCodeOf(await send(headers, request.body))).toBe(code);
  });

  it('a body over 10 MB → RequestSizeLimitExceeded (answered by the simulator, not Fastify)', async () => {
    const overTenMiB = fakeVideo('mp4', 3.3)
      .toString('latin1')
      .padEnd(8 * 1024 * 1024, ' ');
    const request = signedMediaRequest({ kind: 'video', bytes: Buffer.from(overTenMiB, 'latin1') });
    expect(request.body.length).toBeGreaterThan(10 * 1024 * 1024);
    expect(errorCodeOf(await send(request.headers, request.body))).toBe('RequestSizeLimitExceeded');
  });

  it('a body over the route limit too → RequestSizeLimitExceeded', async () => {
    const request = signedMediaRequest({ kind: 'video', bytes: Buffer.alloc(10 * 1024 * 1024) });
    expect(request.body.length).toBeGreaterThan(12 * 1024 * 1024);
    expect(errorCodeOf(await send(request.headers, request.body))).toBe('RequestSizeLimitExceeded');
  });
});

describe('DetectAIFakeFaces parameters', () => {
  const image = fakeImage().toString('base64');

  it.each([
    ['FaceInputType 3', { FaceInput: image, FaceInputType: 3 }, 'InvalidParameter'],
    ['FaceInputType 0', { FaceInput: image, FaceInputType: 0 }, 'InvalidParameter'],
    ['FaceInputType "1" (a string)', { FaceInput: image, FaceInputType: '1' }, 'InvalidParameter'],
    ['FaceInputType 1.5', { FaceInput: image, FaceInputType: 1.5 }, 'InvalidParameter'],
    ['no FaceInputType', { FaceInput: image }, 'MissingParameter'],
    ['no FaceInput', { FaceInputType: 1 }, 'MissingParameter'],
    ['FaceInput not a string', { FaceInput: 42, FaceInputType: 1 }, 'InvalidParameter'],
    ['FaceInput empty', { FaceInput: '', FaceInputType: 1 }, 'InvalidParameterValue'],
    ['FaceInput not base64', { FaceInput: 'this is not base64!', FaceInputType: 1 }, 'InvalidParameterValue'],
    [
      'FaceInput url-safe base64',
      { FaceInput: Buffer.from([0xfb, 0xff, 0xbf]).toString('base64url'), FaceInputType: 1 },
      'InvalidParameterValue',
    ],
    ['FaceInput without padding', { FaceInput: image.replace(/=+$/, ''), FaceInputType: 1 }, 'InvalidParameterValue'],
    [
      'FaceInput with line breaks',
      { FaceInput: `${image.slice(0, 4)}\n${image.slice(4)}`, FaceInputType: 1 },
      'InvalidParameterValue',
    ],
    ['an unknown parameter', { FaceInput: image, FaceInputType: 1, Extra: true }, 'UnknownParameter'],
    ['full-body encryption', { Encryption: { Algorithm: 'AES-256-CBC' }, EncryptedBody: 'AAAA' }, 'UnsupportedOperation'],
  ])('%s → %s', async (_label, body, code) => {
    expect(image.endsWith('=')).toBe(true); // so that "without padding" really removes some
    expect(errorCodeOf(await sendSignedBody(JSON.stringify(body)))).toBe(code);
  });

  it.each([['not json'], ['[1,2]'], ['"text"']])('body %s → InvalidParameter', async (body) => {
    expect(errorCodeOf(await sendSignedBody(body))).toBe('InvalidParameter');
  });
});

describe('media decoding', () => {
  it.each([
    ['a 20.5 s video', { kind: 'video', bytes: fakeVideo('mp4', 20.5) }, 'FailedOperation.VideoDurationExceeded'],
    ['undecodable video bytes', { kind: 'video', bytes: Buffer.from('garbage') }, 'FailedOperation.VideoDecodeFailed'],
    ['a webm video', { kind: 'video', bytes: fakeVideo('webm') }, 'FailedOperation.VideoDecodeFailed'],
    ['an image sent as video', { kind: 'video', bytes: fakeImage() }, 'FailedOperation.VideoDecodeFailed'],
    ['undecodable image bytes', { kind: 'image', bytes: Buffer.from('garbage') }, 'FailedOperation.ImageDecodeFailed'],
    ['a video sent as image', { kind: 'image', bytes: fakeVideo() }, 'FailedOperation.ImageDecodeFailed'],
  ] as const)('%s → %s', async (_label, media, code) => {
    const answer = await check({ kind: media.kind, bytes: media.bytes });
    expect(answer.Response.Error).toEqual({ Code: code, Message: DOCUMENTED_ERROR_MESSAGES[code] });
  });

  it('a 20 s video is still accepted (the hard maximum is inclusive)', async () => {
    expect((await check({ kind: 'video', bytes: fakeVideo('mp4', 20) })).Response.AttackRiskLevel).toBe('Low');
  });

  it('a decode failure does not use up a queued outcome', async () => {
    control.enqueue({ outcome: 'fake' });
    await check({ kind: 'video', bytes: Buffer.from('garbage') });
    expect((await check({ kind: 'video', bytes: fakeVideo() })).Response.AttackRiskLevel).toBe('High');
  });
});

describe('outcome control over HTTP', () => {
  const queue = (body: unknown) => app.inject({ method: 'POST', url: '/sim/tencent/_control/next', payload: body as object });

  it('fake → High with SuspectedSynthesisVideo, then back to real', async () => {
    expect((await queue({ outcome: 'fake' })).statusCode).toBe(201);
    const answer = await check({ kind: 'video', bytes: fakeVideo() });
    expect(answer.Response).toMatchObject({
      AttackRiskLevel: 'High',
      AttackRiskDetailList: [{ Type: 'SuspectedSynthesisVideo' }],
    });
    expect((await check({ kind: 'video', bytes: fakeVideo() })).Response.AttackRiskLevel).toBe('Low');
  });

  it('suspicious → Mid; riskTypes override the list', async () => {
    await queue({ outcome: 'suspicious', riskTypes: ['SuspectedWatermark'] });
    const answer = await check({ kind: 'image', bytes: fakeImage() });
    expect(answer.Response).toMatchObject({ AttackRiskLevel: 'Mid', AttackRiskDetailList: [{ Type: 'SuspectedWatermark' }] });
  });

  it('error FailedOperation.CoveredFace → that code with its documented message', async () => {
    await queue({ outcome: 'error', errorCode: 'FailedOperation.CoveredFace' });
    const answer = await check({ kind: 'video', bytes: fakeVideo() });
    expect(answer).toEqual({
      Response: {
        Error: {
          Code: 'FailedOperation.CoveredFace',
          Message: 'The face in the picture is blocked, please upload a picture without any blockage',
        },
        RequestId: expect.stringMatching(UUID),
      },
    });
  });

  it('count repeats an outcome, then the queue moves on', async () => {
    await queue({ outcome: 'fake', count: 2 });
    await queue({ outcome: 'suspicious' });
    const levels = [];
    for (let i = 0; i < 4; i++) levels.push((await check({ kind: 'video', bytes: fakeVideo() })).Response.AttackRiskLevel);
    expect(levels).toEqual(['High', 'High', 'Mid', 'Low']);
  });

  it('delayMs delays the answer', async () => {
    await queue({ outcome: 'real', delayMs: 300 });
    const started = performance.now();
    await check({ kind: 'video', bytes: fakeVideo() });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('caps delayMs at 60 s', async () => {
    const response = await queue({ outcome: 'real', delayMs: 3_600_000 });
    expect(response.json().queued.delayMs).toBe(60_000);
  });

  it.each([[{ outcome: 'error' }], [{ outcome: 'maybe' }], [{ outcome: 'real', delayMs: -1 }], [{ outcome: 'real', count: 0 }]])(
    'refuses %j with 400',
    async (body) => {
      expect((await queue(body)).statusCode).toBe(400);
    },
  );

  it('DELETE /_control clears the queue', async () => {
    await queue({ outcome: 'fake', count: 5 });
    const cleared = await app.inject({ method: 'DELETE', url: '/sim/tencent/_control' });
    expect(cleared.json().queue).toEqual([]);
    expect((await check({ kind: 'video', bytes: fakeVideo() })).Response.AttackRiskLevel).toBe('Low');
  });

  it('GET /_control shows the queue and recent requests without credentials', async () => {
    await check({ kind: 'video', bytes: fakeVideo() });
    const wrong = signedMediaRequest({ kind: 'video', bytes: fakeVideo() }, { secretKey: 'wrong' });
    await send(wrong.headers, wrong.body);
    await queue({ outcome: 'fake' });

    const response = await app.inject({ method: 'GET', url: '/sim/tencent/_control' });
    const snapshot = response.json();
    expect(snapshot.queue).toEqual([{ outcome: 'fake', count: 1 }]);
    expect(snapshot.recentRequests).toHaveLength(2);
    expect(snapshot.recentRequests[0]).toMatchObject({
      method: 'POST',
      url: '/sim/tencent/',
      bodyBytes: expect.any(Number),
      headers: { 'x-tc-action': 'DetectAIFakeFaces' },
      answer: { attackRiskLevel: 'Low', requestId: expect.stringMatching(UUID) },
    });
    expect(snapshot.recentRequests[1].answer.errorCode).toBe('AuthFailure.SignatureFailure');
    expect(response.body).not.toMatch(/authorization/i);
    expect(response.body).not.toContain(SECRET_ID);
    expect(response.body).not.toContain(SECRET_KEY);
    expect(response.body).not.toContain(fakeVideo().toString('base64'));
  });
});

describe('with the real media probe (contract/media/probe.ts)', () => {
  const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures');
  const fixture = (name: string) => readFileSync(path.join(fixtures, name));

  beforeEach(async () => {
    await app.close();
    await startSimulator({ probe: undefined });
  });

  it.each([
    ['face_640x480.mp4 as video', 'video', 'face_640x480.mp4', undefined],
    ['face_1280x720.mp4 as video', 'video', 'face_1280x720.mp4', undefined],
    ['astronaut.png as image', 'image', 'astronaut.png', undefined],
    ['astronaut.png as video', 'video', 'astronaut.png', 'FailedOperation.VideoDecodeFailed'],
    ['face_640x480.mp4 as image', 'image', 'face_640x480.mp4', 'FailedOperation.ImageDecodeFailed'],
    // (guess) the doc lists mp4/avi/flv only, so a Matroska recording is refused.
    ['the MediaRecorder .mkv as video', 'video', 'mediarecorder_h264_1280x720.mkv', 'FailedOperation.VideoDecodeFailed'],
  ] as const)('%s → %s', async (_label, kind, name, code) => {
    const answer = await check({ kind, bytes: fixture(name) });
    if (code === undefined) expect(answer.Response.AttackRiskLevel).toBe('Low');
    else expect(errorCodeOf(answer)).toBe(code);
  });

  it('random bytes → FailedOperation.VideoDecodeFailed', async () => {
    expect(errorCodeOf(await check({ kind: 'video', bytes: Buffer.from('definitely not a video') }))).toBe(
      'FailedOperation.VideoDecodeFailed',
    );
  });
});

describe('published rate limit (5 requests per second)', () => {
  it('answers RequestLimitExceeded past the limit within a second, and admits again after it', async () => {
    const { default: Fastify } = await import('fastify');
    const { tencentSimulator: plugin } = await import('./simulator.js');
    const { buildDetectRequest } = await import('../request.js');
    const app = Fastify();
    const keys = { secretId: 'AKIDrate', secretKey: 'rate-secret' };
    await app.register(plugin, { prefix: '/sim/tencent', ...keys, maxRequestsPerSecond: 5 });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const image = (await import('node:fs')).readFileSync(
        (await import('node:path')).resolve(__dirname, '../../../../contract/media/fixtures/astronaut_240x320.jpg'),
      );
      const send = async () => {
        const req = buildDetectRequest({
          endpoint: `${base}/sim/tencent/`,
          credentials: keys,
          media: { kind: 'image', bytes: image },
          now: () => new Date(),
        });
        const { Host: _h, ...headers } = req.headers;
        const res = await fetch(req.url, { method: 'POST', headers, body: req.body });
        return ((await res.json()) as { Response: { Error?: { Code: string } } }).Response.Error?.Code ?? 'ok';
      };
      const burst = [];
      for (let i = 0; i < 7; i++) burst.push(await send());
      expect(burst.filter((c) => c === 'ok')).toHaveLength(5);
      expect(burst.filter((c) => c === 'RequestLimitExceeded')).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 1050));
      expect(await send()).toBe('ok');
    } finally {
      await app.close();
    }
  });
});

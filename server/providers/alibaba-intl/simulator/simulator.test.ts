import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POP_ERROR_CATALOGUE } from '../../alibaba-acs3/pop-error.js';
import { fakeImage, fakeVideo, stubProbe } from '../../alibaba-acs3/probe-stub.test-helpers.js';
import { buildRpcRequest } from '../../alibaba-acs3/rpc-request.js';
import { createCloudauthSimulatorControl, type CloudauthSimulatorControl } from '../../alibaba-acs3/simulator/control.js';
import { injectRpc } from '../../alibaba-acs3/simulator/simulator.test-helpers.js';
import { buildDetectImageRequest, DETECT_IMAGE_ACTION, DETECT_STREAM_ACTION, INTL_API_VERSION } from '../request.js';
import { alibabaIntlSimulator, type AlibabaIntlSimulatorOptions } from './simulator.js';

const ACCESS_KEY = { accessKeyId: 'LTAIsimulatortest', accessKeySecret: 'simulator-test-secret' };
const SERVER_TIME = new Date('2026-11-21T20:20:07Z');
const API = 'http://sim.test/sim/alibaba-intl/api/';
const IDS = { merchantBizId: 'e0c34a77f5ac40a5aa5e6ed20c123456', sceneCode: '1234567890' };
const POP_REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

let app: FastifyInstance;
let control: CloudauthSimulatorControl;
let nonceCounter = 0;

async function startSimulator(overrides: Partial<AlibabaIntlSimulatorOptions> = {}) {
  control = createCloudauthSimulatorControl();
  app = Fastify();
  await app.register(alibabaIntlSimulator, {
    prefix: '/sim/alibaba-intl',
    ...ACCESS_KEY,
    now: () => SERVER_TIME,
    probe: stubProbe,
    control,
    maxRequestsPerSecond: Infinity,
    ...overrides,
  });
  await app.ready();
}

beforeEach(() => startSimulator());
afterEach(() => app.close());

const signing = (overrides: { accessKeySecret?: string; accessKeyId?: string; date?: Date; nonce?: string } = {}) => ({
  accessKey: { ...ACCESS_KEY, ...overrides },
  date: overrides.date ?? SERVER_TIME,
  nonce: overrides.nonce ?? `nonce-${++nonceCounter}`,
});

const imageRequest = (image: Uint8Array = fakeImage(), signer = signing()) => buildDetectImageRequest(API, IDS, image, signer);

/** Any parameters, signed properly, to reach the checks behind the signature. */
function detectRequest(options: {
  action?: string;
  query?: Record<string, string>;
  form?: Record<string, string>;
  endpoint?: string;
}) {
  return buildRpcRequest({
    endpoint: options.endpoint ?? API,
    action: options.action ?? DETECT_IMAGE_ACTION,
    version: INTL_API_VERSION,
    method: 'POST',
    query: options.query,
    form: options.form ?? {},
    ...signing(),
  });
}

const validQuery = {
  FaceInputType: 'IMAGE',
  MerchantBizId: IDS.merchantBizId,
  ProductCode: 'FACE_DEEPFAKE',
  SceneCode: IDS.sceneCode,
};
const imageForm = { FaceBase64: fakeImage().toString('base64') };

describe('a correctly signed request', () => {
  it('gets the documented success body with a fresh RequestId', async () => {
    const answer = await injectRpc(app, imageRequest());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      RequestId: expect.stringMatching(POP_REQUEST_ID),
      Code: 'Success',
      Message: 'success',
      ResultObject: {
        Result: '0',
        RiskTag: '',
        RiskScore: { SuspectDeepForgery: '0.0312', SuspectPSFace: '0.0105', SuspectTemple: '0.0021', SuspectRemake: '0.0000' },
      },
    });
    const again = await injectRpc(app, imageRequest());
    expect(again.body.RequestId).not.toBe(answer.body.RequestId);
  });

  it('is accepted at the prefix without a trailing slash too (the path is signed as sent)', async () => {
    const request = buildDetectImageRequest('http://sim.test/sim/alibaba-intl/api', IDS, fakeImage(), signing());
    expect((await injectRpc(app, request)).status).toBe(200);
  });

  it('takes every parameter from the body as well (the Stream placement) and from GET', async () => {
    const request = detectRequest({ form: { ...validQuery, ...imageForm } });
    expect((await injectRpc(app, request)).body.Code).toBe('Success');
    const query = { ...validQuery, ...imageForm };
    const get = buildRpcRequest({
      endpoint: API,
      action: DETECT_IMAGE_ACTION,
      version: INTL_API_VERSION,
      method: 'GET',
      query,
      ...signing(),
    });
    expect((await injectRpc(app, get)).body.Code).toBe('Success');
  });

  it('accepts a clock 14 minutes off', async () => {
    const request = imageRequest(fakeImage(), signing({ date: new Date(SERVER_TIME.getTime() - 14 * 60_000) }));
    expect((await injectRpc(app, request)).status).toBe(200);
  });
});

describe('authentication errors (POP body and status)', () => {
  it('a wrong secret → 400 SignatureDoesNotMatch with RequestId, HostId, Message and Recommend', async () => {
    const answer = await injectRpc(app, imageRequest(fakeImage(), signing({ accessKeySecret: 'wrong' })));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      RequestId: expect.stringMatching(POP_REQUEST_ID),
      HostId: 'cloudauth-intl.ap-southeast-1.aliyuncs.com',
      Code: 'SignatureDoesNotMatch',
      Message: POP_ERROR_CATALOGUE.SignatureDoesNotMatch!.message,
      Recommend: expect.stringMatching(
        /^https:\/\/api\.aliyun\.com\/troubleshoot\?q=SignatureDoesNotMatch&product=Cloudauth-intl&requestId=/,
      ),
    });
  });

  it('an unknown AccessKeyId → 404 InvalidAccessKeyId.NotFound', async () => {
    const answer = await injectRpc(app, imageRequest(fakeImage(), signing({ accessKeyId: 'LTAInobody' })));
    expect([answer.status, answer.body.Code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
  });

  it.each([-16, 16])('x-acs-date %i minutes off → InvalidTimeStamp.Expired', async (minutes) => {
    const answer = await injectRpc(
      app,
      imageRequest(fakeImage(), signing({ date: new Date(SERVER_TIME.getTime() + minutes * 60_000) })),
    );
    expect([answer.status, answer.body.Code]).toEqual([400, 'InvalidTimeStamp.Expired']);
  });

  it('a replayed nonce → SignatureNonceUsed; the nonce of a refused request stays usable', async () => {
    const wrong = imageRequest(fakeImage(), signing({ accessKeySecret: 'wrong', nonce: 'n-replay' }));
    expect((await injectRpc(app, wrong)).body.Code).toBe('SignatureDoesNotMatch');
    const request = imageRequest(fakeImage(), signing({ nonce: 'n-replay' }));
    expect((await injectRpc(app, request)).body.Code).toBe('Success');
    expect((await injectRpc(app, request)).body.Code).toBe('SignatureNonceUsed');
  });

  it('a tampered body, query, date or host → SignatureDoesNotMatch', async () => {
    const request = imageRequest();
    const tamperedBody = request.body!.replace('FaceBase64=', 'FaceBase64=AAAA');
    expect((await injectRpc(app, request, { body: tamperedBody })).body.Code).toBe('SignatureDoesNotMatch');
    const sha = (await import('../../alibaba-acs3/signer.js')).sha256Hex(tamperedBody);
    const withHash = await injectRpc(app, imageRequest(), { body: tamperedBody, headers: { 'x-acs-content-sha256': sha } });
    expect(withHash.body.Code).toBe('SignatureDoesNotMatch');
    const otherQuery = imageRequest();
    expect(
      (await injectRpc(app, otherQuery, { url: otherQuery.url.replace('SceneCode=1234567890', 'SceneCode=0987654321') })).body
        .Code,
    ).toBe('SignatureDoesNotMatch');
    expect((await injectRpc(app, imageRequest(), { headers: { 'x-acs-date': '2026-11-21T20:20:08Z' } })).body.Code).toBe(
      'SignatureDoesNotMatch',
    );
    expect((await injectRpc(app, imageRequest(), { headers: { host: 'other.test' } })).body.Code).toBe('SignatureDoesNotMatch');
  });

  it.each([
    ['missing', undefined],
    ['not ACS3', 'Basic dGVzdDp0ZXN0'],
    ['truncated', `ACS3-HMAC-SHA256 Credential=${ACCESS_KEY.accessKeyId},SignedHeaders=host`],
  ])('an Authorization header %s → IncompleteSignature', async (_label, authorization) => {
    const answer = await injectRpc(app, imageRequest(), { headers: { Authorization: authorization } });
    expect([answer.status, answer.body.Code]).toEqual([400, 'IncompleteSignature']);
  });

  it('an unsigned x-acs- header → IncompleteSignature', async () => {
    expect((await injectRpc(app, imageRequest(), { headers: { 'x-acs-extra': '1' } })).body.Code).toBe('IncompleteSignature');
  });

  it.each([
    ['x-acs-action', undefined, 400, 'MissingParameter'],
    ['x-acs-action', 'DeepfakeDetect', 404, 'InvalidAction.NotFound'],
    ['x-acs-version', undefined, 400, 'MissingParameter'],
    ['x-acs-version', '2019-03-07', 400, 'InvalidVersion'],
    ['x-acs-date', undefined, 400, 'MissingParameter'],
    ['x-acs-date', '2026-11-21 20:20:07', 400, 'InvalidTimeStamp.Format'],
    ['x-acs-signature-nonce', undefined, 400, 'MissingParameter'],
    ['x-acs-content-sha256', undefined, 400, 'MissingParameter'],
  ])('%s = %s → %i %s', async (name, value, status, code) => {
    const answer = await injectRpc(app, imageRequest(), { headers: { [name]: value } });
    expect([answer.status, answer.body.Code]).toEqual([status, code]);
  });
});

describe('DeepfakeDetectIntl parameters', () => {
  const withQuery = (changes: Record<string, string | undefined>) => {
    const query: Record<string, string> = { ...validQuery };
    for (const [name, value] of Object.entries(changes)) {
      delete query[name];
      if (value !== undefined) query[name] = value;
    }
    return query;
  };

  it.each([
    ['no ProductCode', { ProductCode: undefined }, 'MissingParameter'],
    ['another ProductCode', { ProductCode: 'ID_OCR' }, 'InvalidParameter'],
    ['no SceneCode', { SceneCode: undefined }, 'MissingParameter'],
    ['an 11-character SceneCode', { SceneCode: '12345678901' }, 'InvalidParameter'],
    ['a SceneCode with a dash', { SceneCode: 'scene-1' }, 'InvalidParameter'],
    ['no MerchantBizId', { MerchantBizId: undefined }, 'MissingParameter'],
    ['a 31-character MerchantBizId', { MerchantBizId: IDS.merchantBizId.slice(1) }, 'InvalidParameter'],
    ['a MerchantBizId with a dash', { MerchantBizId: `${IDS.merchantBizId.slice(1)}-` }, 'InvalidParameter'],
    ['FaceInputType PHOTO', { FaceInputType: 'PHOTO' }, 'InvalidParameter'],
  ])('%s → %s', async (_label, changes, code) => {
    const answer = await injectRpc(app, detectRequest({ query: withQuery(changes), form: imageForm }));
    expect([answer.status, answer.body.Code]).toEqual([400, code]);
  });

  it.each([
    ['no media at all', {}, 400, 'MissingParameter'],
    ['FaceBase64 and FaceUrl', { ...imageForm, FaceUrl: 'https://example.com/a.jpg' }, 401, 'DataDuplication'],
    ['FaceBase64 that is not base64', { FaceBase64: 'not base64!' }, 400, 'InvalidParameter'],
    ['FaceFile (a Stream-only parameter)', { FaceFile: 'http://x/y' }, 400, 'MissingParameter'],
  ])('%s → %i %s', async (_label, form, status, code) => {
    const answer = await injectRpc(app, detectRequest({ query: validQuery, form }));
    expect([answer.status, answer.body.Code]).toEqual([status, code]);
  });

  it('a video as FaceBase64 → InvalidParameter ("For videos, upload them using a URL")', async () => {
    const answer = await injectRpc(
      app,
      detectRequest({ query: withQuery({ FaceInputType: 'VIDEO' }), form: { FaceBase64: fakeVideo().toString('base64') } }),
    );
    expect([answer.status, answer.body.Code]).toEqual([400, 'InvalidParameter']);
    expect(answer.body.Message).toContain('send a video by URL');
  });

  it('DeepfakeDetectIntlStream refuses a FaceFile that names no uploaded object', async () => {
    for (const faceFile of [
      'http://sim-cloudauth-intl-ap-southeast-1.oss-ap-southeast-1.aliyuncs.com/upload/none',
      'http://elsewhere.example.com/upload/x',
      'not a url',
    ]) {
      const request = detectRequest({
        action: DETECT_STREAM_ACTION,
        form: { ...validQuery, FaceInputType: 'VIDEO', FaceFile: faceFile },
      });
      const answer = await injectRpc(app, request);
      expect([answer.status, answer.body.Code]).toEqual([400, 'InvalidParameter']);
    }
  });
});

describe('media requirements (doc "Image and video requirements")', () => {
  const image = async (bytes: Buffer) => (await injectRpc(app, imageRequest(bytes))).body;

  it.each([
    ['a landscape image', 'UnqualifiedPhoto', fakeImage({ width: 640, height: 480 })],
    ['a square image', 'UnqualifiedPhoto', fakeImage({ width: 480, height: 480 })],
    ['1080 x 1921', 'UnqualifiedPhoto', fakeImage({ width: 1080, height: 1921 })],
    ['1081 x 1920', 'UnqualifiedPhoto', fakeImage({ width: 1081, height: 1920 })],
    ['a PNG', 'UnqualifiedPhoto', fakeImage({ format: 'png' })],
    ['a video as image', 'UnqualifiedPhoto', fakeVideo()],
    ['undecodable bytes', 'UnqualifiedPhoto', Buffer.from('garbage')],
    ['an image over 10 MB', 'ToolargeImage', fakeImage({ bytes: 10 * 1024 * 1024 + 1 })],
  ])('%s → %s', async (_label, code, bytes) => {
    expect((await image(bytes)).Code).toBe(code);
  });

  it('1080 x 1920 portrait is accepted', async () => {
    expect((await image(fakeImage({ width: 1080, height: 1920 }))).Code).toBe('Success');
  });

  it('refuses an oversized body itself with ToolargeImage (not a Fastify error)', async () => {
    // The body limit is checked before anything else, so this body need not even be signed.
    const oversized = `FaceBase64=${'A'.repeat(32 * 1024 * 1024)}`;
    const answer = await injectRpc(app, imageRequest(), { body: oversized });
    expect([answer.status, answer.body.Code]).toEqual([401, 'ToolargeImage']);
  });
});

describe('rate limit', () => {
  it('answers Throttling.Api (403, x-acs-retry-after) past maxRequestsPerSecond, per API', async () => {
    await app.close();
    await startSimulator({ maxRequestsPerSecond: 2 });
    expect((await injectRpc(app, imageRequest())).status).toBe(200);
    expect((await injectRpc(app, imageRequest())).status).toBe(200);
    const throttled = await injectRpc(app, imageRequest());
    expect([throttled.status, throttled.body.Code]).toEqual([403, 'Throttling.Api']);
    expect(Number(throttled.headers['x-acs-retry-after'])).toBeGreaterThan(0);
    expect(Number(throttled.headers['x-acs-retry-after'])).toBeLessThanOrEqual(1000);
    // Another API has its own budget; unauthenticated requests do not count.
    const stream = detectRequest({
      action: DETECT_STREAM_ACTION,
      form: { ...validQuery, FaceInputType: 'VIDEO', FaceFile: 'http://x/y' },
    });
    expect((await injectRpc(app, stream)).body.Code).toBe('InvalidParameter');
  });

  it('defaults to the published 10 QPS', async () => {
    await app.close();
    await startSimulator({ maxRequestsPerSecond: undefined });
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) codes.push((await injectRpc(app, imageRequest())).body.Code);
    expect(codes.slice(0, 10).every((code) => code === 'Success')).toBe(true);
    expect(codes[10]).toBe('Throttling.Api');
  });
});

describe('outcome control over HTTP', () => {
  const queue = (body: unknown) =>
    app.inject({ method: 'POST', url: '/sim/alibaba-intl/_control/next', payload: body as object });

  it('fake → Result 1 with SuspectDeepForgery 0.9500, then back to real', async () => {
    expect((await queue({ outcome: 'fake' })).statusCode).toBe(201);
    const answer = await injectRpc(app, imageRequest());
    expect(answer.body.ResultObject).toMatchObject({
      Result: '1',
      RiskTag: 'SuspectDeepForgery',
      RiskScore: { SuspectDeepForgery: '0.9500' },
    });
    expect((await injectRpc(app, imageRequest())).body.ResultObject?.Result).toBe('0');
  });

  it('suspicious → Result 2; riskTags override the tags', async () => {
    await queue({ outcome: 'suspicious', riskTags: ['SuspectTemple'] });
    expect((await injectRpc(app, imageRequest())).body.ResultObject).toMatchObject({ Result: '2', RiskTag: 'SuspectTemple' });
  });

  it('error NoFaceDetected → 401 with the documented message; unknown codes → 400 or the given status', async () => {
    await queue({ outcome: 'error', errorCode: 'NoFaceDetected' });
    await queue({ outcome: 'error', errorCode: 'Brand.New' });
    await queue({ outcome: 'error', errorCode: 'Brand.New', httpStatus: 503 });
    const first = await injectRpc(app, imageRequest());
    expect([first.status, first.body.Code, first.body.Message]).toEqual([
      401,
      'NoFaceDetected',
      POP_ERROR_CATALOGUE.NoFaceDetected!.message,
    ]);
    expect((await injectRpc(app, imageRequest())).status).toBe(400);
    expect((await injectRpc(app, imageRequest())).status).toBe(503);
  });

  it('count repeats an outcome; a refused request does not use one up', async () => {
    await queue({ outcome: 'fake', count: 2 });
    await queue({ outcome: 'suspicious' });
    await injectRpc(app, imageRequest(fakeImage({ width: 900, height: 600 })));
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await injectRpc(app, imageRequest())).body.ResultObject?.Result);
    expect(results).toEqual(['1', '1', '2', '0']);
  });

  it('delayMs delays the answer, capped at 60 s', async () => {
    await queue({ outcome: 'real', delayMs: 300 });
    const started = performance.now();
    await injectRpc(app, imageRequest());
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await queue({ outcome: 'real', delayMs: 3_600_000 })).json().queued.delayMs).toBe(60_000);
  });

  it.each([[{ outcome: 'error' }], [{ outcome: 'maybe' }], [{ outcome: 'real', delayMs: -1 }], [{ outcome: 'real', count: 0 }]])(
    'refuses %j with 400',
    async (body) => {
      expect((await queue(body)).statusCode).toBe(400);
    },
  );

  it('DELETE clears the queue; GET shows it and recent requests without credentials or media', async () => {
    await queue({ outcome: 'fake', count: 5 });
    expect((await app.inject({ method: 'DELETE', url: '/sim/alibaba-intl/_control' })).json().queue).toEqual([]);
    await injectRpc(app, imageRequest());
    await injectRpc(app, imageRequest(fakeImage(), signing({ accessKeySecret: 'wrong' })));
    await queue({ outcome: 'fake' });
    const response = await app.inject({ method: 'GET', url: '/sim/alibaba-intl/_control' });
    const snapshot = response.json();
    expect(snapshot.queue).toEqual([{ outcome: 'fake', count: 1 }]);
    expect(snapshot.recentRequests).toHaveLength(2);
    expect(snapshot.recentRequests[0]).toMatchObject({
      method: 'POST',
      url: expect.stringMatching(/^\/sim\/alibaba-intl\/api\/\?FaceInputType=IMAGE&MerchantBizId=/),
      headers: { 'x-acs-action': 'DeepfakeDetectIntl' },
      bodyBytes: expect.any(Number),
      answer: { httpStatus: 200, result: '0', requestId: expect.stringMatching(POP_REQUEST_ID) },
    });
    expect(snapshot.recentRequests[1].answer).toMatchObject({ httpStatus: 400, errorCode: 'SignatureDoesNotMatch' });
    expect(response.body).not.toMatch(/authorization/i);
    expect(response.body).not.toContain(ACCESS_KEY.accessKeyId);
    expect(response.body).not.toContain(ACCESS_KEY.accessKeySecret);
    expect(response.body).not.toContain(fakeImage().toString('base64'));
  });
});

describe('with the real media probe (contract/media/probe.ts)', () => {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../contract/media/fixtures');

  beforeEach(async () => {
    await app.close();
    await startSimulator({ probe: undefined });
  });

  it.each([
    ['astronaut_240x320.jpg', 'Success'],
    ['astronaut_240x320.png', 'UnqualifiedPhoto'],
    ['h264_640x480_3s.mp4', 'UnqualifiedPhoto'],
  ])('%s as image → %s', async (name, code) => {
    expect((await injectRpc(app, imageRequest(readFileSync(path.join(dir, name))))).body.Code).toBe(code);
  });
});

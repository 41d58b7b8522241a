/**
 * The official runtime (@alicloud/openapi-core 1.0.8) as an oracle. @alicloud/cloudauth-intl20220809 is not
 * installable here, so `OpenApi.callApi` gets exactly the params and query/body split its generated client uses
 * (spec §8). Same credentials, x-acs-date, nonce and media → the same Authorization, hash, target and body. Then
 * the SDK runtime talks to our simulator under its path prefix, which proves the CanonicalURI we sign is the one
 * the SDK signs.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  OpenApi,
  pinnedRuntime,
  redirectHttpTo,
  startRecorder,
  $OpenApiUtil,
  type Recorder,
} from '../alibaba-acs3/oracle.test-helpers.js';
import { fakeImage, stubProbe } from '../alibaba-acs3/probe-stub.test-helpers.js';
import type { RpcRequest } from '../alibaba-acs3/rpc-request.js';
import { formatAcsDate, parseAcsDate } from '../alibaba-acs3/signer.js';
import { bodyOf, loadVectors } from '../alibaba-acs3/vectors.test-helpers.js';
import {
  buildAuthorizeUploadRequest,
  buildDetectImageRequest,
  buildDetectStreamRequest,
  AUTHORIZE_UPLOAD_ACTION,
  DETECT_IMAGE_ACTION,
  DETECT_STREAM_ACTION,
  INTL_API_VERSION,
  OPENPLATFORM_API_VERSION,
  PRODUCT_CODE,
  UPLOAD_PRODUCT,
  UPLOAD_REGION_ID,
} from './request.js';
import { alibabaIntlSimulator } from './simulator/simulator.js';

const API_HOST = 'cloudauth-intl.ap-southeast-1.aliyuncs.com';
const OPENPLATFORM_HOST = 'openplatform.aliyuncs.com';
const ACCESS_KEY = { accessKeyId: 'LTAIintloracle01', accessKeySecret: 'intl-oracle-secret-01' };
const DATE = '2026-11-21T20:20:07Z';
const IDS = { merchantBizId: 'e0c34a77f5ac40a5aa5e6ed20c123456', sceneCode: 'ORACLE_1' };
const FACE_FILE = 'http://test-cloudauth-bucket.oss-ap-southeast-1.aliyuncs.com/upload/2026/test-object/face.mp4';

type Params = { action: string; version: string; method: 'GET' | 'POST'; pathname?: string };

function sdkCall(
  params: Params,
  request: { query?: Record<string, string>; body?: Record<string, string> },
  runtime: unknown,
  options: { endpoint: string; accessKeySecret?: string },
) {
  const client = new OpenApi(
    new $OpenApiUtil.Config({
      accessKeyId: ACCESS_KEY.accessKeyId,
      accessKeySecret: options.accessKeySecret ?? ACCESS_KEY.accessKeySecret,
      endpoint: options.endpoint,
      // http only so no certificate is needed; the scheme is not signed.
      protocol: 'HTTP',
    }),
  );
  return client.callApi(
    new $OpenApiUtil.Params({
      action: params.action,
      version: params.version,
      protocol: 'HTTPS',
      pathname: params.pathname ?? '/',
      method: params.method,
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    }),
    new $OpenApiUtil.OpenApiRequest(request),
    runtime as never,
  );
}

const DETECT_IMAGE: Params = { action: DETECT_IMAGE_ACTION, version: INTL_API_VERSION, method: 'POST' };
const DETECT_STREAM: Params = { action: DETECT_STREAM_ACTION, version: INTL_API_VERSION, method: 'POST' };
const AUTHORIZE: Params = { action: AUTHORIZE_UPLOAD_ACTION, version: OPENPLATFORM_API_VERSION, method: 'GET' };

const imageQuery = {
  FaceInputType: 'IMAGE',
  MerchantBizId: IDS.merchantBizId,
  ProductCode: PRODUCT_CODE,
  SceneCode: IDS.sceneCode,
};
const streamBody = {
  FaceFile: FACE_FILE,
  FaceInputType: 'VIDEO',
  MerchantBizId: IDS.merchantBizId,
  ProductCode: PRODUCT_CODE,
  SceneCode: IDS.sceneCode,
};

const vectorImage = Buffer.from(
  new URLSearchParams(bodyOf(loadVectors('alibaba-intl.DeepfakeDetectIntl.json').cases[0]!.requests[0]!).toString()).get(
    'FaceBase64',
  )!,
  'base64',
);
const realJpeg = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../contract/media/fixtures/astronaut_240x320.jpg'),
);
const signing = (nonce: string) => ({
  accessKey: ACCESS_KEY,
  date: parseAcsDate(DATE)!,
  nonce,
  credentialsProvider: 'static_ak',
});

function expectSameRequest(ours: RpcRequest, sdk: Recorder['requests'][number], host: string) {
  expect(sdk.headers.host).toBe(host);
  expect(sdk.method).toBe(ours.method);
  const sent = new URL(ours.url);
  expect(`${sent.pathname}${sent.search}`).toBe(sdk.target);
  expect(Buffer.from(ours.body ?? '', 'utf8').equals(sdk.body)).toBe(true);
  for (const name of [
    'content-type',
    'x-acs-content-sha256',
    'x-acs-action',
    'x-acs-version',
    'x-acs-date',
    'x-acs-signature-nonce',
  ]) {
    expect(ours.headers[name]).toBe(sdk.headers[name]);
  }
  expect(ours.headers.Authorization).toBe(sdk.headers.authorization);
}

describe('our requests equal the SDK runtime\u2019s', () => {
  let recorder: Recorder;
  let restore: () => void;

  beforeAll(async () => {
    recorder = await startRecorder();
  });
  afterAll(() => recorder.close());
  beforeEach(() => {
    recorder.requests.length = 0;
    recorder.respondWith({ RequestId: 'R', Code: 'Success', Message: 'success', ResultObject: { Result: '0' } });
    restore = redirectHttpTo(recorder.port);
  });
  afterEach(() => restore());

  it.each([
    ['the vector\u2019s image', vectorImage],
    ['a real JPEG', realJpeg],
  ])('DeepfakeDetectIntl with %s (query + FaceBase64 body)', async (label, image) => {
    const nonce = `intl-image-${label.length}`;
    await sdkCall(
      DETECT_IMAGE,
      { query: imageQuery, body: { FaceBase64: image.toString('base64') } },
      pinnedRuntime(DATE, nonce),
      { endpoint: API_HOST },
    );
    expectSameRequest(
      buildDetectImageRequest(`https://${API_HOST}`, IDS, image, signing(nonce)),
      recorder.requests[0]!,
      API_HOST,
    );
  });

  it('DeepfakeDetectIntlStream with FaceFile (everything in the body, empty query)', async () => {
    await sdkCall(DETECT_STREAM, { body: streamBody }, pinnedRuntime(DATE, 'intl-stream'), { endpoint: API_HOST });
    expectSameRequest(
      buildDetectStreamRequest(`https://${API_HOST}`, IDS, FACE_FILE, signing('intl-stream')),
      recorder.requests[0]!,
      API_HOST,
    );
  });

  it('AuthorizeFileUpload (GET, no body, no content-type)', async () => {
    recorder.respondWith({ RequestId: 'R' });
    await sdkCall(
      AUTHORIZE,
      { query: { Product: UPLOAD_PRODUCT, RegionId: UPLOAD_REGION_ID } },
      pinnedRuntime(DATE, 'intl-authorize'),
      {
        endpoint: OPENPLATFORM_HOST,
      },
    );
    const [sdk] = recorder.requests;
    expect(sdk!.headers).not.toHaveProperty('content-type');
    expectSameRequest(
      buildAuthorizeUploadRequest(`https://${OPENPLATFORM_HOST}`, signing('intl-authorize')),
      sdk!,
      OPENPLATFORM_HOST,
    );
  });
});

describe('the SDK runtime talks to our simulator under its path prefix', () => {
  let simulator: FastifyInstance;
  let endpoint = '';
  const now = () => pinnedRuntime(formatAcsDate(new Date()), `to-sim-${Math.random()}`);

  beforeAll(async () => {
    simulator = Fastify();
    await simulator.register(alibabaIntlSimulator, {
      prefix: '/sim/alibaba-intl',
      ...ACCESS_KEY,
      probe: stubProbe,
      maxRequestsPerSecond: 3,
    });
    await simulator.listen({ host: '127.0.0.1', port: 0 });
    endpoint = `127.0.0.1:${(simulator.server.address() as AddressInfo).port}`;
  });
  afterAll(() => simulator.close());

  it('accepts the SDK signature for the image API and AuthorizeFileUpload', async () => {
    const detect = await sdkCall(
      { ...DETECT_IMAGE, pathname: '/sim/alibaba-intl/api/' },
      { query: imageQuery, body: { FaceBase64: fakeImage().toString('base64') } },
      now(),
      { endpoint },
    );
    expect(detect).toMatchObject({ statusCode: 200, body: { Code: 'Success', ResultObject: { Result: '0' } } });
    const grant = await sdkCall(
      { ...AUTHORIZE, pathname: '/sim/alibaba-intl/openplatform/' },
      { query: { Product: UPLOAD_PRODUCT, RegionId: UPLOAD_REGION_ID } },
      now(),
      { endpoint },
    );
    expect(grant).toMatchObject({ statusCode: 200, body: { Bucket: expect.any(String), ObjectKey: expect.any(String) } });
  });

  it('the SDK reads our errors: ClientError for a wrong key, ThrottlingError with retryAfter past the rate', async () => {
    await expect(
      sdkCall(
        { ...DETECT_IMAGE, pathname: '/sim/alibaba-intl/api/' },
        { query: imageQuery, body: { FaceBase64: 'AAAA' } },
        now(),
        {
          endpoint,
          accessKeySecret: 'wrong',
        },
      ),
    ).rejects.toMatchObject({ name: 'ClientError', code: 'SignatureDoesNotMatch', statusCode: 400 });

    const calls = [1, 2, 3].map(() =>
      sdkCall({ ...DETECT_STREAM, pathname: '/sim/alibaba-intl/api/' }, { body: streamBody }, now(), { endpoint }).catch(
        (error: unknown) => error,
      ),
    );
    const results = await Promise.all(calls);
    // Three stream calls fit the budget of 3 (they fail on the unknown FaceFile); the fourth is throttled.
    expect(results.map((r) => (r as { code?: string }).code)).toEqual([
      'InvalidParameter',
      'InvalidParameter',
      'InvalidParameter',
    ]);
    await expect(
      sdkCall({ ...DETECT_STREAM, pathname: '/sim/alibaba-intl/api/' }, { body: streamBody }, now(), { endpoint }),
    ).rejects.toMatchObject({
      name: 'ThrottlingError',
      code: 'Throttling.Api',
      statusCode: 403,
      retryAfter: expect.any(Number),
    });
  });
});

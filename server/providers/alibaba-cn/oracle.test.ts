/**
 * The official @alicloud/cloudauth20190307 client as an oracle: same credentials, x-acs-date, nonce and media →
 * the SDK's DeepfakeDetect request and ours must carry the same Authorization, x-acs-content-sha256, query and
 * body. Then the SDK talks to our simulator: the simulator accepts its signature, and it reads our errors.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cloudauth from '@alicloud/cloudauth20190307';
import { RuntimeOptions } from '@darabonba/typescript';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  cjsDefault,
  pinnedRuntime,
  redirectHttpTo,
  startRecorder,
  $OpenApiUtil,
  type Recorder,
} from '../alibaba-acs3/oracle.test-helpers.js';
import { fakeImage, fakeVideo, stubProbe } from '../alibaba-acs3/probe-stub.test-helpers.js';
import { parseAcsDate } from '../alibaba-acs3/signer.js';
import { bodyOf, loadVectors, requireHeader } from '../alibaba-acs3/vectors.test-helpers.js';
import { buildDetectRequest, type CnFace } from './request.js';
import { alibabaCnSimulator } from './simulator/simulator.js';

const Cloudauth = cjsDefault(cloudauth);
const REAL_HOST = 'cloudauth.aliyuncs.com';
const ACCESS_KEY = { accessKeyId: 'LTAIoracle000001', accessKeySecret: 'oracle-secret-000001' };
const DATE = '2026-11-21T20:20:07Z';
const ORDER = 'e0c34a77f5ac40a5aa5e6ed20c654321';

function sdkClient(options: { endpoint?: string; accessKeySecret?: string } = {}) {
  return new Cloudauth(
    new $OpenApiUtil.Config({
      accessKeyId: ACCESS_KEY.accessKeyId,
      accessKeySecret: options.accessKeySecret ?? ACCESS_KEY.accessKeySecret,
      endpoint: options.endpoint ?? REAL_HOST,
      // http only so the loopback recorder needs no certificate; the scheme is not signed.
      protocol: 'HTTP',
    }),
  );
}

function sdkRequest(face: CnFace) {
  return new cloudauth.DeepfakeDetectRequest(
    face.kind === 'image'
      ? { faceInputType: 'IMAGE', outerOrderNo: ORDER, faceBase64: Buffer.from(face.bytes).toString('base64') }
      : { faceInputType: 'VIDEO', outerOrderNo: ORDER, faceUrl: face.url },
  );
}

const vector = loadVectors('alibaba-cn.DeepfakeDetect.json');
const vectorImage = Buffer.from(
  new URLSearchParams(bodyOf(vector.cases.find((c) => c.name === 'base64-image')!.requests[0]!).toString()).get('FaceBase64')!,
  'base64',
);
const realJpeg = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../contract/media/fixtures/astronaut_240x320.jpg'),
);

const faces: [label: string, face: CnFace][] = [
  ['the vector\u2019s image', { kind: 'image', bytes: vectorImage }],
  ['a real JPEG', { kind: 'image', bytes: realJpeg }],
  ['the vector\u2019s FaceUrl', { kind: 'video', url: "https://example.com/face dir/v+1.mp4?x=1&y=(2)*'!~" }],
  ['a signed media link', { kind: 'video', url: 'https://selfie.example/api/media/3f2a?exp=1795292500&sig=Zm9vL2Jhcis9PQ' }],
  ['a non-ASCII FaceUrl', { kind: 'video', url: 'https://例子.测试/视频 1.mp4?名=值' }],
];

describe('our request equals the SDK request', () => {
  let recorder: Recorder;
  let restore: () => void;

  beforeAll(async () => {
    recorder = await startRecorder();
  });
  afterAll(() => recorder.close());
  beforeEach(() => {
    recorder.requests.length = 0;
    recorder.respondWith({ RequestId: 'R', Code: '200', Message: 'success', ResultObject: { Result: '0' } });
    restore = redirectHttpTo(recorder.port);
  });
  afterEach(() => restore());

  it.each(faces)('%s: same Authorization, x-acs-content-sha256, target and body', async (label, face) => {
    const nonce = `oracle-nonce-${label.length}`;
    const response = await sdkClient().deepfakeDetectWithOptions(sdkRequest(face), pinnedRuntime(DATE, nonce));
    expect(response.body?.code).toBe('200');
    const [sdk] = recorder.requests;
    const signing = { accessKey: ACCESS_KEY, date: parseAcsDate(DATE)!, nonce };
    // The SDK's credentials library adds a signed `x-acs-credentials-provider: static_ak`; reproduce it to compare.
    const ours = buildDetectRequest(`https://${REAL_HOST}`, ORDER, face, { ...signing, credentialsProvider: 'static_ak' });

    expect(sdk!.method).toBe('POST');
    expect(sdk!.headers.host).toBe(REAL_HOST);
    expect(sdk!.headers['x-acs-credentials-provider']).toBe('static_ak');
    const sent = new URL(ours.url);
    expect(`${sent.pathname}${sent.search}`).toBe(sdk!.target);
    expect(Buffer.from(ours.body ?? '', 'utf8').equals(sdk!.body)).toBe(true);
    for (const name of [
      'content-type',
      'x-acs-content-sha256',
      'x-acs-action',
      'x-acs-version',
      'x-acs-date',
      'x-acs-signature-nonce',
    ]) {
      expect(ours.headers[name]).toBe(sdk!.headers[name]);
    }
    expect(ours.headers.Authorization).toBe(sdk!.headers.authorization);

    // What the product sends: the same request without the provider header, signed over one header less.
    const product = buildDetectRequest(`https://${REAL_HOST}`, ORDER, face, signing);
    expect(product.body).toBe(ours.body);
    expect(product.signing.signedHeaders).toBe(
      'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    );
  });

  it('reproduces the captured vector through the SDK itself (same date and nonce)', async () => {
    const captured = vector.cases.find((c) => c.name === 'base64-image')!.requests[0]!;
    const client = new Cloudauth(new $OpenApiUtil.Config({ ...vector.credentials, endpoint: REAL_HOST, protocol: 'HTTP' }));
    await client.deepfakeDetectWithOptions(
      sdkRequest({ kind: 'image', bytes: vectorImage }),
      pinnedRuntime(requireHeader(captured, 'x-acs-date'), requireHeader(captured, 'x-acs-signature-nonce')),
    );
    expect(recorder.requests[0]!.headers.authorization).toBe(requireHeader(captured, 'Authorization'));
  });
});

describe('the SDK talks to our simulator', () => {
  let simulator: FastifyInstance;
  let endpoint = '';

  beforeAll(async () => {
    simulator = Fastify();
    // At the root: the generated client always requests pathname "/".
    await simulator.register(alibabaCnSimulator, {
      ...ACCESS_KEY,
      probe: stubProbe,
      maxRequestsPerSecond: 1000,
      fetch: async () => new Response(fakeVideo()),
    });
    await simulator.listen({ host: '127.0.0.1', port: 0 });
    endpoint = `127.0.0.1:${(simulator.server.address() as AddressInfo).port}`;
  });
  afterAll(() => simulator.close());

  it('accepts the SDK signature (host with port) and the SDK reads the success body', async () => {
    const image = await sdkClient({ endpoint }).deepfakeDetectWithOptions(
      sdkRequest({ kind: 'image', bytes: fakeImage() }),
      new RuntimeOptions({}),
    );
    expect(image.body).toMatchObject({
      code: '200',
      message: 'success',
      resultObject: { result: '0', riskScore: expect.any(Object) },
    });
    const video = await sdkClient({ endpoint }).deepfakeDetectWithOptions(
      sdkRequest({ kind: 'video', url: 'https://media.example/clip.mp4' }),
      pinnedRuntime(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), 'sdk-to-simulator-1'),
    );
    expect(video.body?.code).toBe('200');
  });

  it('the SDK reads our POP error as a ClientError with code, status and RequestId', async () => {
    const failure = sdkClient({ endpoint, accessKeySecret: 'wrong' }).deepfakeDetectWithOptions(
      sdkRequest({ kind: 'image', bytes: fakeImage() }),
      pinnedRuntime(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), 'sdk-to-simulator-2'),
    );
    await expect(failure).rejects.toMatchObject({
      name: 'ClientError',
      code: 'SignatureDoesNotMatch',
      statusCode: 400,
      requestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
    });
  });
});

/**
 * The official tencentcloud-sdk-nodejs-common as an oracle: same credentials, same second, same body →
 * the SDK's request and ours must carry the same Authorization and the same body bytes. The SDK keeps the
 * real hostname (it derives the service name "faceid" from it); its TCP connection is redirected to a
 * loopback server by a custom agent, so the request line and Host header stay untouched.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildDetectRequest, TENCENT_DEFAULT_ENDPOINT } from './request.js';
import { stubProbe } from '../simulator-kit/probe-stub.test-helpers.js';
import { tencentSimulator } from './simulator/simulator.js';
import { bodyOf, loadTencentVectors, requireHeader } from './vectors.test-helpers.js';

const REAL_HOST = 'faceid.intl.tencentcloudapi.com';
const SECRET_ID = 'AKIDoracle0000000000';
const SECRET_KEY = 'oracle-secret-key-0000000000';
const PINNED_TIME = new Date(1795292426 * 1000);

interface CapturedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends every connection to 127.0.0.1:port whatever the URL says. */
class LoopbackAgent extends http.Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }
  override createConnection(): net.Socket {
    return net.connect(this.port, '127.0.0.1');
  }
}

function sdkClient(port: number, options: { region?: string; secretKey?: string } = {}) {
  return new CommonClient(REAL_HOST, '2018-03-01', {
    credential: { secretId: SECRET_ID, secretKey: options.secretKey ?? SECRET_KEY },
    region: options.region ?? '',
    // http:// only so the loopback server needs no certificate; the protocol is not part of the signature.
    profile: { httpProfile: { protocol: 'http://', agent: new LoopbackAgent(port), reqTimeout: 10 } },
  });
}

function ours(kind: 'image' | 'video', bytes: Buffer, region?: string) {
  return buildDetectRequest({
    endpoint: TENCENT_DEFAULT_ENDPOINT,
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    region,
    media: { kind, bytes },
    now: () => new Date(),
  });
}

const vectors = loadTencentVectors();
const vectorFaceInput = (caseName: string) => {
  const request = vectors.cases.find((c) => c.name === caseName)?.requests[0];
  if (!request) throw new Error(`vector ${caseName} missing`);
  return Buffer.from((JSON.parse(bodyOf(request).toString('utf8')) as { FaceInput: string }).FaceInput, 'base64');
};
const realClip = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/face_640x480.mp4'),
);

const payloads: [label: string, kind: 'image' | 'video', bytes: Buffer][] = [
  ['the vectors\u2019 JPEG-ish image', 'image', vectorFaceInput('tc-full-image')],
  ['the vectors\u2019 video-ish payload', 'video', vectorFaceInput('tc-full-video')],
  ['a real 640x480 mp4 clip', 'video', realClip],
];

beforeEach(() => {
  // Only Date: sockets and timers must keep running.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(PINNED_TIME);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('our request equals the SDK request', () => {
  let recorder: http.Server;
  let port = 0;
  const captured: CapturedRequest[] = [];

  beforeAll(async () => {
    recorder = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        captured.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ Response: { AttackRiskLevel: 'Low', AttackRiskDetailList: [], RequestId: 'oracle' } }));
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    port = (recorder.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => recorder.close(() => resolve())));
  beforeEach(() => {
    captured.length = 0;
  });

  async function sdkRequest(kind: 'image' | 'video', bytes: Buffer, region?: string): Promise<CapturedRequest> {
    const response = await sdkClient(port, { region }).request('DetectAIFakeFaces', {
      FaceInput: bytes.toString('base64'),
      FaceInputType: kind === 'image' ? 1 : 2,
    });
    expect(response).toMatchObject({ AttackRiskLevel: 'Low' });
    expect(captured).toHaveLength(1);
    return captured[0]!;
  }

  it.each(payloads)('%s: same Authorization, body bytes and signed headers', async (_label, kind, bytes) => {
    const sdk = await sdkRequest(kind, bytes);
    const mine = ours(kind, bytes);

    expect(sdk.method).toBe('POST');
    expect(sdk.url).toBe('/');
    expect(sdk.headers.host).toBe(REAL_HOST);
    expect(sdk.headers['x-tc-timestamp']).toBe(String(PINNED_TIME.getTime() / 1000));
    expect(mine.headers['X-TC-Timestamp']).toBe(sdk.headers['x-tc-timestamp']);
    expect(mine.headers.Host).toBe(sdk.headers.host);
    expect(mine.headers['Content-Type']).toBe(sdk.headers['content-type']);
    expect(mine.headers['X-TC-Action']).toBe(sdk.headers['x-tc-action']);
    expect(mine.headers['X-TC-Version']).toBe(sdk.headers['x-tc-version']);
    expect(sdk.headers['x-tc-region']).toBeUndefined();
    expect(mine.headers).not.toHaveProperty('X-TC-Region');
    expect(mine.body.equals(sdk.body)).toBe(true);
    expect(mine.headers.Authorization).toBe(sdk.headers.authorization);
  });

  it('the same with a region (X-TC-Region is sent, not signed)', async () => {
    const [, kind, bytes] = payloads[0]!;
    const sdk = await sdkRequest(kind, bytes, 'ap-singapore');
    const mine = ours(kind, bytes, 'ap-singapore');
    expect(sdk.headers['x-tc-region']).toBe('ap-singapore');
    expect(mine.headers['X-TC-Region']).toBe('ap-singapore');
    expect(mine.headers.Authorization).toBe(sdk.headers.authorization);
  });

  it('agrees with the captured vector for the same credentials and second', () => {
    const request = vectors.cases.find((c) => c.name === 'tc-common-image')!.requests[0]!;
    vi.setSystemTime(new Date(Number(requireHeader(request, 'X-TC-Timestamp')) * 1000));
    const mine = buildDetectRequest({
      endpoint: TENCENT_DEFAULT_ENDPOINT,
      credentials: vectors.credentials,
      media: { kind: 'image', bytes: vectorFaceInput('tc-common-image') },
      now: () => new Date(),
    });
    expect(mine.body.equals(bodyOf(request))).toBe(true);
    expect(mine.headers.Authorization).toBe(requireHeader(request, 'Authorization'));
  });
});

describe('the SDK talks to our simulator', () => {
  let simulator: FastifyInstance;
  let port = 0;

  beforeAll(async () => {
    simulator = Fastify();
    await simulator.register(tencentSimulator, { secretId: SECRET_ID, secretKey: SECRET_KEY, probe: stubProbe });
    await simulator.listen({ host: '127.0.0.1', port: 0 });
    port = (simulator.server.address() as net.AddressInfo).port;
  });
  afterAll(() => simulator.close());

  it('the simulator accepts the SDK signature and the SDK reads the success body', async () => {
    const response = await sdkClient(port).request('DetectAIFakeFaces', {
      FaceInput: Buffer.from('video:mp4:3').toString('base64'),
      FaceInputType: 2,
    });
    expect(response).toMatchObject({ AttackRiskLevel: 'Low', AttackRiskDetailList: [], RequestId: expect.any(String) });
  });

  it('the SDK reads our error body as a Tencent error (code and RequestId)', async () => {
    const failure = sdkClient(port, { secretKey: 'wrong' }).request('DetectAIFakeFaces', {
      FaceInput: Buffer.from('video:mp4:3').toString('base64'),
      FaceInputType: 2,
    });
    await expect(failure).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});

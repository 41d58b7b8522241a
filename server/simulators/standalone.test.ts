/**
 * The simulators as their own process (`npm run simulators`): the vendors' official SDKs call them unchanged and get
 * parsed answers, and an app configured as for the live vendors (the variables the process prints) completes checks.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import * as cloudauth from '@alicloud/cloudauth20190307';
import { RuntimeOptions } from '@darabonba/typescript';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@contract/api';
import { $OpenApiUtil, OpenApi, cjsDefault } from '../providers/alibaba-acs3/oracle.test-helpers.js';
import { DETECT_IMAGE_ACTION, INTL_API_VERSION, PRODUCT_CODE } from '../providers/alibaba-intl/request.js';
import { loginNewUser } from '../test-support/session.js';
import { postCapture, repoRoot, sharedFixture, startTestServer } from '../test-support/test-server.js';
import { loadSimulatorSettings } from './settings.js';
import { startSimulators } from './standalone.js';

const jpeg = readFileSync(path.join(repoRoot, 'contract/media/fixtures/astronaut_240x320.jpg'));
const clip = readFileSync(sharedFixture('face_640x480.mp4'));
/** 2.5 s of the 720p face clip (stream copy, ~150 KB): within every vendor's limits (the Alibaba APIs take 1–3 s, ≥ 100 KB). */
async function shortClip(): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'standalone-sim-'));
  try {
    const out = path.join(dir, 'clip.mp4');
    await promisify(execFile)('ffmpeg', [
      '-nostdin',
      '-loglevel',
      'error',
      '-i',
      sharedFixture('face_1280x720.mp4'),
      '-t',
      '2.5',
      '-c',
      'copy',
      out,
    ]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let child: ChildProcess;
/** The app's variables for every simulator, as the process printed them. */
const env: Record<string, string> = {};
const portOf = (url: string) => Number(new URL(url).port);

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'server/simulators/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, SIMULATORS_BASE_PORT: '0', SIMULATOR_CONTROL: 'open' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the simulators exited (${code}) before they were ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'simulators ready') resolve();
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
      if (m) env[m[1]!] = m[2]!;
    });
  });
}, 60_000);
afterAll(() => {
  child?.kill('SIGTERM');
});

/** Sends every connection to the simulator's port; the SDK keeps the vendor's hostname (Tencent signs its service name from it). */
class LoopbackAgent extends http.Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }
  override createConnection(): net.Socket {
    return net.connect(this.port, '127.0.0.1');
  }
}

describe('the vendors’ SDKs call the standalone simulators unchanged', () => {
  it('Tencent (tencentcloud-sdk-nodejs-common): DetectAIFakeFaces at / answers a parsed result', async () => {
    const client = new CommonClient('faceid.intl.tencentcloudapi.com', '2018-03-01', {
      credential: { secretId: env.TENCENT_SECRET_ID, secretKey: env.TENCENT_SECRET_KEY },
      region: '',
      profile: { httpProfile: { protocol: 'http://', agent: new LoopbackAgent(portOf(env.TENCENT_ENDPOINT!)), reqTimeout: 10 } },
    });
    const answer = await client.request('DetectAIFakeFaces', { FaceInput: clip.toString('base64'), FaceInputType: 2 });
    expect(answer).toMatchObject({ AttackRiskLevel: 'Low', RequestId: expect.any(String) });
  });

  it('Alibaba China (@alicloud/cloudauth20190307 on openapi-core): DeepfakeDetect at / answers a parsed result', async () => {
    const Cloudauth = cjsDefault(cloudauth);
    const client = new Cloudauth(
      new $OpenApiUtil.Config({
        accessKeyId: env.ALIBABA_CN_ACCESS_KEY_ID,
        accessKeySecret: env.ALIBABA_CN_ACCESS_KEY_SECRET,
        endpoint: new URL(env.ALIBABA_CN_ENDPOINT!).host,
        protocol: 'HTTP',
      }),
    );
    const answer = await client.deepfakeDetectWithOptions(
      new cloudauth.DeepfakeDetectRequest({
        faceInputType: 'IMAGE',
        outerOrderNo: 'a'.repeat(32),
        faceBase64: jpeg.toString('base64'),
      }),
      new RuntimeOptions({}),
    );
    expect(answer.body).toMatchObject({ code: '200', resultObject: { result: expect.any(String) } });
  });

  it('Alibaba international (@alicloud/openapi-core): DeepfakeDetectIntl at / answers a parsed result', async () => {
    const client = new OpenApi(
      new $OpenApiUtil.Config({
        accessKeyId: env.ALIBABA_INTL_ACCESS_KEY_ID,
        accessKeySecret: env.ALIBABA_INTL_ACCESS_KEY_SECRET,
        endpoint: new URL(env.ALIBABA_INTL_ENDPOINT!).host,
        protocol: 'HTTP',
      }),
    );
    const answer = await client.callApi(
      new $OpenApiUtil.Params({
        action: DETECT_IMAGE_ACTION,
        version: INTL_API_VERSION,
        protocol: 'HTTPS',
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      }),
      new $OpenApiUtil.OpenApiRequest({
        query: {
          FaceInputType: 'IMAGE',
          MerchantBizId: 'b'.repeat(32),
          ProductCode: PRODUCT_CODE,
          SceneCode: env.ALIBABA_INTL_SCENE_CODE!,
        },
        body: { FaceBase64: jpeg.toString('base64') },
      }),
      new RuntimeOptions({}),
    );
    expect(answer).toMatchObject({ statusCode: 200, body: { Code: 'Success', ResultObject: { Result: expect.any(String) } } });
  });
});

describe('an app configured with the vendors’ endpoints at the standalone simulators', () => {
  it('completes a check with every vendor', async () => {
    const t = await startTestServer({ ...env, LOCAL_SCREENING: 'off' });
    try {
      const providers = ['tencent', 'finauth', 'glair', 'alibaba-intl', 'alibaba-cn'];
      const res = await postCapture(
        t.baseUrl,
        await shortClip(),
        { providers, telemetry: { recorderMimeType: 'video/mp4' } },
        { image: jpeg },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      await t.server.runner.idle();
      const reviewer = await loginNewUser(t);
      const detail = (await (await reviewer.fetch(`/api/cases/${res.body.caseId as string}`)).json()) as CaseDetail;
      for (const id of providers) {
        const check = detail.checks.find((c) => c.providerId === id);
        expect(check, id).toMatchObject({ mode: 'live', status: 'done', outcome: { kind: 'result', verdict: 'pass' } });
      }
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('steering a standalone simulator', () => {
  it('needs the control token unless SIMULATOR_CONTROL=open', async () => {
    const token = 'control-token-0123456789abcdef-0123';
    const running = await startSimulators(
      loadSimulatorSettings({ SIMULATORS: 'tencent', SIMULATORS_BASE_PORT: '0', SIMULATOR_CONTROL_TOKEN: token }),
    );
    try {
      const url = `${running.simulators[0]!.url}/_control`;
      const refused = await fetch(url);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'forbidden' });
      expect((await fetch(url, { headers: { 'x-simulator-control-token': `${token}x` } })).status).toBe(403);
      expect((await fetch(url, { headers: { 'x-simulator-control-token': token } })).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

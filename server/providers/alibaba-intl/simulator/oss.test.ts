import { createHmac } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeVideo, stubProbe } from '../../alibaba-acs3/probe-stub.test-helpers.js';
import { buildRpcRequest } from '../../alibaba-acs3/rpc-request.js';
import { createCloudauthSimulatorControl, type CloudauthSimulatorControl } from '../../alibaba-acs3/simulator/control.js';
import { injectRpc } from '../../alibaba-acs3/simulator/simulator.test-helpers.js';
import { bodyOf, loadVectors } from '../../alibaba-acs3/vectors.test-helpers.js';
import { boundaryOf, parseMultipart } from '../multipart.js';
import { buildPostObjectForm, faceFileUrl, uploadGrantSchema, type UploadGrant } from '../oss-upload.js';
import { buildAuthorizeUploadRequest, buildDetectStreamRequest, OPENPLATFORM_API_VERSION } from '../request.js';
import { alibabaIntlSimulator } from './simulator.js';

const ACCESS_KEY = { accessKeyId: 'LTAIosstest', accessKeySecret: 'oss-test-secret' };
const IDS = { merchantBizId: 'e0c34a77f5ac40a5aa5e6ed20c123456', sceneCode: 'demo' };
const BASE = 'http://sim.test/sim/alibaba-intl';
const KEY_PART = 'Content-Disposition: form-data; name="key"\r\n\r\n';

let app: FastifyInstance;
let control: CloudauthSimulatorControl;
let serverTime = new Date('2026-11-21T20:20:07Z');
let nonceCounter = 0;

beforeEach(async () => {
  serverTime = new Date('2026-11-21T20:20:07Z');
  control = createCloudauthSimulatorControl();
  app = Fastify();
  // As in server/app.ts: the app's own multipart parser must not take the PostObject body first.
  await app.register(fastifyMultipart);
  await app.register(alibabaIntlSimulator, {
    prefix: '/sim/alibaba-intl',
    ...ACCESS_KEY,
    now: () => serverTime,
    probe: stubProbe,
    control,
    maxRequestsPerSecond: Infinity,
  });
  await app.ready();
});
afterEach(() => app.close());

const signing = (accessKeySecret = ACCESS_KEY.accessKeySecret) => ({
  accessKey: { ...ACCESS_KEY, accessKeySecret },
  date: serverTime,
  nonce: `oss-nonce-${++nonceCounter}`,
});

async function authorize(): Promise<UploadGrant> {
  const answer = await injectRpc(app, buildAuthorizeUploadRequest(`${BASE}/openplatform/`, signing()));
  expect(answer.status).toBe(200);
  return uploadGrantSchema.parse(answer.body);
}

async function postObject(body: Buffer, contentType: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/sim/alibaba-intl/oss/',
    headers: { 'content-type': contentType },
    payload: body,
  });
  const code = /<Code>([^<]+)<\/Code>/.exec(response.body)?.[1];
  return { status: response.statusCode, body: response.body, code, headers: response.headers };
}

async function upload(grant: UploadGrant, bytes: Buffer, edit: (form: UploadGrant) => UploadGrant = (g) => g) {
  const form = buildPostObjectForm(edit(grant), { bytes, mime: 'video/mp4' });
  return postObject(form.body, form.contentType);
}

async function detectStream(faceFile: string) {
  return injectRpc(app, buildDetectStreamRequest(`${BASE}/api/`, IDS, faceFile, signing()));
}

describe('AuthorizeFileUpload', () => {
  it('answers the fields the SDK reads, with a policy that has an expiration, the key and a content-length-range', async () => {
    const answer = await injectRpc(app, buildAuthorizeUploadRequest(`${BASE}/openplatform/`, signing()));
    expect(answer.body).toEqual({
      RequestId: expect.any(String),
      AccessKeyId: expect.stringMatching(/^STS\./),
      Bucket: 'sim-cloudauth-intl-ap-southeast-1',
      Endpoint: 'oss-ap-southeast-1.aliyuncs.com',
      EncodedPolicy: expect.any(String),
      Signature: expect.any(String),
      ObjectKey: expect.stringMatching(/^upload\/20261121\/[0-9a-f-]{36}$/),
      UseAccelerate: false,
    });
    const policy = JSON.parse(Buffer.from(answer.body.EncodedPolicy as string, 'base64').toString('utf8'));
    expect(policy).toEqual({
      expiration: '2026-11-21T20:35:07.000Z',
      conditions: [
        { bucket: 'sim-cloudauth-intl-ap-southeast-1' },
        ['eq', '$key', answer.body.ObjectKey],
        ['content-length-range', 1, 20 * 1024 * 1024],
      ],
    });
  });

  it('is ACS3-verified like any POP API', async () => {
    const wrong = await injectRpc(app, buildAuthorizeUploadRequest(`${BASE}/openplatform/`, signing('wrong')));
    expect([wrong.status, wrong.body.Code, wrong.body.HostId]).toEqual([
      400,
      'SignatureDoesNotMatch',
      'openplatform.aliyuncs.com',
    ]);
    const version = await injectRpc(app, buildAuthorizeUploadRequest(`${BASE}/openplatform/`, signing()), {
      headers: { 'x-acs-version': '2022-08-09' },
    });
    expect(version.body.Code).toBe('InvalidVersion');
  });

  it.each([
    [{}, 'MissingParameter'],
    [{ Product: 'Cloudauth' }, 'InvalidParameter'],
  ])('query %j → %s', async (query, code) => {
    const request = buildRpcRequest({
      endpoint: `${BASE}/openplatform`,
      action: 'AuthorizeFileUpload',
      version: OPENPLATFORM_API_VERSION,
      method: 'GET',
      query,
      ...signing(),
    });
    expect((await injectRpc(app, request)).body.Code).toBe(code);
  });
});

describe('OSS PostObject', () => {
  it('stores the file and answers 201 with a PostResponse; DeepfakeDetectIntlStream then finds it by FaceFile', async () => {
    const grant = await authorize();
    const stored = await upload(grant, fakeVideo());
    expect(stored.status).toBe(201);
    expect(stored.body).toContain(`<Key>${grant.ObjectKey}</Key>`);
    expect(stored.body).toContain(`<Location>http://${grant.Bucket}.${grant.Endpoint}/${grant.ObjectKey}</Location>`);
    expect(stored.headers.etag).toMatch(/^"[0-9A-F]{32}"$/);

    const answer = await detectStream(faceFileUrl(grant));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      Code: 'Success',
      ResultObject: { Result: '0', TransactionId: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
  });

  it('reads the SDK\u2019s own multipart layout (vector advance-file-stream): fields after file ignored → 204', async () => {
    const vector = loadVectors('alibaba-intl.DeepfakeDetectIntlStream.json').cases.find((c) => c.name === 'advance-file-stream')!;
    const captured = vector.requests.find((r) => r.role === 'oss-post-object')!;
    const boundary = captured.check.boundary!;
    const parts = parseMultipart(bodyOf(captured), boundary)!;
    expect(parts.map((p) => p.name)).toEqual(['host', 'OSSAccessKeyId', 'policy', 'Signature', 'key', 'file']);
    const file = captured.check.fields!.find((f) => f.name === 'file')!;
    expect(parts[5]!.data.equals(Buffer.from(file.valueBase64!, 'base64'))).toBe(true);
    expect(parts[5]).toMatchObject({ filename: 'upload/2026/test-object/face.mp4', contentType: '' });

    // The same layout carrying a grant of this simulator is accepted.
    const grant = await authorize();
    const sdkLayout = bodyOf(captured)
      .toString('latin1')
      .replace('OSS-TEST-AK', grant.AccessKeyId)
      .replace('eyJ0ZXN0IjoicG9saWN5In0=', grant.EncodedPolicy)
      .replace('dGVzdC1vc3Mtc2lnbmF0dXJl', grant.Signature)
      .replaceAll('upload/2026/test-object/face.mp4', grant.ObjectKey);
    const stored = await postObject(Buffer.from(sdkLayout, 'latin1'), `multipart/form-data; boundary=${boundary}`);
    expect(stored.status).toBe(204);
  });

  it.each([
    [
      'a tampered policy signature',
      (g: UploadGrant) => ({ ...g, Signature: Buffer.from('forged').toString('base64') }),
      403,
      'SignatureDoesNotMatch',
    ],
    ['another OSSAccessKeyId', (g: UploadGrant) => ({ ...g, AccessKeyId: 'STS.someoneelse' }), 403, 'InvalidAccessKeyId'],
    ['another key than the policy allows', (g: UploadGrant) => ({ ...g, ObjectKey: 'upload/other' }), 403, 'AccessDenied'],
    ['no policy at all', (g: UploadGrant) => ({ ...g, EncodedPolicy: '' }), 403, 'AccessDenied'],
  ])('%s → %i %s (XML)', async (_label, edit, status, code) => {
    const answer = await upload(await authorize(), fakeVideo(), edit);
    expect([answer.status, answer.code]).toEqual([status, code]);
    expect(answer.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error>\n {2}<Code>/);
    expect(answer.body).toContain('<HostId>sim-cloudauth-intl-ap-southeast-1.oss-ap-southeast-1.aliyuncs.com</HostId>');
  });

  it('a policy whose expiration passed → 403 AccessDenied "Policy expired."', async () => {
    const grant = await authorize();
    serverTime = new Date(serverTime.getTime() + 16 * 60_000);
    const answer = await upload(grant, fakeVideo());
    expect([answer.status, answer.code]).toEqual([403, 'AccessDenied']);
    expect(answer.body).toContain('Policy expired.');
  });

  it('a forged policy with a valid-looking signature of another secret → SignatureDoesNotMatch', async () => {
    const grant = await authorize();
    const policy = Buffer.from(JSON.stringify({ expiration: '2030-01-01T00:00:00.000Z', conditions: [] })).toString('base64');
    const forged = createHmac('sha1', 'guess').update(policy).digest('base64');
    expect((await upload(grant, fakeVideo(), (g) => ({ ...g, EncodedPolicy: policy, Signature: forged }))).code).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it('an empty file → EntityTooSmall; a file over the policy range → EntityTooLarge; over the route limit too', async () => {
    expect((await upload(await authorize(), Buffer.alloc(0))).code).toBe('EntityTooSmall');
    const tooLarge = await upload(await authorize(), Buffer.alloc(20 * 1024 * 1024 + 1));
    expect([tooLarge.status, tooLarge.code]).toEqual([400, 'EntityTooLarge']);
    const overRoute = await upload(await authorize(), Buffer.alloc(22 * 1024 * 1024));
    expect([overRoute.status, overRoute.code]).toEqual([400, 'EntityTooLarge']);
  });

  it.each([
    ['not multipart', Buffer.from('a=b'), 'application/x-www-form-urlencoded', 'InvalidArgument'],
    ['no closing boundary', Buffer.from(`--b\r\n${KEY_PART}x`), 'multipart/form-data; boundary=b', 'MalformedPOSTRequest'],
    ['no file part', Buffer.from(`--b\r\n${KEY_PART}x\r\n--b--\r\n`), 'multipart/form-data; boundary=b', 'InvalidArgument'],
  ])('%s → 400 %s', async (_label, body, contentType, code) => {
    const answer = await postObject(body, contentType);
    expect([answer.status, answer.code]).toEqual([400, code]);
  });

  it('records uploads in the history without the policy or its signature', async () => {
    const grant = await authorize();
    await upload(grant, fakeVideo());
    const snapshot = await app.inject({ method: 'GET', url: '/sim/alibaba-intl/_control' });
    expect(
      snapshot.json().recentRequests.map((r: { url: string; answer: { httpStatus: number } }) => [r.url, r.answer.httpStatus]),
    ).toEqual([
      ['/sim/alibaba-intl/openplatform/?Product=Cloudauth-intl&RegionId=ap-southeast-1', 200],
      ['/sim/alibaba-intl/oss/', 201],
    ]);
    expect(snapshot.body).not.toContain(grant.Signature);
    expect(snapshot.body).not.toContain(grant.EncodedPolicy);
  });
});

describe('video requirements through the Stream flow', () => {
  it.each([
    ['2 s, 25 fps, 150 KB', fakeVideo(), 'Success'],
    ['exactly 1 s', fakeVideo({ durationS: 1 }), 'Success'],
    ['exactly 3 s at 8 fps', fakeVideo({ durationS: 3, fps: 8 }), 'Success'],
    ['a MOV', fakeVideo({ container: 'mov' }), 'Success'],
    ['0.9 s', fakeVideo({ durationS: 0.9 }), 'UnqualifiedPhoto'],
    ['3.1 s', fakeVideo({ durationS: 3.1 }), 'UnqualifiedPhoto'],
    ['7.9 fps', fakeVideo({ fps: 7.9 }), 'UnqualifiedPhoto'],
    ['a WebM', fakeVideo({ container: 'webm' }), 'UnqualifiedPhoto'],
    ['exactly 100 KB', fakeVideo({ bytes: 100 * 1024 }), 'UnqualifiedPhoto'],
    ['over 10 MB', fakeVideo({ bytes: 10 * 1024 * 1024 + 1 }), 'ToolargeImage'],
    ['undecodable', Buffer.alloc(200 * 1024, 1), 'UnqualifiedPhoto'],
  ])('%s → %s', async (_label, bytes, code) => {
    const grant = await authorize();
    expect((await upload(grant, bytes)).status).toBe(201);
    expect((await detectStream(faceFileUrl(grant))).body.Code).toBe(code);
  });
});

describe('multipart reader', () => {
  it('finds the boundary in the content type', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(boundaryOf('multipart/mixed; boundary=abc')).toBeUndefined();
    expect(boundaryOf(undefined)).toBeUndefined();
  });

  it('keeps file bytes that end in CRLF intact in the standard layout', () => {
    const form = buildPostObjectForm(
      { AccessKeyId: 'a', Bucket: 'bkt', Endpoint: 'e.com', EncodedPolicy: 'p', Signature: 's', ObjectKey: 'k' },
      { bytes: Buffer.from('data\r\n'), mime: 'video/mp4' },
      'BOUNDARY',
    );
    const parts = parseMultipart(form.body, 'BOUNDARY')!;
    expect(parts.map((p) => [p.name, p.data.toString()])).toEqual([
      ['OSSAccessKeyId', 'a'],
      ['policy', 'p'],
      ['Signature', 's'],
      ['key', 'k'],
      ['success_action_status', '201'],
      ['file', 'data\r\n'],
    ]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapCloudauthResponse } from '../alibaba-acs3/cloudauth-result.js';
import { POP_ERROR_CATALOGUE } from '../alibaba-acs3/pop-error.js';
import { uploadGrantSchema, faceFileUrl, mapUploadFailure } from './oss-upload.js';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtureText = (name: string) => readFileSync(path.join(fixturesDir, name), 'utf8');
/** How the intl client reads an answer (client.ts: Code "Success", or "200" as in the SDK model example). */
const answer = (name: string, status = 200) =>
  mapCloudauthResponse('Alibaba Cloud (intl)', ['Success', '200'], { status, bodyText: fixtureText(name), latencyMs: 12 });

describe('successful answers', () => {
  it('the doc example (Result 1) → fail, score = the highest RiskScore, tags split', () => {
    expect(answer('doc-success-high-risk.json')).toEqual({
      kind: 'result',
      verdict: 'fail',
      score: 0.9796,
      riskTags: ['SuspectDeepForgery', 'SuspectPSFace'],
      vendorRequestId: '8FC3D6AC-9FED-4311-8DA7-C4BF47D9****',
      latencyMs: 12,
      raw: JSON.parse(fixtureText('doc-success-high-risk.json')),
    });
  });

  it('Result 0 → pass; Result 2 → review', () => {
    expect(answer('success-low-risk.json')).toMatchObject({ kind: 'result', verdict: 'pass', score: 0.0312, riskTags: [] });
    expect(answer('success-suspicious.json')).toMatchObject({
      kind: 'result',
      verdict: 'review',
      score: 0.62,
      riskTags: ['SuspectRemake'],
    });
  });

  it('Code "200" (the SDK model example) is a success too', () => {
    expect(answer('sdk-example-code-200.json')).toMatchObject({
      verdict: 'fail',
      riskTags: ['SuspectDeepForgery', 'SuspectWarterMark'],
    });
  });

  it('a Stream result with TransactionId and no scores → pass without a score', () => {
    const outcome = answer('success-stream-transaction-id.json');
    expect(outcome).toMatchObject({ kind: 'result', verdict: 'pass', riskTags: [] });
    expect(outcome).not.toHaveProperty('score');
  });

  it('tolerates unknown fields, tags and unparseable scores', () => {
    const outcome = answer('success-unknown-fields.json');
    expect(outcome).toMatchObject({ verdict: 'fail', score: 0.91, riskTags: ['SuspectDeepForgery', 'SuspectSomethingNew'] });
    expect((outcome.raw as { NewTopLevelField: boolean }).NewTopLevelField).toBe(true);
  });

  it('a numeric Result is read like its string', () => {
    const bodyText = JSON.stringify({ RequestId: 'r', Code: 'Success', ResultObject: { Result: 2 } });
    expect(mapCloudauthResponse('V', ['Success'], { status: 200, bodyText, latencyMs: 1 })).toMatchObject({
      verdict: 'review',
      riskTags: [],
    });
  });
});

const errorFixtures = readdirSync(fixturesDir).filter((name) => name.startsWith('error-'));

describe('error answers', () => {
  it('has a fixture for every documented code and the gateway codes', () => {
    expect(errorFixtures).toHaveLength(16);
  });

  it.each(errorFixtures)('%s with its documented status maps with its code, message and RequestId', (name) => {
    const body = JSON.parse(fixtureText(name)) as { Code: string; Message: string; RequestId: string };
    const status = POP_ERROR_CATALOGUE[body.Code]!.status;
    const outcome = answer(name, status);
    expect(outcome).toMatchObject({
      kind: 'error',
      vendorCode: body.Code,
      message: body.Message,
      vendorRequestId: body.RequestId,
      httpStatus: status,
      latencyMs: 12,
      raw: body,
    });
  });

  it.each([
    ['error-NoFaceDetected.json', 401, 'retake', 'no_face'],
    ['error-UnqualifiedPhoto.json', 401, 'retake', 'poor_quality'],
    ['error-ToolargeImage.json', 401, 'retake', 'too_large'],
    ['error-DataDuplication.json', 401, 'input', undefined],
    ['error-DownloadTimeout.json', 401, 'unavailable', undefined],
    ['error-Throttling.Api.json', 403, 'throttled', undefined],
    ['error-Forbidden.RAMUserAccessDenied.json', 403, 'auth', undefined],
    ['error-SignatureDoesNotMatch.json', 400, 'auth', undefined],
    ['error-InternalError.json', 500, 'unavailable', undefined],
  ] as const)('%s → %s %s', (name, status, category, retakeReason) => {
    const outcome = answer(name, status);
    expect(outcome).toMatchObject({ kind: 'error', category });
    if (outcome.kind === 'error') expect(outcome.retakeReason).toBe(retakeReason);
  });

  it('a success body with another status is not a success', () => {
    expect(answer('success-low-risk.json', 500)).toMatchObject({
      kind: 'error',
      category: 'unavailable',
      vendorCode: 'HTTP.500',
    });
  });
});

describe('the upload steps', () => {
  it('reads the SDK capture\u2019s AuthorizeFileUpload answer and builds FaceFile exactly as the SDK did', () => {
    const grant = uploadGrantSchema.parse(JSON.parse(fixtureText('authorize-file-upload-sdk-canned.json')));
    expect(faceFileUrl(grant)).toBe(
      'http://test-cloudauth-bucket.oss-ap-southeast-1.aliyuncs.com/upload/2026/test-object/face.mp4',
    );
  });

  it.each([[{ Bucket: 'Bad_Bucket' }], [{ Endpoint: 'evil.example/path' }], [{ ObjectKey: '/absolute' }], [{ Signature: '' }]])(
    'refuses a grant with %j',
    (change) => {
      const grant = { ...JSON.parse(fixtureText('authorize-file-upload-sdk-canned.json')), ...change };
      expect(uploadGrantSchema.safeParse(grant).success).toBe(false);
    },
  );

  it.each([
    ['EntityTooLarge', 400, 'retake'],
    ['EntityTooSmall', 400, 'input'],
    ['AccessDenied', 403, 'unavailable'],
    ['SignatureDoesNotMatch', 403, 'unavailable'],
  ] as const)('OSS %s → %s, with what OSS echoes of the credentials redacted', (code, status, category) => {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>m</Message><RequestId>R1</RequestId>` +
      '<OSSAccessKeyId>STS.secretid</OSSAccessKeyId><SignatureProvided>c2ln</SignatureProvided><StringToSign>p</StringToSign></Error>';
    const outcome = mapUploadFailure('V', status, xml, 4);
    expect(outcome).toMatchObject({
      kind: 'error',
      category,
      vendorCode: `OSS.${code}`,
      vendorRequestId: 'R1',
      httpStatus: status,
    });
    expect(JSON.stringify(outcome)).not.toMatch(/STS\.secretid|c2ln|<StringToSign>p</);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import type { ErrorCategory, RetakeReason } from '../types.js';
import { classifyErrorCode, mapHttpResponse, verdictForRiskLevel, TRANSPORT_CODES } from './mapping.js';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtureText = (name: string) => readFileSync(path.join(fixturesDir, name), 'utf8');
const answer = (name: string) => mapHttpResponse({ status: 200, bodyText: fixtureText(name), latencyMs: 12 });

describe('successful answers', () => {
  it('doc example 1: High with SuspectedWatermark → fail', () => {
    const outcome = answer('doc-example-success-high.json');
    expect(outcome).toEqual({
      kind: 'result',
      verdict: 'fail',
      riskTags: ['SuspectedWatermark'],
      vendorRequestId: '2dd93e6f-5121-4bac-8c64-d6ad646663d2',
      latencyMs: 12,
      raw: JSON.parse(fixtureText('doc-example-success-high.json')),
    });
    expect(outcome).not.toHaveProperty('score');
  });

  it('Low → pass with no tags', () => {
    expect(answer('success-low.json')).toMatchObject({ kind: 'result', verdict: 'pass', riskTags: [] });
  });

  it('Mid → review', () => {
    expect(answer('success-mid.json')).toMatchObject({
      kind: 'result',
      verdict: 'review',
      riskTags: ['SuspectedSpoofingAttack'],
    });
  });

  it('tolerates unknown fields and Type values, and lists each tag once', () => {
    const outcome = answer('success-high-unknown-fields.json');
    expect(outcome).toMatchObject({
      kind: 'result',
      verdict: 'fail',
      riskTags: ['SuspectedSynthesisVideo', 'SuspectedSomethingNew'],
    });
    expect((outcome.raw as { Response: { NewTopLevelField: boolean } }).Response.NewTopLevelField).toBe(true);
  });

  it('reads a missing or null detail list as empty', () => {
    for (const list of [undefined, null]) {
      const bodyText = JSON.stringify({ Response: { AttackRiskLevel: 'Low', AttackRiskDetailList: list, RequestId: 'r' } });
      expect(mapHttpResponse({ status: 200, bodyText, latencyMs: 1 })).toMatchObject({ verdict: 'pass', riskTags: [] });
    }
  });

  it.each([
    ['High', 'fail'],
    ['Mid', 'review'],
    ['Low', 'pass'],
    ['VeryHigh', 'review'],
  ] as const)('level %s → %s', (level, verdict) => {
    expect(verdictForRiskLevel(level)).toBe(verdict);
  });
});

type Expected = [code: string, category: ErrorCategory, retakeReason?: RetakeReason];

// Every code in the doc's error table, then the common codes named in the brief and spec.
const documentedCodes: Expected[] = [
  ['FailedOperation.CoveredFace', 'retake', 'covered_face'],
  ['FailedOperation.DetectEngineSystemError', 'unavailable'],
  ['FailedOperation.ImageDecodeFailed', 'retake', 'decode_failed'],
  ['FailedOperation.IncompleteFace', 'retake', 'incomplete_face'],
  ['FailedOperation.PoorImageQuality', 'retake', 'poor_quality'],
  ['FailedOperation.UnKnown', 'unavailable'],
  ['FailedOperation.VideoDecodeFailed', 'retake', 'decode_failed'],
  ['FailedOperation.VideoDurationExceeded', 'retake', 'too_long'],
  ['InvalidParameter', 'input'],
  ['InvalidParameterValue', 'input'],
  ['RequestLimitExceeded', 'throttled'],
  ['UnauthorizedOperation.Arrears', 'auth'],
  ['UnauthorizedOperation.ChargeStatusException', 'auth'],
  ['UnauthorizedOperation.Nonactivated', 'auth'],
];

const commonCodes: Expected[] = [
  ['AuthFailure.SignatureFailure', 'auth'],
  ['AuthFailure.SignatureExpire', 'auth'],
  ['AuthFailure.SecretIdNotFound', 'auth'],
  ['AuthFailure.InvalidAuthorization', 'auth'],
  ['AuthFailure.InvalidSecretId', 'auth'],
  ['AuthFailure.TokenFailure', 'auth'],
  ['AuthFailure.MFAFailure', 'auth'],
  ['AuthFailure.UnauthorizedOperation', 'auth'],
  ['AuthFailure', 'auth'],
  ['UnauthorizedOperation', 'auth'],
  ['UnauthorizedOperation.SomethingNew', 'auth'],
  ['IpInBlacklist', 'auth'],
  ['IpNotInWhitelist', 'auth'],
  ['RequestSizeLimitExceeded', 'retake', 'too_large'],
  ['RequestLimitExceeded.IPLimitExceeded', 'throttled'],
  ['RequestLimitExceeded.UinLimitExceeded', 'throttled'],
  ['RequestLimitExceeded.GlobalRegionUinLimitExceeded', 'throttled'],
  ['LimitExceeded', 'throttled'],
  ['MissingParameter', 'input'],
  ['UnknownParameter', 'input'],
  ['InvalidAction', 'input'],
  ['NoSuchVersion', 'input'],
  ['NoSuchProduct', 'input'],
  ['UnsupportedRegion', 'input'],
  ['UnsupportedOperation', 'input'],
  ['UnsupportedProtocol', 'input'],
  ['InvalidRequest', 'input'],
  ['InvalidParameter.Whatever', 'input'],
  ['InternalError', 'unavailable'],
  ['InternalError.SomethingNew', 'unavailable'],
  ['ResourceUnavailable', 'unavailable'],
  ['ResourceUnavailable.InArrears', 'unavailable'],
  ['ResourceInsufficient', 'unavailable'],
  ['ResourceNotFound', 'unavailable'],
  ['ServiceUnavailable', 'unavailable'],
  ['ActionOffline', 'unavailable'],
  ['FailedOperation', 'unavailable'],
  ['FailedOperation.SomethingNew', 'vendor_protocol'],
  ['TotallyUnknownCode', 'vendor_protocol'],
];

describe('error codes', () => {
  it.each([...documentedCodes, ...commonCodes])('%s → %s %s', (code, category, retakeReason) => {
    const classification = classifyErrorCode(code);
    expect(classification.category).toBe(category);
    expect(classification.retakeReason).toBe(retakeReason);
  });

  it.each(documentedCodes)('fixture for %s maps with its code, message and RequestId', (code, category, retakeReason) => {
    const fileName =
      code === 'FailedOperation.ImageDecodeFailed'
        ? 'doc-example-error-image-decode-failed.json'
        : `error-${code.replaceAll('.', '-')}.json`;
    const body = JSON.parse(fixtureText(fileName)) as { Response: { Error: { Message: string }; RequestId: string } };
    expect(answer(fileName)).toEqual({
      kind: 'error',
      category,
      retakeReason,
      vendorCode: code,
      message: body.Response.Error.Message,
      vendorRequestId: body.Response.RequestId,
      httpStatus: 200,
      latencyMs: 12,
      raw: body,
    });
  });

  it('doc example 3 (ImageDecodeFailed) → retake/decode_failed', () => {
    expect(answer('doc-example-error-image-decode-failed.json')).toMatchObject({
      kind: 'error',
      category: 'retake',
      retakeReason: 'decode_failed',
      vendorCode: 'FailedOperation.ImageDecodeFailed',
      message: 'Image decoding failed.',
      vendorRequestId: '0e77ad29-ad65-4901-9efc-b49a6e0a357b',
    });
  });

  it.each([
    ['common-error-signature-failure.json', 'auth'],
    ['error-AuthFailure-SecretIdNotFound.json', 'auth'],
    ['error-AuthFailure-SignatureExpire.json', 'auth'],
    ['error-RequestSizeLimitExceeded.json', 'retake'],
    ['error-InternalError.json', 'unavailable'],
  ] as const)('%s → %s', (fileName, category) => {
    expect(answer(fileName)).toMatchObject({ kind: 'error', category });
  });

  it('keeps an unknown code on the outcome', () => {
    const bodyText = JSON.stringify({ Response: { Error: { Code: 'Brand.NewCode', Message: 'new' }, RequestId: 'r1' } });
    expect(mapHttpResponse({ status: 200, bodyText, latencyMs: 3 })).toMatchObject({
      kind: 'error',
      category: 'vendor_protocol',
      vendorCode: 'Brand.NewCode',
      message: 'new',
      vendorRequestId: 'r1',
    });
  });
});

describe('answers that are not a documented body', () => {
  it.each([
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [400, 'input'],
    [401, 'input'],
    [404, 'input'],
    [413, 'retake'],
    [429, 'throttled'],
  ] as const)('HTTP %i → %s, whatever the body says', (status, category) => {
    const bodyText = fixtureText('success-low.json');
    const outcome = mapHttpResponse({ status, bodyText, latencyMs: 5 });
    expect(outcome).toMatchObject({ kind: 'error', category, httpStatus: status, vendorCode: `HTTP.${status}` });
    expect(outcome.raw).toEqual(JSON.parse(bodyText));
  });

  it('keeps a non-JSON error page as (truncated) text', () => {
    const outcome = mapHttpResponse({ status: 502, bodyText: '<html>' + 'x'.repeat(10_000), latencyMs: 5 });
    expect(typeof outcome.raw).toBe('string');
    expect((outcome.raw as string).length).toBeLessThan(5000);
  });

  it('unparseable JSON with 200 → vendor_protocol', () => {
    expect(mapHttpResponse({ status: 200, bodyText: '{"Response":', latencyMs: 5 })).toMatchObject({
      kind: 'error',
      category: 'vendor_protocol',
      vendorCode: TRANSPORT_CODES.invalidJson,
      httpStatus: 200,
    });
  });

  it.each([
    ['{}'],
    ['{"Response":{}}'],
    ['{"Response":{"AttackRiskLevel":"Low"}}'],
    ['{"Response":{"Error":{"Message":"no code"},"RequestId":"r"}}'],
    ['[]'],
    ['null'],
  ])('undocumented shape %s → vendor_protocol', (bodyText) => {
    expect(mapHttpResponse({ status: 200, bodyText, latencyMs: 5 })).toMatchObject({
      kind: 'error',
      category: 'vendor_protocol',
      vendorCode: TRANSPORT_CODES.unexpectedShape,
    });
  });
});

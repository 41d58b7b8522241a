import { describe, expect, it } from 'vitest';
import type { ErrorCategory, RetakeReason } from '../types.js';
import { riskTagsOf, scoreOf, verdictForResult } from './cloudauth-result.js';
import { POP_ERROR_CATALOGUE, popErrorAnswer, readPopError } from './pop-error.js';
import { classifyErrorCode, mapHttpStatus, mapPopFailure, parseRetryAfterMs, TRANSPORT_CODES } from './pop-mapping.js';

type Expected = [code: string, category: ErrorCategory, retakeReason?: RetakeReason];

/** Every row of the DeepfakeDetectIntl doc's "Return codes" table (the China doc has none). */
const documentedCodes: Expected[] = [
  ['MissingParameter', 'input'],
  ['InvalidParameter', 'input'],
  ['NoFaceDetected', 'retake', 'no_face'],
  ['UnqualifiedPhoto', 'retake', 'poor_quality'],
  ['ToolargeImage', 'retake', 'too_large'],
  ['DataDuplication', 'input'],
  ['DownloadTimeout', 'unavailable'],
  ['Forbidden.RAMUserAccessDenied', 'auth'],
  ['Forbidden.AccountAccessDenied', 'auth'],
  ['Throttling.Api', 'throttled'],
  ['InternalError', 'unavailable'],
];

const gatewayCodes: Expected[] = [
  ['SignatureDoesNotMatch', 'auth'],
  ['IncompleteSignature', 'auth'],
  ['InvalidTimeStamp.Expired', 'auth'],
  ['InvalidTimeStamp.Format', 'auth'],
  ['SignatureNonceUsed', 'auth'],
  ['InvalidAccessKeyId.NotFound', 'auth'],
  ['InvalidAccessKeyId.Inactive', 'auth'],
  ['InvalidAccessKeyId.SomethingNew', 'auth'],
  ['Forbidden.SomethingNew', 'auth'],
  ['InvalidAction.NotFound', 'input'],
  ['InvalidVersion', 'input'],
  ['ServiceUnavailable', 'unavailable'],
  ['Throttling', 'throttled'],
  ['Throttling.User', 'throttled'],
  ['Throttling.Tps', 'throttled'],
  ['ServiceThrottling', 'throttled'],
  ['InvalidParameter.FaceUrl', 'input'],
  ['InternalError.Timeout', 'unavailable'],
  // (guess) cloudauth numeric codes that arrive with HTTP 200.
  ['400', 'input'],
  ['401', 'input'],
  ['402', 'input'],
  ['404', 'input'],
  ['410', 'auth'],
  ['411', 'auth'],
  ['412', 'auth'],
  ['500', 'unavailable'],
];

describe('error codes', () => {
  it.each([...documentedCodes, ...gatewayCodes])('%s → %s %s', (code, category, retakeReason) => {
    const classification = classifyErrorCode(code, 400);
    expect(classification.category).toBe(category);
    expect(classification.retakeReason).toBe(retakeReason);
  });

  it('the simulator catalogue knows every documented code, with the doc\u2019s HTTP status', () => {
    const statuses = Object.fromEntries(documentedCodes.map(([code]) => [code, POP_ERROR_CATALOGUE[code]?.status]));
    expect(statuses).toEqual({
      MissingParameter: 400,
      InvalidParameter: 400,
      NoFaceDetected: 401,
      UnqualifiedPhoto: 401,
      ToolargeImage: 401,
      DataDuplication: 401,
      DownloadTimeout: 401,
      'Forbidden.RAMUserAccessDenied': 403,
      'Forbidden.AccountAccessDenied': 403,
      'Throttling.Api': 403,
      InternalError: 500,
    });
  });

  it.each([
    [500, 'vendor_protocol'],
    [503, 'vendor_protocol'],
    [403, 'auth'],
    [401, 'auth'],
    [429, 'throttled'],
    [413, 'retake'],
    [400, 'input'],
    [404, 'input'],
    [200, 'vendor_protocol'],
    [undefined, 'vendor_protocol'],
  ] as const)('an unknown code with HTTP %s → %s', (status, category) => {
    expect(classifyErrorCode('Brand.NewCode', status).category).toBe(category);
  });
});

describe('POP error bodies', () => {
  it('reads Code/Message/RequestId, or the lowercase fallback the SDK accepts', () => {
    expect(readPopError({ RequestId: 'r', Code: 'X', Message: 'm', HostId: 'h' })).toEqual({
      code: 'X',
      message: 'm',
      requestId: 'r',
    });
    expect(readPopError({ code: 'Y', message: 'n' })).toEqual({ code: 'Y', message: 'n', requestId: undefined });
    expect(readPopError({ Code: 401 })).toEqual({ code: '401', message: '', requestId: undefined });
    for (const notAnError of [{}, [], null, 'text', { Code: '' }]) expect(readPopError(notAnError)).toBeUndefined();
  });

  it('writes the gateway shape with a fresh uppercase RequestId and a troubleshooting link', () => {
    const answer = popErrorAnswer({ code: 'SignatureDoesNotMatch', hostId: 'h.example', product: 'Cloudauth' });
    expect(answer).toEqual({
      status: 400,
      body: {
        RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
        HostId: 'h.example',
        Code: 'SignatureDoesNotMatch',
        Message: 'Specified signature does not match our calculation.',
        Recommend: `https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Cloudauth&requestId=${answer.body.RequestId}`,
      },
    });
    expect(popErrorAnswer({ code: 'Brand.New', hostId: 'h', product: 'p', detail: 'why' })).toMatchObject({
      status: 400,
      body: { Message: 'Simulated error Brand.New. (why)' },
    });
  });
});

describe('answers without a POP body', () => {
  it.each([
    [502, '<html>Bad Gateway</html>', 'unavailable', 'HTTP.502'],
    [400, '<html>Bad Request</html>', 'input', 'HTTP.400'],
    [302, '', 'vendor_protocol', 'HTTP.302'],
    [503, '{"unexpected":true}', 'unavailable', 'HTTP.503'],
    [200, '{"unexpected":true}', 'vendor_protocol', TRANSPORT_CODES.unexpectedShape],
    [200, 'not json', 'vendor_protocol', TRANSPORT_CODES.invalidJson],
    [200, '{"Code":"Success"}', 'vendor_protocol', TRANSPORT_CODES.unexpectedShape],
  ] as const)('HTTP %i %j → %s %s', (status, bodyText, category, vendorCode) => {
    expect(mapPopFailure('V', ['Success'], { status, bodyText, latencyMs: 3 })).toMatchObject({
      kind: 'error',
      category,
      vendorCode,
      httpStatus: status,
    });
  });

  it('keeps a long non-JSON page as truncated text', () => {
    const outcome = mapHttpStatus('V', 502, `<html>${'x'.repeat(10_000)}`, 1);
    expect(typeof outcome.raw).toBe('string');
    expect((outcome.raw as string).length).toBeLessThan(5000);
  });

  it('retryAfterMs only on throttling, and only from a number', () => {
    const body = (code: string) => JSON.stringify({ Code: code, Message: 'm', RequestId: 'r' });
    expect(
      mapPopFailure('V', [], { status: 403, bodyText: body('Throttling.Api'), retryAfterMs: 800, latencyMs: 1 }),
    ).toMatchObject({ retryAfterMs: 800 });
    expect(
      mapPopFailure('V', [], { status: 403, bodyText: body('Forbidden.AccountAccessDenied'), retryAfterMs: 800, latencyMs: 1 }),
    ).not.toHaveProperty('retryAfterMs');
    expect(parseRetryAfterMs('1500')).toBe(1500);
    expect(parseRetryAfterMs(' 20 ')).toBe(20);
    for (const bad of [null, undefined, '', 'soon', '-5', '1.5']) expect(parseRetryAfterMs(bad)).toBeUndefined();
  });
});

describe('the deepfake result', () => {
  it.each([
    ['0', 'pass'],
    ['1', 'fail'],
    ['2', 'review'],
    ['3', 'review'],
    ['', 'review'],
  ] as const)('Result %j → %s', (result, verdict) => {
    expect(verdictForResult(result)).toBe(verdict);
  });

  it('score is the highest RiskScore value, clamped, ignoring what is not a number', () => {
    expect(scoreOf({ SuspectPSFace: '0.9796', SuspectRemake: '0.0000', SuspectDeepForgery: '0.9500' })).toBe(0.9796);
    expect(scoreOf({ A: 'n/a', B: '', C: '0.2' })).toBe(0.2);
    expect(scoreOf({ A: '1.7' })).toBe(1);
    expect(scoreOf({ A: '-0.1' })).toBe(0);
    expect(scoreOf({})).toBeUndefined();
    expect(scoreOf(null)).toBeUndefined();
  });

  it('riskTags split RiskTag on commas, trimmed and each once', () => {
    expect(riskTagsOf('SuspectDeepForgery,SuspectPSFace')).toEqual(['SuspectDeepForgery', 'SuspectPSFace']);
    expect(riskTagsOf(' A, B,A,, ')).toEqual(['A', 'B']);
    expect(riskTagsOf('')).toEqual([]);
    expect(riskTagsOf(undefined)).toEqual([]);
  });
});

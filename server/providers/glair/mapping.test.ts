import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ErrorCategory, RetakeReason } from '../types.js';
import {
  classifyHttpError,
  classifyStatus,
  mapHttpResponse,
  normaliseConfidence,
  parseRetryAfter,
  readDeepfake,
  RISK_TAGS,
  TRANSPORT_CODES,
  type HttpAnswer,
} from './mapping.js';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtureText = (name: string) => readFileSync(path.join(fixturesDir, name), 'utf8');
const NOW = new Date('2026-11-21T06:20:26Z');

function answer(status: number, bodyText: string, extra: Partial<HttpAnswer> = {}) {
  return mapHttpResponse({ status, bodyText, requestId: 'req-1', latencyMs: 12, now: NOW, ...extra });
}
const fixture = (name: string, status = 200, extra: Partial<HttpAnswer> = {}) => answer(status, fixtureText(name), extra);

describe('successful answers (doc samples)', () => {
  it('video sample: fake 0.99768 → fail, score 0.99768, Request-Id header as the id', () => {
    expect(fixture('doc-example-success-fake.json')).toEqual({
      kind: 'result',
      verdict: 'fail',
      score: 0.99768,
      riskTags: [RISK_TAGS.deepfake],
      vendorRequestId: 'req-1',
      latencyMs: 12,
      raw: JSON.parse(fixtureText('doc-example-success-fake.json')),
    });
  });

  it('"no deepfake" sample: real 0.064 → pass with a low fake score (confidence read as P(fake))', () => {
    expect(fixture('doc-example-success-real.json')).toMatchObject({
      kind: 'result',
      verdict: 'pass',
      score: 0.06415167450904846,
      riskTags: [],
    });
  });

  it('frames sample: real 0.06789 → pass', () => {
    expect(fixture('doc-example-frames-success-real.json')).toMatchObject({ verdict: 'pass', score: 0.06789 });
  });

  it('fake at 0.55 → review (our low-confidence policy)', () => {
    expect(fixture('success-fake-low-confidence.json')).toMatchObject({
      verdict: 'review',
      score: 0.55,
      riskTags: [RISK_TAGS.deepfake, RISK_TAGS.lowConfidence],
    });
  });

  it('real at 0.97 contradicts the reading → review without a score', () => {
    const outcome = fixture('success-real-contradicting-confidence.json');
    expect(outcome).toMatchObject({ kind: 'result', verdict: 'review', riskTags: [RISK_TAGS.contradiction] });
    expect(outcome).not.toHaveProperty('score');
  });

  it('tolerates unknown fields', () => {
    const outcome = fixture('success-unknown-fields.json');
    expect(outcome).toMatchObject({ kind: 'result', verdict: 'fail', score: 0.91 });
    expect((outcome.raw as { newField: boolean }).newField).toBe(true);
  });

  it('any 2xx is read by its body; no Request-Id header → no vendorRequestId', () => {
    const outcome = fixture('doc-example-success-fake.json', 201, { requestId: undefined });
    expect(outcome).toMatchObject({ kind: 'result', verdict: 'fail' });
    expect(outcome.vendorRequestId).toBeUndefined();
  });
});

describe('readDeepfake', () => {
  it.each([
    // value, confidence, verdict, score, tags
    ['fake', 0.99768, 'fail', 0.99768, ['deepfake']],
    ['fake', 0.6, 'fail', 0.6, ['deepfake']],
    ['fake', 0.5999, 'review', 0.5999, ['deepfake', 'low_confidence']],
    ['fake', 0.5, 'review', 0.5, ['deepfake', 'low_confidence']],
    ['fake', 0.3, 'review', undefined, ['deepfake', 'confidence_contradicts_value']],
    ['real', 0.0, 'pass', 0.0, []],
    ['real', 0.4, 'pass', 0.4, []],
    ['real', 0.45, 'review', 0.45, ['low_confidence']],
    ['real', 0.5, 'review', 0.5, ['low_confidence']],
    ['real', 0.8, 'review', undefined, ['confidence_contradicts_value']],
    ['real', 6.415, 'pass', 0.06415, []], // a percentage, as the doc's description promises
    ['fake', 99.768, 'fail', 0.99768, ['deepfake']],
    ['maybe', 0.7, 'review', 0.7, ['unknown_value']],
    ['FAKE', 0.9, 'review', 0.9, ['unknown_value']],
  ] as const)('%s at %d → %s, score %s', (value, confidence, verdict, score, tags) => {
    const reading = readDeepfake(value, confidence);
    expect(reading?.verdict).toBe(verdict);
    if (score === undefined) expect(reading).not.toHaveProperty('score');
    else expect(reading?.score).toBeCloseTo(score, 10);
    expect(reading?.riskTags).toEqual(tags);
  });

  it.each([-0.1, 100.5, Number.NaN, Number.POSITIVE_INFINITY])('confidence %d is unreadable', (confidence) => {
    expect(normaliseConfidence(confidence)).toBeUndefined();
    expect(readDeepfake('fake', confidence)).toBeUndefined();
  });
});

type Expected = [status: string, category: ErrorCategory, retakeReason?: RetakeReason];

const documentedStatuses: Expected[] = [
  ['NO_FILE', 'input'],
  ['FILE_INVALID_FORMAT', 'retake', 'decode_failed'],
  ['FAILED', 'retake', 'poor_quality'],
  ['ERROR', 'input'],
  ['SOMETHING_NEW', 'vendor_protocol'],
];

describe('GLAIR statuses', () => {
  it.each(documentedStatuses)('%s → %s %s', (status, category, retakeReason) => {
    expect(classifyStatus(status)).toEqual(retakeReason ? { category, retakeReason } : { category });
  });

  it.each([
    ['status-NO_FILE.json', 'NO_FILE', 'input', undefined],
    ['status-FILE_INVALID_FORMAT.json', 'FILE_INVALID_FORMAT', 'retake', 'decode_failed'],
    ['status-FAILED.json', 'FAILED', 'retake', 'poor_quality'],
    ['status-unknown.json', 'QUOTA_EXCEEDED', 'vendor_protocol', undefined],
  ] as const)('%s with HTTP 200 → %s', (name, code, category, retakeReason) => {
    const body = JSON.parse(fixtureText(name)) as { reason: string };
    expect(fixture(name, 200)).toEqual({
      kind: 'error',
      category,
      retakeReason,
      vendorCode: code,
      message: body.reason,
      httpStatus: 200,
      vendorRequestId: 'req-1',
      latencyMs: 12,
      raw: body,
    });
  });
});

// Public errors page (400, 401, 403, 415, 429, 5xx), each with GLAIR-shaped, gateway-shaped and non-JSON bodies.
const errorTable: [status: number, file: string, category: ErrorCategory, vendorCode: string, retakeReason?: RetakeReason][] = [
  [400, 'doc-example-error-400-no-file.json', 'input', 'ERROR'],
  [400, 'status-NO_FILE.json', 'input', 'NO_FILE'],
  [400, 'status-FILE_INVALID_FORMAT.json', 'retake', 'FILE_INVALID_FORMAT', 'decode_failed'],
  [400, 'status-FAILED.json', 'retake', 'FAILED', 'poor_quality'],
  [400, 'status-unknown.json', 'input', 'QUOTA_EXCEEDED'],
  [400, 'gateway-502.html', 'input', 'HTTP.400'],
  [401, 'doc-example-error-400-no-file.json', 'auth', 'ERROR'],
  [401, 'gateway-message-401.json', 'auth', 'HTTP.401'],
  [401, 'gateway-502.html', 'auth', 'HTTP.401'],
  [403, 'gateway-message-401.json', 'auth', 'HTTP.403'],
  [403, 'status-FILE_INVALID_FORMAT.json', 'auth', 'FILE_INVALID_FORMAT'],
  [404, 'gateway-502.html', 'input', 'HTTP.404'],
  [408, 'gateway-502.html', 'timeout', 'HTTP.408'],
  [413, 'gateway-502.html', 'retake', 'HTTP.413', 'too_large'],
  [415, 'doc-example-error-400-no-file.json', 'input', 'ERROR'],
  [415, 'status-FILE_INVALID_FORMAT.json', 'input', 'FILE_INVALID_FORMAT'],
  [422, 'status-FILE_INVALID_FORMAT.json', 'retake', 'FILE_INVALID_FORMAT', 'decode_failed'],
  [429, 'gateway-message-401.json', 'throttled', 'HTTP.429'],
  [429, 'gateway-502.html', 'throttled', 'HTTP.429'],
  [500, 'doc-example-error-400-no-file.json', 'unavailable', 'ERROR'],
  [500, 'status-FAILED.json', 'unavailable', 'FAILED'],
  [502, 'gateway-502.html', 'unavailable', 'HTTP.502'],
  [503, 'gateway-message-401.json', 'unavailable', 'HTTP.503'],
  [504, 'gateway-502.html', 'unavailable', 'HTTP.504'],
  [302, 'gateway-502.html', 'vendor_protocol', 'HTTP.302'],
  [500, 'doc-example-success-fake.json', 'unavailable', 'SUCCESS'],
];

describe('HTTP errors', () => {
  it.each(errorTable)('HTTP %i with %s → %s (%s)', (status, file, category, vendorCode, retakeReason) => {
    const outcome = fixture(file, status);
    expect(outcome).toMatchObject({
      kind: 'error',
      category,
      vendorCode,
      httpStatus: status,
      vendorRequestId: 'req-1',
      latencyMs: 12,
    });
    if (outcome.kind !== 'error') throw new Error('unreachable');
    expect(outcome.retakeReason).toBe(retakeReason);
    expect(outcome.retryAfterMs).toBeUndefined();
  });

  it('uses the body reason, then a gateway message, then a generic text', () => {
    expect(fixture('doc-example-error-400-no-file.json', 400)).toMatchObject({ message: 'No file in request body' });
    expect(fixture('gateway-message-401.json', 401)).toMatchObject({ message: 'Unauthorized' });
    expect(fixture('gateway-502.html', 502)).toMatchObject({ message: 'GLAIR answered HTTP 502' });
  });

  it('keeps a JSON error body as parsed JSON and an HTML page as (truncated) text', () => {
    expect(fixture('doc-example-error-400-no-file.json', 400).raw).toEqual({
      reason: 'No file in request body',
      status: 'ERROR',
    });
    expect(fixture('gateway-502.html', 502).raw).toContain('502 Bad Gateway');
    const long = answer(502, '<html>' + 'x'.repeat(10_000));
    expect((long.raw as string).length).toBeLessThan(5000);
  });

  it.each([
    ['2', 2000],
    [' 30 ', 30_000],
    ['0', 0],
    ['Sat, 21 Nov 2026 06:20:31 GMT', 5000],
    ['Sat, 21 Nov 2026 06:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ] as const)('429 with Retry-After %j → retryAfterMs %s', (retryAfter, ms) => {
    const outcome = fixture('gateway-message-401.json', 429, { retryAfter });
    expect(outcome).toMatchObject({ kind: 'error', category: 'throttled' });
    if (outcome.kind !== 'error') throw new Error('unreachable');
    expect(outcome.retryAfterMs).toBe(ms);
    expect(parseRetryAfter(retryAfter, NOW)).toBe(ms);
  });

  it('Retry-After on anything but 429 is not a throttling hint', () => {
    const outcome = fixture('gateway-502.html', 503, { retryAfter: '5' });
    expect(outcome).toMatchObject({ category: 'unavailable' });
    expect(outcome).not.toHaveProperty('retryAfterMs');
  });

  it('classifyHttpError: documented body statuses refine a 4xx only where they blame the media', () => {
    expect(classifyHttpError(400, 'FILE_INVALID_FORMAT')).toEqual({ category: 'retake', retakeReason: 'decode_failed' });
    expect(classifyHttpError(400, 'NO_FILE')).toEqual({ category: 'input' });
    expect(classifyHttpError(400, undefined)).toEqual({ category: 'input' });
    expect(classifyHttpError(401, 'FILE_INVALID_FORMAT')).toEqual({ category: 'auth' });
    expect(classifyHttpError(503, 'FILE_INVALID_FORMAT')).toEqual({ category: 'unavailable' });
  });
});

describe('answers that are not a documented body', () => {
  it('unparseable JSON with 200 → vendor_protocol', () => {
    expect(answer(200, '{"status":')).toMatchObject({
      kind: 'error',
      category: 'vendor_protocol',
      vendorCode: TRANSPORT_CODES.invalidJson,
      httpStatus: 200,
      raw: '{"status":',
    });
  });

  it.each([
    ['{}'],
    ['[]'],
    ['null'],
    ['"SUCCESS"'],
    ['{"status":""}'],
    ['{"status":42}'],
    ['{"status":"SUCCESS"}'],
    ['{"status":"SUCCESS","read":{}}'],
    ['{"status":"SUCCESS","read":{"deepfake":{"value":"fake"}}}'],
    ['{"status":"SUCCESS","read":{"deepfake":{"value":"fake","confidence":"0.9"}}}'],
    ['{"status":"SUCCESS","read":{"deepfake":{"value":"fake","confidence":250}}}'],
    ['{"reason":"no status"}'],
  ])('undocumented shape %s → vendor_protocol', (bodyText) => {
    expect(answer(200, bodyText)).toMatchObject({
      kind: 'error',
      category: 'vendor_protocol',
      vendorCode: TRANSPORT_CODES.unexpectedShape,
      httpStatus: 200,
    });
  });
});

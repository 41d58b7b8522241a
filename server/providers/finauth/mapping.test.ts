import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ErrorCategory, RetakeReason } from '../types.js';
import {
  AUTHENTICATION_REASONS,
  classifyHttpStatus,
  ERROR_CODES,
  mapHttpResponse,
  parseRetryAfterMs,
  REVIEW_MARGIN,
  TRANSPORT_CODES,
  verdictFor,
} from './mapping.js';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtureText = (name: string) => readFileSync(path.join(fixturesDir, name), 'utf8');
const answer = (name: string, status = 200) => mapHttpResponse({ status, bodyText: fixtureText(name), latencyMs: 12 });

describe('successful answers', () => {
  it('result=false, low score → pass, score and threshold passed through (already 1 = fake)', () => {
    const body = JSON.parse(fixtureText('success-real.json'));
    expect(answer('success-real.json')).toEqual({
      kind: 'result',
      verdict: 'pass',
      score: 0.0312,
      threshold: 0.5,
      riskTags: [],
      vendorRequestId: body.request_id,
      latencyMs: 12,
      raw: body,
    });
  });

  it('result=true → fail with the deepfake tag', () => {
    expect(answer('success-fake.json')).toMatchObject({ kind: 'result', verdict: 'fail', score: 0.9871, riskTags: ['deepfake'] });
  });

  it('result=false within the review band → review with near_threshold', () => {
    expect(answer('success-near-threshold.json')).toMatchObject({
      kind: 'result',
      verdict: 'review',
      score: 0.4623,
      riskTags: ['near_threshold'],
    });
  });

  it('a missing threshold is the doc default 0.5', () => {
    expect(answer('success-without-threshold.json')).toMatchObject({ verdict: 'pass', score: 0.12, threshold: 0.5 });
  });

  it('tolerates unknown fields and keeps them in raw', () => {
    const outcome = answer('success-unknown-fields.json');
    expect(outcome).toMatchObject({ kind: 'result', verdict: 'fail' });
    expect((outcome.raw as { model_version: string }).model_version).toBe('v5.3.1');
  });

  it.each([
    [false, 0.39, 0.5, 'pass'],
    [false, 0.4, 0.5, 'review'],
    [false, 0.49, 0.5, 'review'],
    [false, 0.55, 0.5, 'review'], // result=false above the threshold should not happen; a person looks
    [true, 0.51, 0.5, 'fail'],
    [true, 0.1, 0.5, 'fail'], // the vendor's boolean decides a deepfake, whatever the score
    [false, 0.59, 0.7, 'pass'],
    [false, 0.6, 0.7, 'review'],
  ] as const)('result=%s score=%s threshold=%s → %s', (result, score, threshold, verdict) => {
    expect(verdictFor(result, score, threshold)).toBe(verdict);
  });

  it('the review band is 0.1', () => {
    expect(REVIEW_MARGIN).toBe(0.1);
  });

  it('clamps a score or threshold a hair outside [0,1], and reads "True" as true', () => {
    const bodyText = JSON.stringify({ request_id: 'r', result: 'True', score: 1.0000001, threshold: -0.1 });
    expect(mapHttpResponse({ status: 200, bodyText, latencyMs: 1 })).toMatchObject({ verdict: 'fail', score: 1, threshold: 0 });
  });
});

type Expected = [file: string, httpStatus: number, error: string, category: ErrorCategory, retakeReason?: RetakeReason];

// Every row of the doc's error table, every documented AUTHENTICATION_ERROR reason, and one undocumented reason.
const documentedErrors: Expected[] = [
  ['error-MISSING_ARGUMENTS-image.json', 400, 'MISSING_ARGUMENTS:image', 'input'],
  ['error-BAD_ARGUMENTS.json', 400, 'BAD_ARGUMENTS', 'retake', 'decode_failed'],
  ['error-NO_FACE_FOUND.json', 400, 'NO_FACE_FOUND', 'retake', 'no_face'],
  ['error-INVALID_IMAGE_SIZE-image.json', 400, 'INVALID_IMAGE_SIZE:image', 'retake', 'too_large'],
  ['error-INTERNAL_TIMEOUT.json', 400, 'INTERNAL_TIMEOUT', 'timeout'],
  ['error-AUTHENTICATION_ERROR.json', 403, 'AUTHENTICATION_ERROR', 'auth'],
  ['error-AUTHENTICATION_ERROR-API_KEY_BE_DISCONTINUED.json', 403, 'AUTHENTICATION_ERROR:API_KEY_BE_DISCONTINUED', 'auth'],
  ['error-AUTHENTICATION_ERROR-IP_NOT_ALLOWED.json', 403, 'AUTHENTICATION_ERROR:IP_NOT_ALLOWED', 'auth'],
  ['error-AUTHENTICATION_ERROR-LIMIT_REACHED.json', 403, 'AUTHENTICATION_ERROR:LIMIT_REACHED', 'auth'],
  ['error-AUTHENTICATION_ERROR-MORE_RETRY_TIMES.json', 403, 'AUTHENTICATION_ERROR:MORE_RETRY_TIMES', 'auth'],
  ['error-AUTHENTICATION_ERROR-DENIED.json', 403, 'AUTHENTICATION_ERROR:DENIED', 'auth'],
  ['error-AUTHENTICATION_ERROR-EXPIRED_SIGN.json', 403, 'AUTHENTICATION_ERROR:EXPIRED_SIGN', 'auth'],
  ['error-AUTHENTICATION_ERROR-INVALID_SIGN.json', 403, 'AUTHENTICATION_ERROR:INVALID_SIGN', 'auth'],
  ['error-AUTHENTICATION_ERROR-SOMETHING_NEW.json', 403, 'AUTHENTICATION_ERROR:SOMETHING_NEW', 'auth'],
  ['error-CONCURRENCY_LIMIT_EXCEEDED.json', 403, 'CONCURRENCY_LIMIT_EXCEEDED', 'throttled'],
  ['error-API_NOT_FOUND.json', 404, 'API_NOT_FOUND', 'input'],
  ['error-INTERNAL_ERROR.json', 500, 'INTERNAL_ERROR', 'unavailable'],
];

describe('documented errors', () => {
  it('covers every code of the table and every documented reason', () => {
    const codes = new Set(documentedErrors.map(([, , error]) => error.split(':')[0]));
    expect([...codes].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    const reasons = documentedErrors.map(([, , error]) => error.split(':')[1]).filter((r) => r && r in AUTHENTICATION_REASONS);
    expect(new Set(reasons)).toEqual(new Set(Object.keys(AUTHENTICATION_REASONS)));
  });

  it.each(documentedErrors)('%s (HTTP %i) → %s: %s %s', (file, httpStatus, error, category, retakeReason) => {
    const body = JSON.parse(fixtureText(file)) as { request_id?: string };
    const outcome = answer(file, httpStatus);
    expect(outcome).toEqual({
      kind: 'error',
      category,
      ...(retakeReason ? { retakeReason } : {}),
      vendorCode: error,
      message: expect.any(String),
      vendorRequestId: body.request_id,
      httpStatus,
      latencyMs: 12,
      raw: body,
    });
  });

  it('messages come from the doc table, with the key or reason', () => {
    const message = (file: string, status: number) => (answer(file, status) as { message: string }).message;
    expect(message('error-MISSING_ARGUMENTS-image.json', 400)).toBe('A required parameter is missing: image');
    expect(message('error-AUTHENTICATION_ERROR-EXPIRED_SIGN.json', 403)).toMatch(/clock/);
    expect(answer('error-AUTHENTICATION_ERROR-SOMETHING_NEW.json', 403)).toMatchObject({
      message: 'Authentication refused (SOMETHING_NEW)',
    });
  });

  it('API_NOT_FOUND has no request_id (doc), and none is invented', () => {
    expect(answer('error-API_NOT_FOUND.json', 404)).not.toHaveProperty('vendorRequestId', expect.anything());
  });

  it('CONCURRENCY_LIMIT_EXCEEDED honours a Retry-After if one is sent', () => {
    const bodyText = fixtureText('error-CONCURRENCY_LIMIT_EXCEEDED.json');
    expect(mapHttpResponse({ status: 403, bodyText, retryAfter: '3', latencyMs: 1 })).toMatchObject({
      category: 'throttled',
      retryAfterMs: 3000,
    });
    expect(mapHttpResponse({ status: 403, bodyText, latencyMs: 1 })).not.toHaveProperty('retryAfterMs');
  });

  it.each([
    [400, 'SOMETHING_ELSE', 'input'],
    [403, 'SOMETHING_ELSE', 'auth'],
    [429, 'SLOW_DOWN', 'throttled'],
    [500, 'NEW_FAILURE', 'vendor_protocol'],
    [503, 'NEW_FAILURE', 'vendor_protocol'],
    [200, 'NEW_FAILURE', 'vendor_protocol'],
  ] as const)(
    'an unknown code with HTTP %i → a refusal status decides, else vendor_protocol (%s → %s)',
    (status, error, category) => {
      const bodyText = JSON.stringify({ request_id: 'r', time_used: 1, error });
      expect(mapHttpResponse({ status, bodyText, latencyMs: 1 })).toMatchObject({ kind: 'error', category, vendorCode: error });
    },
  );

  it('a known code decides whatever the status (e.g. NO_FACE_FOUND sent with 200)', () => {
    const bodyText = JSON.stringify({ request_id: 'r', time_used: 1, error: 'NO_FACE_FOUND' });
    const outcome = mapHttpResponse({ status: 200, bodyText, latencyMs: 1 });
    expect(outcome).toMatchObject({ category: 'retake', retakeReason: 'no_face' });
  });
});

describe('answers that are not FinAuth JSON', () => {
  it('413 plain text "Request Entity Too Large" → retake/too_large, the text kept as raw', () => {
    expect(answer('http-413-request-entity-too-large.txt', 413)).toEqual({
      kind: 'error',
      category: 'retake',
      retakeReason: 'too_large',
      vendorCode: 'HTTP.413',
      message: expect.stringContaining('Request Entity Too Large'),
      httpStatus: 413,
      latencyMs: 12,
      raw: 'Request Entity Too Large',
    });
  });

  it('504 gateway page → timeout', () => {
    expect(answer('http-504-gateway-timeout.html', 504)).toMatchObject({
      kind: 'error',
      category: 'timeout',
      vendorCode: 'HTTP.504',
      httpStatus: 504,
      raw: expect.stringContaining('504 Gateway Time-out'),
    });
  });

  it.each([
    [413, 'retake'],
    [504, 'timeout'],
    [429, 'throttled'],
    [401, 'auth'],
    [403, 'auth'],
    [400, 'input'],
    [404, 'input'],
    [302, 'vendor_protocol'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
  ] as const)('HTTP %i without an error field → %s', (status, category) => {
    expect(classifyHttpStatus(status).category).toBe(category);
    const outcome = mapHttpResponse({ status, bodyText: '<html>Bad Gateway</html>', latencyMs: 5 });
    expect(outcome).toMatchObject({
      kind: 'error',
      category,
      httpStatus: status,
      vendorCode: `HTTP.${status}`,
      raw: '<html>Bad Gateway</html>',
    });
  });

  it('a success body with a non-200 status is not a result', () => {
    expect(mapHttpResponse({ status: 500, bodyText: fixtureText('success-real.json'), latencyMs: 5 })).toMatchObject({
      kind: 'error',
      category: 'unavailable',
      raw: JSON.parse(fixtureText('success-real.json')),
    });
  });

  it('keeps a long non-JSON page as truncated text', () => {
    const outcome = mapHttpResponse({ status: 502, bodyText: '<html>' + 'x'.repeat(10_000), latencyMs: 5 });
    expect(typeof outcome.raw).toBe('string');
    expect((outcome.raw as string).length).toBeLessThan(5000);
  });

  it('HTTP 200 that is not JSON → vendor_protocol', () => {
    expect(mapHttpResponse({ status: 200, bodyText: '{"result":', latencyMs: 5 })).toMatchObject({
      kind: 'error',
      category: 'vendor_protocol',
      vendorCode: TRANSPORT_CODES.invalidJson,
      httpStatus: 200,
    });
  });

  it.each([
    ['{}'],
    ['{"request_id":"r"}'],
    ['{"result":false}'],
    ['{"result":"maybe","score":0.1}'],
    ['{"result":false,"score":"0.1"}'],
    ['{"error":""}'],
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

describe('parseRetryAfterMs', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['5', 5000],
    ['soon', undefined],
    ['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
    ['Thu, 01 Jan 2025 00:00:10 GMT', 0],
  ])('%j → %s', (value, ms) => {
    expect(parseRetryAfterMs(value, Date.parse('2026-01-01T00:00:00Z'))).toBe(ms);
  });
});

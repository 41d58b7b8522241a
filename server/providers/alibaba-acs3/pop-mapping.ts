/**
 * Alibaba Cloud error codes (cloudauth deepfake doc table, POP gateway codes) onto the common error categories of
 * ../types.ts, plus the failures that never reached an Alibaba answer. Shared by alibaba-intl and alibaba-cn.
 */
import {
  AUTH,
  INPUT,
  isRefusalStatus,
  isUnreadableStatus,
  retake,
  THROTTLED,
  UNAVAILABLE,
  VENDOR_PROTOCOL,
  type ErrorClassification,
} from '../adapter-kit/classification.js';
import {
  CLIENT_TRANSPORT_CODES,
  rawFromText,
  transportFailure,
  transportOutcomes,
  type TransportOutcomes,
} from '../adapter-kit/outcomes.js';
import type { CheckFailure } from '../types.js';
import { readPopError } from './pop-error.js';

export { rawFromText, transportFailure } from '../adapter-kit/outcomes.js';

export const ERROR_CODE_CLASSIFICATION: Readonly<Record<string, ErrorClassification>> = {
  // The DeepfakeDetectIntl doc's "Return codes" table, every row.
  MissingParameter: INPUT,
  InvalidParameter: INPUT,
  NoFaceDetected: retake('no_face'),
  UnqualifiedPhoto: retake('poor_quality'),
  ToolargeImage: retake('too_large'),
  // Two media sources in one request: a fault in what we built, which no new recording can fix.
  DataDuplication: INPUT,
  // The vendor could not fetch the media in time: retryable, and each retry brings a fresh URL.
  DownloadTimeout: UNAVAILABLE,
  'Forbidden.RAMUserAccessDenied': AUTH,
  'Forbidden.AccountAccessDenied': AUTH,
  'Throttling.Api': THROTTLED,
  InternalError: UNAVAILABLE,

  // POP gateway codes (public; spec §2). A wrong clock or a replayed nonce is a signing fault like a wrong key.
  SignatureDoesNotMatch: AUTH,
  IncompleteSignature: AUTH,
  'InvalidTimeStamp.Expired': AUTH,
  'InvalidTimeStamp.Format': AUTH,
  SignatureNonceUsed: AUTH,
  'InvalidAccessKeyId.NotFound': AUTH,
  'InvalidAccessKeyId.Inactive': AUTH,
  'InvalidAction.NotFound': INPUT,
  InvalidVersion: INPUT,
  ServiceUnavailable: UNAVAILABLE,

  // (guess) cloudauth's numeric codes, answered with HTTP 200 ("Code: 200 means success, every other value is a
  // failure; see 服务端错误码"), as remembered from that public page, which the vendor doc does not include:
  // 400 parameter empty, 401 parameter invalid, 402/404 app or scene config missing, 410 service not activated,
  // 411 RAM permission missing, 412 account in arrears, 500 system error.
  '400': INPUT,
  '401': INPUT,
  '402': INPUT,
  '404': INPUT,
  '410': AUTH,
  '411': AUTH,
  '412': AUTH,
  '500': UNAVAILABLE,
};

/** Sub-codes Alibaba may add later fall under their family. */
const CODE_FAMILIES: readonly [prefix: string, classification: ErrorClassification][] = [
  ['Forbidden', AUTH],
  ['InvalidAccessKeyId', AUTH],
  ['InvalidTimeStamp', AUTH],
  ['SignatureDoesNotMatch', AUTH],
  ['MissingParameter', INPUT],
  ['InvalidParameter', INPUT],
  ['InternalError', UNAVAILABLE],
  ['ServiceUnavailable', UNAVAILABLE],
];

/** For an answer without a POP error body: what its HTTP status suggests. (guess) */
function classifyByStatus(httpStatus: number): ErrorClassification {
  // A 2xx that is not the success body, or a redirect (never followed with a signed request).
  if (isUnreadableStatus(httpStatus)) return VENDOR_PROTOCOL;
  if (httpStatus >= 500) return UNAVAILABLE;
  if (httpStatus === 413) return retake('too_large');
  if (httpStatus === 429) return THROTTLED;
  if (httpStatus === 401 || httpStatus === 403) return AUTH;
  return INPUT;
}

export function classifyErrorCode(code: string, httpStatus?: number): ErrorClassification {
  // The SDK's own rule (sdk: openapi-core doRequest): any code containing "Throttling" is a rate limit.
  if (code.includes('Throttling')) return THROTTLED;
  const exact = ERROR_CODE_CLASSIFICATION[code];
  if (exact) return exact;
  for (const [prefix, classification] of CODE_FAMILIES) {
    if (code === prefix || code.startsWith(`${prefix}.`)) return classification;
  }
  // A code nobody listed: a 4xx refusal (nothing was processed) keeps what its status says; with any other status
  // Alibaba may have done the work, so it is vendor_protocol: not re-sent, not an outage.
  return httpStatus !== undefined && isRefusalStatus(httpStatus) ? classifyByStatus(httpStatus) : VENDOR_PROTOCOL;
}

/**
 * x-acs-retry-after, as the SDK reads it (sdk: `getThrottlingTimeLeft` parses an integer, which the retry policy
 * then sleeps as milliseconds). Undefined when absent or not a non-negative number.
 */
export function parseRetryAfterMs(header: string | null | undefined): number | undefined {
  if (header === null || header === undefined || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number.parseInt(header, 10);
}

export function mapVendorError(error: {
  code: string;
  message: string;
  requestId?: string;
  httpStatus: number;
  retryAfterMs?: number;
  raw: unknown;
  latencyMs: number;
}): CheckFailure {
  const classification = classifyErrorCode(error.code, error.httpStatus);
  const failure: CheckFailure = {
    kind: 'error',
    ...classification,
    vendorCode: error.code,
    message: error.message,
    vendorRequestId: error.requestId,
    httpStatus: error.httpStatus,
    latencyMs: error.latencyMs,
    raw: error.raw,
  };
  if (classification.category === 'throttled' && error.retryAfterMs !== undefined) failure.retryAfterMs = error.retryAfterMs;
  return failure;
}

/** Codes for failures that never reached an Alibaba answer; they are ours, not the vendor's. */
export const TRANSPORT_CODES = CLIENT_TRANSPORT_CODES;

/** `vendor` names the product in messages: both Alibaba providers share these outcomes. */
export function popTransport(vendor: string): TransportOutcomes {
  return transportOutcomes(vendor, TRANSPORT_CODES);
}

/** An HTTP answer without a POP error body (a proxy's page, a redirect we refuse to follow). (guess) */
export function mapHttpStatus(vendor: string, status: number, bodyText: string, latencyMs: number): CheckFailure {
  const classification = classifyByStatus(status);
  const message =
    status >= 300 && status < 400
      ? `${vendor} answered a redirect (HTTP ${status}); a signed request is never replayed elsewhere`
      : `${vendor} answered HTTP ${status} without an Alibaba error body`;
  return transportFailure(classification.category, `HTTP.${status}`, message, latencyMs, {
    retakeReason: classification.retakeReason,
    httpStatus: status,
    raw: rawFromText(bodyText),
  });
}

export interface PopAnswer {
  status: number;
  bodyText: string;
  /** From the x-acs-retry-after header, if any. */
  retryAfterMs?: number;
  latencyMs: number;
}

/**
 * Any answer that is not the expected success body: a POP error (by its Code, with 4xx/5xx or, for cloudauth, with
 * 200), else the HTTP status, else an undocumented 200. `successCodes` are never read as error codes.
 */
export function mapPopFailure(vendor: string, successCodes: readonly string[], answer: PopAnswer): CheckFailure {
  const { status, bodyText, latencyMs } = answer;
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    if (status !== 200) return mapHttpStatus(vendor, status, bodyText, latencyMs);
    return popTransport(vendor).notJson(latencyMs, bodyText, { httpStatus: status });
  }
  const error = readPopError(json);
  if (error && !successCodes.includes(error.code)) {
    return mapVendorError({ ...error, httpStatus: status, retryAfterMs: answer.retryAfterMs, raw: json, latencyMs });
  }
  if (status !== 200) return mapHttpStatus(vendor, status, bodyText, latencyMs);
  return popTransport(vendor).undocumentedBody(latencyMs, { httpStatus: status, raw: json });
}

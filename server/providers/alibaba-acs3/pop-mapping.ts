/**
 * Alibaba Cloud error codes (cloudauth deepfake doc table, POP gateway codes) onto the common error categories of
 * ../types.ts, plus the failures that never reached an Alibaba answer. Shared by alibaba-intl and alibaba-cn.
 */
import type { CheckFailure, ErrorCategory, RetakeReason } from '../types.js';
import { readPopError } from './pop-error.js';

export interface ErrorClassification {
  category: ErrorCategory;
  retakeReason?: RetakeReason;
}

const retake = (retakeReason: RetakeReason): ErrorClassification => ({ category: 'retake', retakeReason });
const INPUT: ErrorClassification = { category: 'input' };
const AUTH: ErrorClassification = { category: 'auth' };
const THROTTLED: ErrorClassification = { category: 'throttled' };
const UNAVAILABLE: ErrorClassification = { category: 'unavailable' };

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

/** For a code nobody listed: what its HTTP status suggests. (guess) */
function classifyByStatus(httpStatus: number | undefined): ErrorClassification {
  if (httpStatus === undefined || httpStatus >= 500 || httpStatus < 400) return UNAVAILABLE;
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
  return classifyByStatus(httpStatus);
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
export const TRANSPORT_CODES = {
  timeout: 'Client.Timeout',
  aborted: 'Client.Aborted',
  network: 'Client.NetworkError',
  invalidRequest: 'Client.InvalidRequest',
  invalidJson: 'Client.InvalidJson',
  unexpectedShape: 'Client.UnexpectedResponse',
} as const;

export function transportFailure(
  category: ErrorCategory,
  vendorCode: string,
  message: string,
  latencyMs: number,
  extra: Partial<CheckFailure> = {},
): CheckFailure {
  return { kind: 'error', category, vendorCode, message, latencyMs, raw: null, ...extra };
}

export function mapTimeout(vendor: string, latencyMs: number, timeoutMs: number): CheckFailure {
  return transportFailure('timeout', TRANSPORT_CODES.timeout, `No answer from ${vendor} within ${timeoutMs} ms`, latencyMs);
}

/** The caller's own signal fired for a reason other than a timeout. (guess) Reported as unavailable. */
export function mapAborted(vendor: string, latencyMs: number): CheckFailure {
  return transportFailure('unavailable', TRANSPORT_CODES.aborted, `The check was cancelled before ${vendor} answered`, latencyMs);
}

export function mapNetworkFailure(vendor: string, latencyMs: number, cause: string): CheckFailure {
  return transportFailure('unavailable', TRANSPORT_CODES.network, `Could not reach ${vendor}: ${cause}`, latencyMs);
}

/** The request could not even be built (e.g. an endpoint that is not an http(s) URL): a configuration fault. */
export function mapInvalidRequest(vendor: string, latencyMs: number, cause: string): CheckFailure {
  return transportFailure('unavailable', TRANSPORT_CODES.invalidRequest, `Could not build the ${vendor} request: ${cause}`, latencyMs);
}

const MAX_RAW_TEXT_CHARS = 4096;

/** A body as `raw`: parsed JSON when it is JSON, else (truncated) text. */
export function rawFromText(bodyText: string): unknown {
  try {
    return JSON.parse(bodyText) as unknown;
  } catch {
    return bodyText.length > MAX_RAW_TEXT_CHARS ? `${bodyText.slice(0, MAX_RAW_TEXT_CHARS)}…` : bodyText;
  }
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
    return transportFailure('unavailable', TRANSPORT_CODES.invalidJson, `${vendor} answered with a body that is not JSON`, latencyMs, {
      httpStatus: status,
      raw: rawFromText(bodyText),
    });
  }
  const error = readPopError(json);
  if (error && !successCodes.includes(error.code)) {
    return mapVendorError({ ...error, httpStatus: status, retryAfterMs: answer.retryAfterMs, raw: json, latencyMs });
  }
  if (status !== 200) return mapHttpStatus(vendor, status, bodyText, latencyMs);
  return transportFailure('unavailable', TRANSPORT_CODES.unexpectedShape, `${vendor} answered with an undocumented body`, latencyMs, {
    httpStatus: status,
    raw: json,
  });
}

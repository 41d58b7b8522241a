/**
 * Tencent's answers onto the common CheckOutcome (../types.ts). Tencent gives no score, only a level:
 * the doc advises blocking on High and letting Mid and Low through; Mid goes to human review here.
 */
import {
  AUTH,
  INPUT,
  isUnreadableStatus,
  retake,
  THROTTLED,
  UNAVAILABLE,
  VENDOR_PROTOCOL,
  type ErrorClassification,
} from '../adapter-kit/classification.js';
import { CLIENT_TRANSPORT_CODES, rawFromText, transportFailure, transportOutcomes } from '../adapter-kit/outcomes.js';
import type { CheckFailure, CheckOutcome, CheckSuccess, Verdict } from '../types.js';
import { parseResponseBody, type SuccessBody } from './schemas.js';

/** Exact codes: every API code in the doc's error table, then the common codes (public "Common Error Codes"). */
export const ERROR_CODE_CLASSIFICATION: Readonly<Record<string, ErrorClassification>> = {
  'FailedOperation.CoveredFace': retake('covered_face'),
  'FailedOperation.DetectEngineSystemError': UNAVAILABLE,
  'FailedOperation.ImageDecodeFailed': retake('decode_failed'),
  'FailedOperation.IncompleteFace': retake('incomplete_face'),
  'FailedOperation.PoorImageQuality': retake('poor_quality'),
  'FailedOperation.UnKnown': UNAVAILABLE,
  'FailedOperation.VideoDecodeFailed': retake('decode_failed'),
  'FailedOperation.VideoDurationExceeded': retake('too_long'),
  InvalidParameter: INPUT,
  InvalidParameterValue: INPUT,
  RequestLimitExceeded: THROTTLED,
  'UnauthorizedOperation.Arrears': AUTH,
  'UnauthorizedOperation.ChargeStatusException': AUTH,
  'UnauthorizedOperation.Nonactivated': AUTH,

  // Common codes. The media is the only thing the person controls, so an oversize body means "record again".
  RequestSizeLimitExceeded: retake('too_large'),
  ActionOffline: UNAVAILABLE,
  DryRunOperation: UNAVAILABLE,
  FailedOperation: UNAVAILABLE,
  InternalError: UNAVAILABLE,
  InvalidAction: INPUT,
  InvalidRequest: INPUT,
  IpInBlacklist: AUTH,
  IpNotInWhitelist: AUTH,
  // (guess) an account quota behaves like throttling from our side: retry later, page someone if it persists.
  LimitExceeded: THROTTLED,
  MissingParameter: INPUT,
  NoSuchProduct: INPUT,
  NoSuchVersion: INPUT,
  ResourceInUse: UNAVAILABLE,
  ResourceInsufficient: UNAVAILABLE,
  ResourceNotFound: UNAVAILABLE,
  ResourceUnavailable: UNAVAILABLE,
  ResponseSizeLimitExceeded: UNAVAILABLE,
  ServiceUnavailable: UNAVAILABLE,
  UnauthorizedOperation: AUTH,
  UnknownParameter: INPUT,
  UnsupportedOperation: INPUT,
  UnsupportedProtocol: INPUT,
  UnsupportedRegion: INPUT,
};

/**
 * Sub-codes Tencent may add later (e.g. `AuthFailure.SecretIdNotFound`) fall under their family where every member
 * means the same. Not `FailedOperation.*`: its documented members are mostly about the media (retakes), so a new one
 * is as likely permanent as passing, and is vendor_protocol like any unknown code.
 */
const CODE_FAMILIES: readonly [prefix: string, classification: ErrorClassification][] = [
  ['AuthFailure', AUTH],
  ['UnauthorizedOperation', AUTH],
  ['RequestLimitExceeded', THROTTLED],
  ['LimitExceeded', THROTTLED],
  ['InvalidParameterValue', INPUT],
  ['InvalidParameter', INPUT],
  ['MissingParameter', INPUT],
  ['UnknownParameter', INPUT],
  ['InternalError', UNAVAILABLE],
  ['ResourceUnavailable', UNAVAILABLE],
  ['ResourceInsufficient', UNAVAILABLE],
];

export function classifyErrorCode(code: string): ErrorClassification {
  const exact = ERROR_CODE_CLASSIFICATION[code];
  if (exact) return exact;
  for (const [prefix, classification] of CODE_FAMILIES) {
    if (code === prefix || code.startsWith(`${prefix}.`)) return classification;
  }
  // Anything else unknown: the vendor may have done the work, so it is not re-sent nor counted as an outage; its
  // code is kept on the outcome (vendorCode) for whoever looks at it.
  return VENDOR_PROTOCOL;
}

export function verdictForRiskLevel(level: string): Verdict {
  switch (level) {
    case 'High':
      return 'fail';
    case 'Mid':
      return 'review';
    case 'Low':
      return 'pass';
    default:
      // (guess) a level the doc does not list must not pass unseen: a person looks at it.
      return 'review';
  }
}

export function mapSuccess(body: SuccessBody, raw: unknown, latencyMs: number): CheckSuccess {
  const { AttackRiskLevel, AttackRiskDetailList, RequestId } = body.Response;
  return {
    kind: 'result',
    verdict: verdictForRiskLevel(AttackRiskLevel),
    riskTags: [...new Set(AttackRiskDetailList.map((detail) => detail.Type))],
    vendorRequestId: RequestId,
    latencyMs,
    raw,
  };
}

export function mapVendorError(error: {
  code: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
  raw: unknown;
  latencyMs: number;
}): CheckFailure {
  return {
    kind: 'error',
    ...classifyErrorCode(error.code),
    vendorCode: error.code,
    message: error.message,
    vendorRequestId: error.requestId,
    httpStatus: error.httpStatus,
    latencyMs: error.latencyMs,
    raw: error.raw,
  };
}

/** Codes for failures that never reached a Tencent answer; they are ours, not the vendor's. */
export const TRANSPORT_CODES = CLIENT_TRANSPORT_CODES;

export const TENCENT_TRANSPORT = transportOutcomes('Tencent', TRANSPORT_CODES);

/**
 * The SDK treats any status other than 200 as a transport error (spec §5: API errors come with HTTP 200), so the
 * status decides before the body. 5xx → unavailable, 4xx → input; 413 and 429 are read for what they say; another
 * 2xx or a redirect (never followed) → vendor_protocol. (guess)
 */
export function mapHttpStatus(status: number, bodyText: string, latencyMs: number): CheckFailure {
  const raw = rawFromText(bodyText);
  const base = { httpStatus: status, raw };
  const vendorCode = `HTTP.${status}`;
  if (status === 413) {
    return transportFailure('retake', vendorCode, 'Tencent refused the request as too large', latencyMs, {
      ...base,
      retakeReason: 'too_large',
    });
  }
  if (status === 429) return transportFailure('throttled', vendorCode, 'Tencent rate-limited the request', latencyMs, base);
  if (isUnreadableStatus(status)) {
    const what = status >= 300 ? 'a redirect, not followed with a signed request' : 'not a documented answer';
    return transportFailure('vendor_protocol', vendorCode, `Tencent answered HTTP ${status} (${what})`, latencyMs, base);
  }
  if (status >= 400 && status < 500) {
    return transportFailure('input', vendorCode, `Tencent refused the request with HTTP ${status}`, latencyMs, base);
  }
  return transportFailure('unavailable', vendorCode, `Tencent answered HTTP ${status}`, latencyMs, base);
}

/** From an HTTP answer to a CheckOutcome: status first, then JSON, then the documented shapes. */
export function mapHttpResponse(response: { status: number; bodyText: string; latencyMs: number }): CheckOutcome {
  const { status, bodyText, latencyMs } = response;
  if (status !== 200) return mapHttpStatus(status, bodyText, latencyMs);
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return TENCENT_TRANSPORT.notJson(latencyMs, bodyText, { httpStatus: status });
  }
  const parsed = parseResponseBody(json);
  switch (parsed.kind) {
    case 'success':
      return mapSuccess(parsed.body, json, latencyMs);
    case 'error':
      return mapVendorError({
        code: parsed.body.Response.Error.Code,
        message: parsed.body.Response.Error.Message,
        requestId: parsed.body.Response.RequestId,
        httpStatus: status,
        raw: json,
        latencyMs,
      });
    case 'unexpected':
      return TENCENT_TRANSPORT.undocumentedBody(latencyMs, { httpStatus: status, raw: json });
  }
}

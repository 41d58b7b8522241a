/**
 * FinAuth's answers onto the common CheckOutcome (../types.ts). The score is already on our scale: the doc says
 * "[0,1]. A higher score indicates a greater possibility of an attack", so 1 = most likely fake, passed through.
 */
import {
  AUTH,
  INPUT,
  isRefusalStatus,
  isUnreadableStatus,
  retake,
  THROTTLED,
  TIMEOUT,
  UNAVAILABLE,
  VENDOR_PROTOCOL,
  type ErrorClassification,
} from '../adapter-kit/classification.js';
import { CLIENT_TRANSPORT_CODES, rawFromText, transportFailure, transportOutcomes } from '../adapter-kit/outcomes.js';
import type { CheckFailure, CheckOutcome, CheckSuccess, Verdict } from '../types.js';
import { parseResponseBody, splitErrorString, type SuccessBody } from './schemas.js';

/** Doc: threshold "The default value is 0.5"; used when an answer leaves it out. */
export const DEFAULT_THRESHOLD = 0.5;

/**
 * Our policy, not the vendor's: a "not a deepfake" answer whose score lies within this distance below the threshold
 * (or above it, which the vendor should not send with result=false) goes to human review. Why: FinAuth answers one
 * boolean against a fixed 0.5, and a clip scored 0.45 is close to a coin toss for onboarding; a person looking at
 * those few cases costs less than letting a near-miss synthetic face through. (guess) 0.1 is a starting value to be
 * tuned on real score distributions.
 */
export const REVIEW_MARGIN = 0.1;
/** Tags we add; FinAuth returns no risk types of its own. */
export const RISK_TAGS = { deepfake: 'deepfake', nearThreshold: 'near_threshold' } as const;

/** Every code of the doc's error table (the part before `:`), with the doc's description. */
export const ERROR_CODES: Readonly<Record<string, ErrorClassification & { description: string }>> = {
  MISSING_ARGUMENTS: { ...INPUT, description: 'A required parameter is missing' },
  // The only thing in our request that varies is the media (sign_version and data_type are constants proven
  // against the simulator), so in practice this is the doc's "the input image/video format is invalid". (guess)
  BAD_ARGUMENTS: { ...retake('decode_failed'), description: 'Parameter parsing failed (e.g. the image/video format is invalid)' },
  NO_FACE_FOUND: { ...retake('no_face'), description: 'No face detected in the input image or video' },
  INVALID_IMAGE_SIZE: { ...retake('too_large'), description: 'Image size exceeds the limit' },
  // The vendor ran out of time on this request: the same as our own deadline, not an outage of the endpoint.
  INTERNAL_TIMEOUT: { ...TIMEOUT, description: 'Request timeout' },
  // Every reason, documented or not (doc: "reserve a processing solution for other possible error codes"):
  // each one needs a person to fix keys, quota, IP allow-list or the clock; a retry does not help.
  AUTHENTICATION_ERROR: { ...AUTH, description: 'Invalid signature' },
  CONCURRENCY_LIMIT_EXCEEDED: { ...THROTTLED, description: 'The number of concurrent requests exceeds the limit' },
  // A wrong FINAUTH_ENDPOINT path: our request, not the vendor, is at fault (as Tencent's InvalidAction).
  API_NOT_FOUND: { ...INPUT, description: 'The called API does not exist' },
  INTERNAL_ERROR: { ...UNAVAILABLE, description: 'Internal error (contact FinAuth if it persists)' },
};

/** Doc: the reasons after `AUTHENTICATION_ERROR:`. */
export const AUTHENTICATION_REASONS: Readonly<Record<string, string>> = {
  API_KEY_BE_DISCONTINUED: 'The api_key is deactivated',
  IP_NOT_ALLOWED: 'Unauthorized IP access',
  LIMIT_REACHED: 'The call volume of this API for this api_key reached its upper limit (test api_keys only)',
  MORE_RETRY_TIMES: 'The maximum number of retries is reached',
  DENIED: 'No permission to call this API',
  EXPIRED_SIGN: "Signature expired (check this server's clock)",
  INVALID_SIGN: 'Invalid signature',
};

/** For an answer that is not FinAuth's error JSON: what its status says. (guess) */
export function classifyHttpStatus(status: number): ErrorClassification {
  // Doc: 413 "Request Entity Too Large": the media is the only part of the request the person controls.
  if (status === 413) return retake('too_large');
  // Doc: 504 "Request timeout".
  if (status === 504) return TIMEOUT;
  if (status === 429) return THROTTLED;
  // Doc: 403 is the authentication family (CONCURRENCY_LIMIT_EXCEEDED is matched by its code before this).
  if (status === 401 || status === 403) return AUTH;
  if (status >= 400 && status < 500) return INPUT;
  // A 2xx without FinAuth's body, or a redirect (never followed with a signed request).
  if (isUnreadableStatus(status)) return VENDOR_PROTOCOL;
  return UNAVAILABLE;
}

/**
 * A code in none of the tables: a status that documents a meaning (4xx refusals, 504) decides; with any other
 * status FinAuth may have done the work, so it is vendor_protocol: not re-sent, not an outage.
 */
function classifyUnknownCode(httpStatus: number): ErrorClassification {
  return isRefusalStatus(httpStatus) || httpStatus === 504 ? classifyHttpStatus(httpStatus) : VENDOR_PROTOCOL;
}

export function classifyError(error: string, httpStatus: number): ErrorClassification {
  const known = ERROR_CODES[splitErrorString(error).code];
  if (!known) return classifyUnknownCode(httpStatus);
  return known.retakeReason ? { category: known.category, retakeReason: known.retakeReason } : { category: known.category };
}

export function describeError(error: string): string {
  const { code, detail } = splitErrorString(error);
  if (code === 'AUTHENTICATION_ERROR' && detail !== undefined) {
    return AUTHENTICATION_REASONS[detail] ?? `Authentication refused (${detail})`;
  }
  const description = ERROR_CODES[code]?.description ?? `FinAuth error ${code}`;
  return detail === undefined ? description : `${description}: ${detail}`;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** result=true → fail; otherwise pass, unless the score is within REVIEW_MARGIN of the threshold. */
export function verdictFor(result: boolean, score: number, threshold: number): Verdict {
  if (result) return 'fail';
  // The epsilon keeps 0.5 − 0.1 = 0.4 inside the band despite binary fractions.
  return threshold - score <= REVIEW_MARGIN + 1e-9 ? 'review' : 'pass';
}

export function mapSuccess(body: SuccessBody, raw: unknown, latencyMs: number): CheckSuccess {
  // Doc: both are in [0,1]; a value a hair outside is clamped rather than refused.
  const score = clamp01(body.score);
  const threshold = clamp01(body.threshold ?? DEFAULT_THRESHOLD);
  const verdict = verdictFor(body.result, score, threshold);
  const riskTags: string[] = verdict === 'fail' ? [RISK_TAGS.deepfake] : verdict === 'review' ? [RISK_TAGS.nearThreshold] : [];
  return { kind: 'result', verdict, score, threshold, riskTags, vendorRequestId: body.request_id, latencyMs, raw };
}

export function mapVendorError(input: {
  error: string;
  httpStatus: number;
  requestId?: string;
  retryAfterMs?: number;
  raw: unknown;
  latencyMs: number;
}): CheckFailure {
  const classification = classifyError(input.error, input.httpStatus);
  return {
    kind: 'error',
    ...classification,
    vendorCode: input.error,
    message: describeError(input.error),
    vendorRequestId: input.requestId,
    httpStatus: input.httpStatus,
    ...(classification.category === 'throttled' && input.retryAfterMs !== undefined ? { retryAfterMs: input.retryAfterMs } : {}),
    latencyMs: input.latencyMs,
    raw: input.raw,
  };
}

/** Codes for failures that never reached a FinAuth answer; they are ours, not the vendor's. */
export const TRANSPORT_CODES = { ...CLIENT_TRANSPORT_CODES, aborted: 'client_aborted' } as const;

export const FINAUTH_TRANSPORT = transportOutcomes('FinAuth', TRANSPORT_CODES);

/** RFC 9110 Retry-After: delay-seconds or an HTTP-date. The doc mentions none; honoured if a proxy sends one. */
export function parseRetryAfterMs(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  413: 'FinAuth refused the request as too large (Request Entity Too Large)',
  504: 'FinAuth timed out (Gateway Timeout)',
};

/** An answer without FinAuth's `error` field: the status decides, and a non-JSON body is kept as text. */
export function mapHttpStatus(status: number, bodyText: string, latencyMs: number, retryAfterMs?: number): CheckFailure {
  const classification = classifyHttpStatus(status);
  return transportFailure(
    classification.category,
    `HTTP.${status}`,
    STATUS_MESSAGES[status] ??
      (status >= 300 && status < 400
        ? `FinAuth answered a redirect (HTTP ${status}); a signed request is never replayed elsewhere`
        : `FinAuth answered HTTP ${status}`),
    latencyMs,
    {
      ...classification,
      httpStatus: status,
      raw: rawFromText(bodyText),
      ...(classification.category === 'throttled' && retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  );
}

export interface HttpAnswer {
  status: number;
  bodyText: string;
  /** The Retry-After header, if any. */
  retryAfter?: string | null;
  latencyMs: number;
}

/** From an HTTP answer to a CheckOutcome: FinAuth's `error` first (any status), then the status, then the body. */
export function mapHttpResponse(answer: HttpAnswer): CheckOutcome {
  const { status, bodyText, latencyMs } = answer;
  const retryAfterMs = parseRetryAfterMs(answer.retryAfter);
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(bodyText);
  } catch {
    isJson = false;
  }
  const parsed = isJson ? parseResponseBody(json) : ({ kind: 'unexpected' } as const);
  if (parsed.kind === 'error') {
    return mapVendorError({
      error: parsed.body.error,
      httpStatus: status,
      requestId: parsed.body.request_id,
      retryAfterMs,
      raw: json,
      latencyMs,
    });
  }
  if (status !== 200) return mapHttpStatus(status, bodyText, latencyMs, retryAfterMs);
  if (!isJson) {
    return FINAUTH_TRANSPORT.notJson(latencyMs, bodyText, { httpStatus: status });
  }
  if (parsed.kind === 'success') return mapSuccess(parsed.body, json, latencyMs);
  return FINAUTH_TRANSPORT.undocumentedBody(latencyMs, { httpStatus: status, raw: json });
}

/**
 * GLAIR's answers onto the common CheckOutcome (../types.ts).
 *
 * How `confidence` is read. The doc calls it the "confidence score of the model producing the output (in
 * percentage)", which suggests certainty in `value`. Its own samples say otherwise: `fake` 0.99768, but `real`
 * 0.06415 and `real` 0.06789. A model does not answer "real" while 6 % sure of it, so the number is read as the
 * probability that the face is fake (guess, to confirm on the live API):
 *   score = confidence (already 1 = most likely fake), whatever `value` says;
 *   certainty in the stated value = confidence for `fake`, 1 − confidence for `real`;
 *   our policy: certainty below 0.6 → review (a person looks), otherwise fake → fail and real → pass;
 *   certainty below 0.5 means value and confidence disagree (impossible under this reading, but exactly what
 *   the other reading would produce for a confident answer) → review, and no score because its direction is unknown.
 * Either way, the two readings only ever disagree on answers that go to review.
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
import { DOCUMENTED_STATUSES, errorDetails, parseResponseBody, type SuccessBody } from './schemas.js';

/** Our policy (not GLAIR's): below this certainty in the stated value, a person reviews the case. */
export const LOW_CONFIDENCE_BELOW = 0.6;

/** GLAIR sends no risk types; these are ours, so a reviewer sees why a case landed where it did. */
export const RISK_TAGS = {
  deepfake: 'deepfake',
  lowConfidence: 'low_confidence',
  contradiction: 'confidence_contradicts_value',
  unknownValue: 'unknown_value',
} as const;

export interface DeepfakeReading {
  verdict: Verdict;
  score?: number;
  riskTags: string[];
}

/**
 * 0–1 as every sample shows; 1–100 read as the percentage the doc's description promises (guess). Anything
 * else is not a confidence, and the caller treats the answer as undocumented.
 */
export function normaliseConfidence(confidence: number): number | undefined {
  if (!Number.isFinite(confidence) || confidence < 0) return undefined;
  if (confidence <= 1) return confidence;
  if (confidence <= 100) return confidence / 100;
  return undefined;
}

/** See the file comment. Undefined when the confidence is not a number we can read. */
export function readDeepfake(value: string, confidence: number): DeepfakeReading | undefined {
  const fakeProbability = normaliseConfidence(confidence);
  if (fakeProbability === undefined) return undefined;
  if (value !== 'fake' && value !== 'real') {
    // (guess) a value the doc does not list must not pass unseen.
    return { verdict: 'review', score: fakeProbability, riskTags: [RISK_TAGS.unknownValue] };
  }
  const tags: string[] = value === 'fake' ? [RISK_TAGS.deepfake] : [];
  const certainty = value === 'fake' ? fakeProbability : 1 - fakeProbability;
  if (certainty < 0.5) return { verdict: 'review', riskTags: [...tags, RISK_TAGS.contradiction] };
  if (certainty < LOW_CONFIDENCE_BELOW) {
    return { verdict: 'review', score: fakeProbability, riskTags: [...tags, RISK_TAGS.lowConfidence] };
  }
  return { verdict: value === 'fake' ? 'fail' : 'pass', score: fakeProbability, riskTags: tags };
}

/** Doc: the `status` enum, plus the 400 example's `ERROR`. */
export const STATUS_CLASSIFICATION: Readonly<Record<string, ErrorClassification>> = {
  // We always send a file, so its absence is a fault in our request, not in the person's clip.
  NO_FILE: INPUT,
  FILE_INVALID_FORMAT: retake('decode_failed'),
  // (guess) The doc does not say what FAILED means; a well-formed file the model could not read is most
  // likely a face it could not find or see well, which a new recording fixes.
  FAILED: retake('poor_quality'),
  // Doc: the 400 example "No file in request body".
  ERROR: INPUT,
};

export function classifyStatus(status: string): ErrorClassification {
  // Anything else unknown: GLAIR may have done the work, so it is not re-sent nor counted as an outage; its status
  // is kept on the outcome (vendorCode) for whoever looks at it.
  return STATUS_CLASSIFICATION[status] ?? VENDOR_PROTOCOL;
}

const documentedStatuses: ReadonlySet<string> = new Set(DOCUMENTED_STATUSES);

/** Statuses that blame the media rather than our request; they refine a 4xx that would otherwise be `input`. */
const MEDIA_STATUSES = new Set(['FILE_INVALID_FORMAT', 'FAILED']);

/**
 * Public (docs.glair.ai/vision/errors): 400, 401, 403, 415, 429, 5xx. The rest is marked (guess). A 5xx is an outage
 * unless its body carries a status in none of our tables (GLAIR's application answered something new: vendor_protocol,
 * as every vendor's unknown codes); a redirect we did not follow is vendor_protocol.
 */
export function classifyHttpError(httpStatus: number, bodyStatus: string | undefined): ErrorClassification {
  if (isUnreadableStatus(httpStatus)) return VENDOR_PROTOCOL;
  if (httpStatus === 401 || httpStatus === 403) return AUTH;
  if (httpStatus === 429) return THROTTLED;
  if (httpStatus === 415) return INPUT;
  // (guess) Not in GLAIR's table: what an HTTP front answers for an oversized upload; only the clip can shrink.
  if (httpStatus === 413) return retake('too_large');
  // (guess) Not in GLAIR's table: the server gave up waiting for our upload.
  if (httpStatus === 408) return { category: 'timeout' };
  if (httpStatus >= 400 && httpStatus < 500) {
    return bodyStatus !== undefined && MEDIA_STATUSES.has(bodyStatus) ? classifyStatus(bodyStatus) : INPUT;
  }
  return bodyStatus === undefined || documentedStatuses.has(bodyStatus) ? UNAVAILABLE : VENDOR_PROTOCOL;
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Codes for failures that never reached a GLAIR answer; they are ours, not the vendor's. */
export const TRANSPORT_CODES = {
  ...CLIENT_TRANSPORT_CODES,
  crossOriginRedirect: 'Client.CrossOriginRedirect',
  tooManyRedirects: 'Client.TooManyRedirects',
} as const;

export const GLAIR_TRANSPORT = transportOutcomes('GLAIR', TRANSPORT_CODES);

/** A redirect we refused to follow, because the credentials would go with it: vendor_protocol (see classifyHttpError). */
export function mapRefusedRedirect(
  latencyMs: number,
  reason: 'cross_origin' | 'too_many',
  httpStatus: number,
  requestId: string | undefined,
): CheckFailure {
  const [vendorCode, message] =
    reason === 'cross_origin'
      ? [
          TRANSPORT_CODES.crossOriginRedirect,
          `GLAIR redirected (HTTP ${httpStatus}) to another origin; not followed with credentials`,
        ]
      : [TRANSPORT_CODES.tooManyRedirects, `GLAIR redirected too many times (last HTTP ${httpStatus})`];
  return transportFailure('vendor_protocol', vendorCode, message, latencyMs, { httpStatus, vendorRequestId: requestId });
}

export interface HttpAnswer {
  status: number;
  bodyText: string;
  /** Doc: "found in the response headers under Request-Id". */
  requestId?: string;
  retryAfter?: string;
  latencyMs: number;
  now: Date;
}

export function mapSuccess(body: SuccessBody, raw: unknown, answer: HttpAnswer): CheckOutcome {
  const { value, confidence } = body.read.deepfake;
  const reading = readDeepfake(value, confidence);
  if (!reading) {
    return transportFailure(
      'vendor_protocol',
      TRANSPORT_CODES.unexpectedShape,
      'GLAIR answered a confidence that is not 0–1 or 0–100',
      answer.latencyMs,
      {
        httpStatus: answer.status,
        vendorRequestId: answer.requestId,
        raw,
      },
    );
  }
  const result: CheckSuccess = {
    kind: 'result',
    verdict: reading.verdict,
    riskTags: reading.riskTags,
    vendorRequestId: answer.requestId,
    latencyMs: answer.latencyMs,
    raw,
  };
  if (reading.score !== undefined) result.score = reading.score;
  return result;
}

/** An HTTP error: the status decides, refined by a documented body status; the body's reason is the message. */
export function mapHttpError(answer: HttpAnswer): CheckFailure {
  const raw = rawFromText(answer.bodyText);
  const details = errorDetails(raw);
  const classification = classifyHttpError(answer.status, details.status);
  const failure: CheckFailure = {
    kind: 'error',
    ...classification,
    vendorCode: details.status ?? `HTTP.${answer.status}`,
    message: details.reason ?? `GLAIR answered HTTP ${answer.status}`,
    httpStatus: answer.status,
    vendorRequestId: answer.requestId,
    latencyMs: answer.latencyMs,
    raw,
  };
  if (classification.category === 'throttled') {
    const retryAfterMs = parseRetryAfter(answer.retryAfter, answer.now);
    if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  }
  return failure;
}

/** From an HTTP answer to a CheckOutcome: status first, then JSON, then the documented shapes. */
export function mapHttpResponse(answer: HttpAnswer): CheckOutcome {
  const { status, bodyText, latencyMs, requestId } = answer;
  if (status < 200 || status > 299) return mapHttpError(answer);
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return GLAIR_TRANSPORT.notJson(latencyMs, bodyText, { httpStatus: status, vendorRequestId: requestId });
  }
  const parsed = parseResponseBody(json);
  switch (parsed.kind) {
    case 'success':
      return mapSuccess(parsed.body, json, answer);
    case 'status':
      return {
        kind: 'error',
        ...classifyStatus(parsed.body.status),
        vendorCode: parsed.body.status,
        message: parsed.body.reason || parsed.body.message || `GLAIR answered status ${parsed.body.status}`,
        httpStatus: status,
        vendorRequestId: requestId,
        latencyMs,
        raw: json,
      };
    case 'unexpected':
      return GLAIR_TRANSPORT.undocumentedBody(latencyMs, { httpStatus: status, vendorRequestId: requestId, raw: json });
  }
}

/**
 * The answers the GLAIR simulator gives: the doc's success and 400 bodies verbatim, and for everything the doc
 * does not show, the same `{"reason","status"}` shape (guess) with the HTTP status of GLAIR's errors page.
 * Every answer carries a fresh `Request-Id` header (doc; its format is not documented: a UUID here, guess).
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

export interface GlairErrorBody {
  reason: string;
  status: string;
}

export interface GlairSuccessBody {
  read: { deepfake: { confidence: number; value: 'real' | 'fake' } };
  reason: string;
  status: 'SUCCESS';
}

export interface SimulatedAnswer {
  httpStatus: number;
  body: GlairErrorBody | GlairSuccessBody;
  headers: Record<string, string>;
}

export function newRequestId(): string {
  return randomUUID();
}

/** Doc: the sample confidences (`real` 0.06415167450904846, `fake` 0.99768). */
export const DOC_REAL_CONFIDENCE = 0.06415167450904846;
export const DOC_FAKE_CONFIDENCE = 0.99768;
/** (guess) A `fake` the model is unsure of: our mapping's review band (see mapping.ts). */
export const SUSPICIOUS_CONFIDENCE = 0.55;

/** (guess) Seconds a throttled caller is asked to wait; GLAIR's errors page says only "use exponential backoff". */
export const RETRY_AFTER_S = 1;

/** (guess) Reasons and HTTP statuses for the GLAIR statuses; only ERROR's 400 body is in the doc. */
const STATUS_ANSWERS: Readonly<Record<string, { httpStatus: number; reason: string }>> = {
  ERROR: { httpStatus: 400, reason: 'No file in request body' },
  NO_FILE: { httpStatus: 400, reason: 'No file in request body' },
  FILE_INVALID_FORMAT: { httpStatus: 400, reason: 'Invalid file format' },
  // The enum describes "the reading result", so a read that failed is answered like a read that worked.
  FAILED: { httpStatus: 200, reason: 'Failed to read file' },
};

function answer(
  httpStatus: number,
  body: GlairErrorBody | GlairSuccessBody,
  headers: Record<string, string> = {},
): SimulatedAnswer {
  return { httpStatus, body, headers: { 'Request-Id': newRequestId(), ...headers } };
}

export function successAnswer(value: 'real' | 'fake', confidence: number): SimulatedAnswer {
  // Key order as in the doc's samples.
  return answer(200, { read: { deepfake: { confidence, value } }, reason: 'File Successfully Read', status: 'SUCCESS' });
}

/** A GLAIR status with its (guessed) HTTP status; `reason` overrides the default wording. */
export function statusAnswer(status: string, reason?: string): SimulatedAnswer {
  const known = STATUS_ANSWERS[status];
  return answer(known?.httpStatus ?? 400, { reason: reason ?? known?.reason ?? `Simulated status ${status}`, status });
}

/** An HTTP-level error (public errors page: 400, 401, 403, 415, 429, 5xx), in the doc's error shape. */
export function httpErrorAnswer(httpStatus: number, reason?: string): SimulatedAnswer {
  const headers: Record<string, string> = httpStatus === 429 ? { 'Retry-After': String(RETRY_AFTER_S) } : {};
  return answer(httpStatus, { reason: reason ?? STATUS_CODES[httpStatus] ?? `HTTP ${httpStatus}`, status: 'ERROR' }, headers);
}

/** (guess) The doc gives the 6 MB limit but no error for it: 413, what an HTTP front answers, in the doc's shape. */
export function tooLargeAnswer(): SimulatedAnswer {
  return httpErrorAnswer(413, 'File size exceeds the 6MB limit');
}

/** `/_control` error codes: a three-digit HTTP status, or a GLAIR status. */
export function errorAnswerFor(errorCode: string): SimulatedAnswer {
  if (/^[1-5]\d\d$/.test(errorCode)) return httpErrorAnswer(Number(errorCode));
  return statusAnswer(errorCode);
}

/**
 * The answers the FinAuth simulator sends (vendor doc "Response Description" and "Error Message"): JSON with real
 * HTTP statuses, except 413 and 504, which the doc says are not JSON.
 */
import { randomUUID } from 'node:crypto';
import { splitErrorString } from '../schemas.js';

/** Doc: threshold "The default value is 0.5". */
export const SIMULATED_THRESHOLD = 0.5;
/** (guess) Scores a real service would plausibly give; `suspicious` sits inside mapping.ts's review band. */
export const OUTCOME_SCORES = { real: 0.03, fake: 0.97, suspicious: 0.45 } as const;

/** Doc: the HTTP status of each code in the error table. */
export const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  MISSING_ARGUMENTS: 400,
  BAD_ARGUMENTS: 400,
  NO_FACE_FOUND: 400,
  INVALID_IMAGE_SIZE: 400,
  INTERNAL_TIMEOUT: 400,
  AUTHENTICATION_ERROR: 403,
  CONCURRENCY_LIMIT_EXCEEDED: 403,
  API_NOT_FOUND: 404,
  INTERNAL_ERROR: 500,
};

/** Doc: 413 "Request Entity Too Large … returned in plain text format". (guess) The body is exactly that phrase. */
export const ENTITY_TOO_LARGE_TEXT = 'Request Entity Too Large';
/** Doc: 504 "Gateway Timeout"; (guess) a front proxy's HTML page, as nginx writes it. */
export const GATEWAY_TIMEOUT_HTML =
  '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n' +
  '<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n';

export interface SimulatedAnswer {
  status: number;
  contentType: string;
  /** Serialized once: exactly what is sent. */
  body: string;
  /** What the control history shows. */
  summary: { requestId?: string; error?: string; result?: boolean; score?: number };
}

/** (guess) Megvii-style `<unix seconds>,<uuid>`; the doc only says "a unique string". */
export function newRequestId(now: Date): string {
  return `${Math.floor(now.getTime() / 1000)},${randomUUID()}`;
}

function json(status: number, body: Record<string, unknown>, summary: SimulatedAnswer['summary']): SimulatedAnswer {
  return { status, contentType: 'application/json', body: JSON.stringify(body), summary };
}

export function successAnswer(input: { now: Date; timeUsedMs: number; result: boolean; score: number }): SimulatedAnswer {
  const requestId = newRequestId(input.now);
  const { timeUsedMs, result, score } = input;
  return json(
    200,
    { request_id: requestId, time_used: timeUsedMs, result, score, threshold: SIMULATED_THRESHOLD },
    { requestId, result, score },
  );
}

/**
 * Any FinAuth error string, with the doc's status for its code. `413` and `504` give the doc's non-JSON answers;
 * `API_NOT_FOUND` comes without request_id (doc: "always returned except when error 404").
 */
export function errorAnswer(input: { error: string; now: Date; timeUsedMs: number; httpStatus?: number }): SimulatedAnswer {
  const { error } = input;
  if (error === '413') {
    return { status: input.httpStatus ?? 413, contentType: 'text/plain', body: ENTITY_TOO_LARGE_TEXT, summary: { error } };
  }
  if (error === '504') {
    return { status: input.httpStatus ?? 504, contentType: 'text/html', body: GATEWAY_TIMEOUT_HTML, summary: { error } };
  }
  const status = input.httpStatus ?? STATUS_BY_CODE[splitErrorString(error).code] ?? 400;
  if (splitErrorString(error).code === 'API_NOT_FOUND') return json(status, { error }, { error });
  const requestId = newRequestId(input.now);
  return json(status, { request_id: requestId, time_used: input.timeUsedMs, error }, { requestId, error });
}

/**
 * What the GLAIR simulator checks before looking at the media, in order: credentials (both headers), then the
 * request's shape per endpoint (vendor doc "Parameter"; spec §3). Every refusal is a finished answer.
 * Reasons and the order of checks are ours (guess): the doc shows only the 400 "No file in request body".
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { parseBasicAuthorization, type GlairCredentials } from '../auth.js';
import { GLAIR_HARD_LIMITS } from '../limits.js';
import { VIDEO_FIELD } from '../request.js';
import { httpErrorAnswer, statusAnswer, tooLargeAnswer, type SimulatedAnswer } from './responses.js';
import { multipartBoundary, parseMultipart } from './multipart.js';
import { isStandardBase64 } from '../../base64.js';

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Compares without leaking through timing how much of a secret was right. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function isAnswer(value: unknown): value is SimulatedAnswer {
  return typeof value === 'object' && value !== null && 'httpStatus' in value;
}

/** Public (docs.glair.ai/vision/errors): 401 for a missing API key or a wrong username/password. */
export function checkCredentials(headers: Headers, credentials: GlairCredentials): SimulatedAnswer | undefined {
  const apiKey = header(headers, 'x-api-key');
  if (apiKey === undefined || apiKey === '') return httpErrorAnswer(401, 'Missing API key');
  if (!sameSecret(apiKey, credentials.apiKey)) return httpErrorAnswer(401, 'Invalid API key');
  const authorization = header(headers, 'authorization');
  if (authorization === undefined) return httpErrorAnswer(401, 'Missing Authorization header');
  const basic = parseBasicAuthorization(authorization);
  if (!basic) return httpErrorAnswer(401, 'Invalid Authorization header');
  // Both compared every time, so a right username with a wrong password takes as long as anything else.
  const userOk = sameSecret(basic.username, credentials.username);
  const passwordOk = sameSecret(basic.password, credentials.password);
  if (!userOk || !passwordOk) return httpErrorAnswer(401, 'Invalid username or password');
  return undefined;
}

/** Doc: multipart/form-data with one file field `video` (.mp4), at most 6 MB. */
export function checkVideoUpload(headers: Headers, body: Buffer): SimulatedAnswer | { video: Buffer } {
  const boundary = multipartBoundary(header(headers, 'content-type'));
  // Public: 415 "unsupported media type" is on GLAIR's errors page; this is where it fits.
  if (boundary === undefined) return httpErrorAnswer(415, 'Content-Type must be multipart/form-data');
  const parts = parseMultipart(body, boundary);
  if (!parts) return httpErrorAnswer(400, 'Malformed multipart body');
  const file = parts.find((part) => part.name === VIDEO_FIELD && part.filename !== undefined);
  // Doc: the 400 example, verbatim ("Input video not found").
  if (!file || file.data.length === 0) return statusAnswer('ERROR', 'No file in request body');
  if (file.data.length > GLAIR_HARD_LIMITS.maxVideoBytes) return tooLargeAnswer();
  return { video: file.data };
}

/**
 * The doc's curl sends the JSON with `--data-raw` and no Content-Type, i.e. curl's x-www-form-urlencoded,
 * so the real API must read the body as JSON whatever it is labelled; a multipart body is refused. (guess)
 */
const FRAMES_MEDIA_TYPES = new Set(['', 'application/json', 'application/x-www-form-urlencoded', 'text/plain']);

/** Doc: raw JSON `{"frames": ["base64_1", …]}`, "The maximum total size is 6MB". */
export function checkFramesBody(headers: Headers, body: Buffer): SimulatedAnswer | { frames: Buffer[] } {
  const mediaType = (header(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FRAMES_MEDIA_TYPES.has(mediaType)) return httpErrorAnswer(415, 'Content-Type must be application/json');
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return httpErrorAnswer(400, 'Request body is not valid JSON');
  }
  const frames =
    typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as { frames?: unknown }).frames : undefined;
  if (frames === undefined || (Array.isArray(frames) && frames.length < GLAIR_HARD_LIMITS.minFrames)) {
    return statusAnswer('NO_FILE', 'No frames in request body');
  }
  if (!Array.isArray(frames)) return httpErrorAnswer(400, 'frames must be a list of base64 strings');
  const total = frames.reduce<number>((sum, frame) => sum + (typeof frame === 'string' ? frame.length : 0), 0);
  if (total > GLAIR_HARD_LIMITS.maxFramesBase64Bytes) return tooLargeAnswer();
  const decoded: Buffer[] = [];
  for (const [index, frame] of frames.entries()) {
    if (typeof frame !== 'string' || frame === '' || !isStandardBase64(frame, { requirePadding: true })) {
      return statusAnswer('FILE_INVALID_FORMAT', `Frame ${index} is not a base64 string`);
    }
    decoded.push(Buffer.from(frame, 'base64'));
  }
  return { frames: decoded };
}

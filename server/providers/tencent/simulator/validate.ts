/**
 * What the Tencent gateway and DetectAIFakeFaces check before looking at the media, in that order:
 * size, common headers, TC3 signature, then the JSON parameters (doc "Input Parameters"; spec §5).
 */
import { TENCENT_HARD_LIMITS } from '../limits.js';
import { DETECT_ACTION, DETECT_API_VERSION } from '../request.js';
import { parseTc3Authorization, verifyTc3Request, TENCENT_FACEID_SERVICE } from '../signer.js';
import { isStandardBase64 } from '../../base64.js';

export interface IncomingDetectRequest {
  method: string;
  /** Path as requested, e.g. `/sim/tencent/`, and the raw query without `?`. */
  path: string;
  query: string;
  /** Lowercase header names, as Node delivers them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface Rejection {
  code: string;
  detail?: string;
}

export interface SimulatorCredentials {
  secretId: string;
  secretKey: string;
}

export interface DetectParameters {
  faceInputType: 1 | 2;
  media: Buffer;
}

function header(request: IncomingDetectRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const reject = (code: string, detail?: string): Rejection => ({ code, detail });

/** Returns the first problem the gateway would report, or undefined when the request is authentic. */
export function checkEnvelope(
  request: IncomingDetectRequest,
  credentials: SimulatorCredentials,
  now: Date,
): Rejection | undefined {
  if (request.body.length > TENCENT_HARD_LIMITS.maxRequestBodyBytes) return reject('RequestSizeLimitExceeded');

  const action = header(request, 'x-tc-action');
  if (!action) return reject('MissingParameter', 'X-TC-Action');
  // (guess) the gateway's codes for another action or version; this simulator only knows one of each.
  if (action !== DETECT_ACTION) return reject('InvalidAction', action);
  const version = header(request, 'x-tc-version');
  if (!version) return reject('MissingParameter', 'X-TC-Version');
  if (version !== DETECT_API_VERSION) return reject('NoSuchVersion', version);
  const timestampText = header(request, 'x-tc-timestamp');
  if (!timestampText) return reject('MissingParameter', 'X-TC-Timestamp');
  if (!/^\d{1,12}$/.test(timestampText)) return reject('InvalidParameterValue', 'X-TC-Timestamp');
  // Public: a TC3 POST carries application/json (or multipart for some APIs); parameters such as charset are allowed.
  const mediaType = header(request, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') return reject('InvalidParameter', 'Content-Type must be application/json'); // (guess) code

  const authorization = header(request, 'authorization');
  const parsed = parseTc3Authorization(authorization);
  if (!parsed) return reject('AuthFailure.InvalidAuthorization');
  if (parsed.secretId !== credentials.secretId) return reject('AuthFailure.SecretIdNotFound');
  const timestamp = Number(timestampText);
  if (Math.abs(now.getTime() / 1000 - timestamp) > TENCENT_HARD_LIMITS.maxClockSkewS) {
    return reject('AuthFailure.SignatureExpire');
  }
  const verified = verifyTc3Request({
    authorization,
    secretKeyFor: (id) => (id === credentials.secretId ? credentials.secretKey : undefined),
    expectedService: TENCENT_FACEID_SERVICE,
    method: request.method,
    canonicalUri: request.path,
    canonicalQuery: request.query,
    headers: request.headers,
    payload: request.body,
    timestamp,
  });
  if (verified.ok) return undefined;
  if (verified.reason === 'malformed' || verified.reason === 'missing_required_header') {
    return reject('AuthFailure.InvalidAuthorization');
  }
  return reject('AuthFailure.SignatureFailure');
}

/** RFC 4648 §4: standard alphabet, length a multiple of 4, `=` padding only at the end. */

const KNOWN_PARAMETERS = new Set(['FaceInput', 'FaceInputType', 'Encryption', 'EncryptedBody']);

/** The body's parameters, or the error the API answers for them. */
export function checkParameters(body: Buffer): Rejection | DetectParameters {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return reject('InvalidParameter', 'the body is not valid JSON'); // (guess) code
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return reject('InvalidParameter', 'the body must be a JSON object'); // (guess) code
  }
  const params = json as Record<string, unknown>;
  // (guess) API 3.0 refuses parameters the action does not declare.
  const unknown = Object.keys(params).find((key) => !KNOWN_PARAMETERS.has(key));
  if (unknown !== undefined) return reject('UnknownParameter', unknown);
  if ('Encryption' in params || 'EncryptedBody' in params) {
    return reject('UnsupportedOperation', 'full-body encryption is not simulated');
  }

  // Doc: without Encryption both fields are mandatory. (guess) a missing one is MissingParameter.
  if (!('FaceInputType' in params)) return reject('MissingParameter', 'FaceInputType');
  const { FaceInputType: faceInputType, FaceInput: faceInput } = params;
  // Doc: "Value ranges from 1 to 2 ... Other: Return error code InvalidParameter."
  if (faceInputType !== 1 && faceInputType !== 2) return reject('InvalidParameter', 'FaceInputType');
  if (!('FaceInput' in params)) return reject('MissingParameter', 'FaceInput');
  if (typeof faceInput !== 'string') return reject('InvalidParameter', 'FaceInput'); // (guess) code for a wrong type
  // Doc: "Please use the standard base64 encoding method (with = padding)".
  if (faceInput.length === 0 || !isStandardBase64(faceInput, { requirePadding: true }))
    return reject('InvalidParameterValue', 'FaceInput');
  return { faceInputType, media: Buffer.from(faceInput, 'base64') };
}

export function isRejection(value: Rejection | DetectParameters): value is Rejection {
  return 'code' in value;
}

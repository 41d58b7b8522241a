/**
 * What the FinAuth simulator checks, in this order: the form can be read; sign and sign_version are there; the sign
 * is authentic and current; data_type and its file are there; the file's size, format, resolution and duration.
 * (guess) The real order is not documented: authentication comes before the other parameters here so that an
 * unsigned caller learns nothing about them. Each check answers one error string of the doc's table, or `413`.
 */
import { ProbeError, type ProbeResult } from '@contract/media/types.js';
import { base64Length, FINAUTH_HARD_LIMITS } from '../limits.js';
import { FILE_FIELD } from '../request.js';
import { verifySign } from '../signer.js';

export type ProbeMedia = (bytes: Uint8Array) => ProbeResult | Promise<ProbeResult>;

export interface Rejection {
  /** A FinAuth `error` string, or `413` for the plain-text "Request Entity Too Large". */
  error: string;
}

export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface ReadForm {
  /** First value of each text field (a repeated field keeps its first value (guess)). */
  text: Map<string, string>;
  files: Map<string, UploadedFile>;
}

export interface SimulatorCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface CheckedParameters {
  kind: 'image' | 'video';
  field: 'image' | 'video';
  file: UploadedFile;
}

const reject = (error: string): Rejection => ({ error });

export function isRejection<T extends object>(value: T | Rejection): value is Rejection {
  return 'error' in value;
}

const FORM_TYPES = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);

/**
 * Reads a multipart (doc: "Use form-data format") or urlencoded body with the WHATWG parser that fetch itself uses.
 * Any other Content-Type carries no fields at all, so the first missing argument is reported. (guess)
 */
export async function readForm(contentType: string | undefined, body: Buffer): Promise<ReadForm | Rejection> {
  const form: ReadForm = { text: new Map(), files: new Map() };
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (contentType === undefined || mediaType === undefined || !FORM_TYPES.has(mediaType)) return form;
  let parsed: FormData;
  try {
    // A copy backed by a plain ArrayBuffer, which is what BodyInit accepts.
    parsed = await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    // Doc: BAD_ARGUMENTS is "parameter parsing failed".
    return reject('BAD_ARGUMENTS');
  }
  for (const [name, value] of parsed) {
    if (typeof value === 'string') {
      if (!form.text.has(name)) form.text.set(name, value);
    } else if (!form.files.has(name)) {
      form.files.set(name, { filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
    }
  }
  return form;
}

/** Doc: sign and sign_version are required; only hmac_sha1 is supported; then the sign itself. */
export function checkAuthentication(form: ReadForm, credentials: SimulatorCredentials, now: Date): Rejection | undefined {
  const sign = form.text.get('sign');
  if (!sign) return reject('MISSING_ARGUMENTS:sign');
  const signVersion = form.text.get('sign_version');
  if (!signVersion) return reject('MISSING_ARGUMENTS:sign_version');
  if (!(FINAUTH_HARD_LIMITS.signVersions as readonly string[]).includes(signVersion)) return reject('BAD_ARGUMENTS');

  const verified = verifySign({
    sign,
    secretFor: (apiKey) => (apiKey === credentials.apiKey ? credentials.apiSecret : undefined),
    nowS: Math.floor(now.getTime() / 1000),
  });
  if (verified.ok) return undefined;
  switch (verified.reason) {
    // (guess) No reason in the doc's list names an unknown key; the bare code (doc: "Invalid signature") is the
    // generic one, and the Megvii API family uses it for a key/secret that do not match.
    case 'unknown_api_key':
      return reject('AUTHENTICATION_ERROR');
    case 'expired':
      return reject('AUTHENTICATION_ERROR:EXPIRED_SIGN');
    // Undecodable, a wrong HMAC, or c ≥ b (which includes the one-shot b=0 of older FaceID docs (guess)).
    case 'malformed':
    case 'signature_mismatch':
    case 'bad_times':
      return reject('AUTHENTICATION_ERROR:INVALID_SIGN');
  }
}

/** Doc: data_type 0 → file field `image`, 1 → `video`, both required. */
export function checkParameters(form: ReadForm): Rejection | CheckedParameters {
  const dataType = form.text.get('data_type');
  if (dataType === undefined || dataType === '') return reject('MISSING_ARGUMENTS:data_type');
  // Doc: BAD_ARGUMENTS for "a non-numeric string for a numeric-required parameter"; (guess) any other number too.
  if (!(FINAUTH_HARD_LIMITS.dataTypes as readonly string[]).includes(dataType)) return reject('BAD_ARGUMENTS');
  const kind = dataType === '0' ? 'image' : 'video';
  const field = FILE_FIELD[kind];
  // (guess) A text part of that name is not a file upload, so the file is still missing.
  const file = form.files.get(field);
  if (!file) return reject(`MISSING_ARGUMENTS:${field}`);
  return { kind, field, file };
}

/** Media checks, decoding with the content probe as the vendor's ffmpeg would. */
export async function checkMedia(params: CheckedParameters, probe: ProbeMedia): Promise<Rejection | undefined> {
  const { kind, field, file } = params;
  // Doc: video "size after Base64 encoding not exceeding 10MB"; (guess) refused with the doc's plain-text 413, the
  // only size error the doc has that is not about images.
  if (kind === 'video' && base64Length(file.bytes.length) > FINAUTH_HARD_LIMITS.maxVideoBase64Bytes) return reject('413');
  // Doc: image "size does not exceed 10MB"; INVALID_IMAGE_SIZE "Image size exceeds the limit", with the key.
  if (kind === 'image' && file.bytes.length > FINAUTH_HARD_LIMITS.maxImageBytes) return reject(`INVALID_IMAGE_SIZE:${field}`);

  let probed: ProbeResult;
  try {
    probed = await probe(file.bytes);
  } catch (error) {
    // Doc: BAD_ARGUMENTS when "the input image/video format is invalid, causing parsing to fail".
    if (error instanceof ProbeError) return reject('BAD_ARGUMENTS');
    throw error;
  }
  // Doc: images are jpg/png only (all the probe reads); video is any ffmpeg format (every container the probe reads).
  if (probed.kind !== kind) return reject('BAD_ARGUMENTS');

  // Doc: "720P is maximum supported"; (guess) over it is INVALID_IMAGE_SIZE with the field's key, for video too.
  const longSide = Math.max(probed.width, probed.height);
  const shortSide = Math.min(probed.width, probed.height);
  if (longSide > FINAUTH_HARD_LIMITS.maxLongSidePx || shortSide > FINAUTH_HARD_LIMITS.maxShortSidePx) {
    return reject(`INVALID_IMAGE_SIZE:${field}`);
  }
  // Doc: "it must not exceed 20 seconds"; (guess) BAD_ARGUMENTS, whose description includes "the length exceeds
  // the limit", as the doc lists no duration error.
  if (probed.kind === 'video' && probed.durationS > FINAUTH_HARD_LIMITS.maxVideoDurationS) return reject('BAD_ARGUMENTS');
  return undefined;
}

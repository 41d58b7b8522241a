/**
 * Builds the exact anti_deepfake HTTP request (vendor doc "Parameters"; spec §1 "Endpoint and transport"): a
 * multipart/form-data body serialized once into a Buffer, so its length is known and a test can compare it byte for
 * byte with the recorded request shape. Nothing in the body is signed; the sign only proves who is calling.
 */
import { randomBytes } from 'node:crypto';
import { createSign, SIGN_VERSION, type SignFields } from './signer.js';

export const FINAUTH_DEFAULT_ENDPOINT = 'https://api-sgp.yljz.com';
export const FINAUTH_INDONESIA_ENDPOINT = 'https://api-idn.yljz.com';
export const ANTI_DEEPFAKE_PATH = '/finauth/v5/anti_deepfake';

/** Doc: data_type 0 = image, 1 = video; the file goes in the field of the same name as the kind. */
export const DATA_TYPE = { image: '0', video: '1' } as const;
export const FILE_FIELD = { image: 'image', video: 'video' } as const;

export interface FinauthCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface AntiDeepfakeRequestInput {
  endpoint: string;
  credentials: FinauthCredentials;
  /** `container` and `mime` as the probe reported them; they name and type the file part. */
  media: { kind: 'video' | 'image'; bytes: Uint8Array; container: string; mime: string };
  now: () => Date;
  /** The sign's `d`: up to 10 decimal digits. */
  random: () => string;
  /** Only tests pass one (to reproduce a recorded body); otherwise a fresh random boundary per request. */
  boundary?: string;
}

export interface AntiDeepfakeRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  // Backed by a plain ArrayBuffer, which is what fetch's BodyInit accepts.
  body: Buffer<ArrayBuffer>;
  /** The sign's fields (api key included): for sentIds and tests, never for an outcome as a whole. */
  signFields: SignFields;
}

/**
 * `{endpoint}/finauth/v5/anti_deepfake`, keeping any path prefix of the endpoint (our simulator lives under
 * `/sim/finauth`). An endpoint that already ends with the API path (the doc's full URL pasted into
 * FINAUTH_ENDPOINT) is used as it is.
 */
export function antiDeepfakeUrl(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`FinAuth endpoint must be an http(s) URL, got ${url.protocol}`);
  }
  // fetch refuses such URLs anyway; saying so here is clearer than a network error.
  if (url.username || url.password) throw new TypeError('FinAuth endpoint must not carry user info');
  const base = url.pathname.replace(/\/+$/, '');
  url.pathname = base.endsWith(ANTI_DEEPFAKE_PATH) ? base : `${base}${ANTI_DEEPFAKE_PATH}`;
  url.hash = '';
  return url.href;
}

/** The probe's container names the file (`face.mp4`, `face.jpg`); the doc does not say a name matters. (guess) */
export function fileNameFor(container: string): string {
  const extension = container === 'jpeg' ? 'jpg' : /^[a-z0-9]{1,8}$/.test(container) ? container : 'bin';
  return `face.${extension}`;
}

/** The real type without parameters; anything that could break the part header becomes octet-stream. */
export function partContentType(mime: string): string {
  const essence = mime.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(essence) ? essence : 'application/octet-stream';
}

export type FormPart =
  { name: string; value: string } | { name: string; filename: string; contentType: string; data: Uint8Array };

/** RFC 7578, laid out exactly as undici's FormData serializes it (CRLF line ends, closing `--boundary--\r\n`). */
export function serializeMultipart(boundary: string, parts: FormPart[]): Buffer<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.contentType}\r\n\r\n`,
        ),
        part.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** A boundary that does not occur in the file (24 random hex digits almost surely don't; checked anyway). */
export function newBoundary(data: Uint8Array): string {
  for (;;) {
    const boundary = `----FinAuthFormBoundary${randomBytes(12).toString('hex')}`;
    if (Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf(boundary) === -1) return boundary;
  }
}

export function buildAntiDeepfakeRequest(input: AntiDeepfakeRequestInput): AntiDeepfakeRequest {
  const url = antiDeepfakeUrl(input.endpoint);
  const { sign, fields } = createSign({
    apiKey: input.credentials.apiKey,
    apiSecret: input.credentials.apiSecret,
    now: input.now(),
    random: input.random(),
  });
  const { kind, bytes, container, mime } = input.media;
  const boundary = input.boundary ?? newBoundary(bytes);
  // Field order as in the doc's parameter table (and the recorded shape): sign, sign_version, data_type, file.
  const body = serializeMultipart(boundary, [
    { name: 'sign', value: sign },
    { name: 'sign_version', value: SIGN_VERSION },
    { name: 'data_type', value: DATA_TYPE[kind] },
    { name: FILE_FIELD[kind], filename: fileNameFor(container), contentType: partContentType(mime), data: bytes },
  ]);
  return {
    url,
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body,
    signFields: fields,
  };
}

/**
 * Builds the exact GLAIR deepfake HTTP requests (vendor doc; spec §3):
 *   video → `POST {endpoint}/face/v1/deepfake`, multipart/form-data with one file field `video` (the preferred path);
 *   image → `POST {endpoint}/face/v1/deepfake/images`, JSON `{"frames":["<base64>", …]}`.
 * The doc says the API "exclusively supports video input" yet documents the frames endpoint, so frames are the
 * secondary path: a still is sent as a one-frame list.
 */
import { randomBytes } from 'node:crypto';
import { glairAuthHeaders, type GlairCredentials } from './auth.js';

export const GLAIR_DEFAULT_ENDPOINT = 'https://api.vision.glair.ai';
export const VIDEO_PATH = '/face/v1/deepfake';
export const FRAMES_PATH = '/face/v1/deepfake/images';
export const VIDEO_FIELD = 'video';
/** (guess) The doc's curl sends `--data-raw` without a Content-Type (curl then says x-www-form-urlencoded). */
export const FRAMES_CONTENT_TYPE = 'application/json';

/**
 * Appends an API path to the configured endpoint, keeping any path prefix (our simulator lives under
 * `/sim/glair`) and tolerating a trailing slash. Errors never echo the URL: it might carry credentials.
 */
export function glairUrl(endpoint: string, apiPath: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError('GLAIR endpoint is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`GLAIR endpoint must be an http(s) URL, got ${url.protocol}`);
  }
  if (url.username || url.password) throw new TypeError('GLAIR endpoint must not contain credentials');
  if (url.search || url.hash) throw new TypeError('GLAIR endpoint must not have a query or fragment');
  url.pathname = url.pathname.replace(/\/+$/, '') + apiPath;
  return url.href;
}

/** A boundary that cannot occur in the payload (RFC 2046 §5.1.1 allows up to 70 characters). */
export function newBoundary(payload: Uint8Array): string {
  for (;;) {
    const boundary = `----selfie-screen-${randomBytes(16).toString('hex')}`;
    if (!Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).includes(boundary)) return boundary;
  }
}

/**
 * The same layout the doc's `curl -F 'video=@"/path/to/video.mp4"'` and Node's FormData produce (vector
 * `deepfake-video`): one part, a `.mp4` file name and `Content-Type: video/mp4`.
 */
export function serializeVideoMultipart(video: Uint8Array, boundary: string): Buffer<ArrayBuffer> {
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${VIDEO_FIELD}"; filename="video.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), video, Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1')]);
}

/** `{"frames":[…]}` with standard, padded base64 (the vector `deepfake-frames` serializes the same way). */
export function serializeFramesBody(frames: readonly Uint8Array[]): Buffer<ArrayBuffer> {
  const encoded = frames.map((frame) => Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64'));
  return Buffer.from(JSON.stringify({ frames: encoded }), 'utf8');
}

export interface DeepfakeRequestInput {
  endpoint: string;
  credentials: GlairCredentials;
  media: { kind: 'video' | 'image'; bytes: Uint8Array };
  /** Tests pin it; otherwise a random one. */
  boundary?: string;
}

export interface DeepfakeRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: Buffer<ArrayBuffer>;
}

export function buildDeepfakeRequest(input: DeepfakeRequestInput): DeepfakeRequest {
  const { endpoint, media } = input;
  const auth = glairAuthHeaders(input.credentials);
  if (media.kind === 'video') {
    const boundary = input.boundary ?? newBoundary(media.bytes);
    return {
      url: glairUrl(endpoint, VIDEO_PATH),
      method: 'POST',
      headers: { ...auth, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: serializeVideoMultipart(media.bytes, boundary),
    };
  }
  return {
    url: glairUrl(endpoint, FRAMES_PATH),
    method: 'POST',
    headers: { ...auth, 'Content-Type': FRAMES_CONTENT_TYPE },
    body: serializeFramesBody([media.bytes]),
  };
}

/**
 * Builds the exact DetectAIFakeFaces HTTP request (spec §5 "Headers"): the body is serialized once and
 * those very bytes are hashed, signed and sent.
 */
import { signTc3, TENCENT_FACEID_SERVICE, type Tc3Signature } from './signer.js';

export const TENCENT_DEFAULT_ENDPOINT = 'https://faceid.intl.tencentcloudapi.com/';
export const DETECT_ACTION = 'DetectAIFakeFaces';
export const DETECT_API_VERSION = '2018-03-01';
export const JSON_CONTENT_TYPE = 'application/json';

/** Doc: FaceInputType 1 = image, 2 = video. */
export const FACE_INPUT_TYPE = { image: 1, video: 2 } as const;

export interface TencentCredentials {
  secretId: string;
  secretKey: string;
}

export interface DetectRequestInput {
  endpoint: string;
  credentials: TencentCredentials;
  /** Doc: "Region: not required"; X-TC-Region is omitted when unset, as the v4 SDK does. */
  region?: string;
  media: { kind: 'video' | 'image'; bytes: Uint8Array };
  now: () => Date;
}

export interface DetectRequest {
  url: string;
  method: 'POST';
  /** Every header we send, Host included (fetch derives the same Host from the URL itself). */
  headers: Record<string, string>;
  // Backed by a plain ArrayBuffer, which is what fetch's BodyInit accepts.
  body: Buffer<ArrayBuffer>;
  timestamp: number;
  signing: Tc3Signature;
}

/**
 * `{"FaceInput":"<std base64 with padding>","FaceInputType":n}` in that key order, as the SDK serializes it.
 * Buffer's base64 is RFC 4648 §4 (standard alphabet, `=` padding), which the doc asks for.
 */
export function serializeDetectBody(kind: 'video' | 'image', bytes: Uint8Array): Buffer<ArrayBuffer> {
  const faceInput = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  // Written straight into the body: base64 needs no JSON escaping, so this is byte for byte JSON.stringify's
  // output, without the JSON string and its UTF-8 copy (two more copies of a clip's size per check).
  const head = '{"FaceInput":"';
  const tail = `","FaceInputType":${FACE_INPUT_TYPE[kind]}}`;
  const body = Buffer.allocUnsafeSlow(head.length + faceInput.length + tail.length);
  let at = body.write(head, 0, 'latin1');
  at += body.write(faceInput, at, 'latin1');
  body.write(tail, at, 'latin1');
  return body;
}

export function buildDetectRequest(input: DetectRequestInput): DetectRequest {
  const url = new URL(input.endpoint);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Tencent endpoint must be an http(s) URL, got ${url.protocol}`);
  }
  const body = serializeDetectBody(input.media.kind, input.media.bytes);
  const timestamp = Math.floor(input.now().getTime() / 1000);
  const signing = signTc3({
    secretId: input.credentials.secretId,
    secretKey: input.credentials.secretKey,
    service: TENCENT_FACEID_SERVICE,
    host: url.host,
    canonicalUri: url.pathname,
    canonicalQuery: url.search.slice(1),
    contentType: JSON_CONTENT_TYPE,
    payload: body,
    timestamp,
  });
  const headers: Record<string, string> = {
    Host: url.host,
    'Content-Type': JSON_CONTENT_TYPE,
    'X-TC-Action': DETECT_ACTION,
    'X-TC-Version': DETECT_API_VERSION,
    'X-TC-Timestamp': String(timestamp),
  };
  if (input.region) headers['X-TC-Region'] = input.region;
  headers.Authorization = signing.authorization;
  return { url: url.href, method: 'POST', headers, body, timestamp, signing };
}

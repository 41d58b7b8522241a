/**
 * RPC parameters as the cloudauth APIs read them: from the query and the form body alike (spec §2 "Parameter
 * placement" shows the SDK splitting them; the server does not care where each one is), and the face media source
 * shared by DeepfakeDetect, DeepfakeDetectIntl and DeepfakeDetectIntlStream.
 */
import { decodeWirePairs } from '../encoding.js';
import { FORM_CONTENT_TYPE } from '../rpc-request.js';
import type { GateRejection } from './gate.js';
import type { FaceInputType } from './media.js';
import { isStandardBase64 } from '../../base64.js';

export type RpcParams = ReadonlyMap<string, string>;

/** Query first, then the form body (which wins on a repeated name). (guess) Empty values count as absent. */
export function collectParams(rawQuery: string, body: Uint8Array, contentType: string | undefined): RpcParams {
  const params = new Map<string, string>();
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  const fromBody = mediaType === FORM_CONTENT_TYPE ? decodeWirePairs(Buffer.from(body).toString('utf8')) : [];
  for (const [name, value] of [...decodeWirePairs(rawQuery), ...fromBody]) {
    if (value !== '') params.set(name, value);
  }
  return params;
}

export type FaceSource = { kind: 'base64'; bytes: Buffer } | { kind: 'url'; url: string } | { kind: 'file'; url: string };

export interface FaceParams {
  faceInputType: FaceInputType;
  source: FaceSource;
}

const reject = (code: string, detail?: string): GateRejection => ({ code, detail });

/** `FaceFile` is a parameter of the Stream operation only. */
export function readFaceParams(params: RpcParams, options: { acceptsFaceFile: boolean }): FaceParams | GateRejection {
  // SDK model comment and China doc: IMAGE is the default.
  const faceInputType = params.get('FaceInputType') ?? 'IMAGE';
  if (faceInputType !== 'IMAGE' && faceInputType !== 'VIDEO') return reject('InvalidParameter', 'FaceInputType');

  const names = ['FaceBase64', 'FaceUrl', ...(options.acceptsFaceFile ? ['FaceFile'] : [])];
  const given = names.filter((name) => params.has(name));
  // Doc: "supply one of them". (guess) None is MissingParameter; several is the doc's DataDuplication.
  if (given.length === 0) return reject('MissingParameter', names.join(' / '));
  if (given.length > 1) return reject('DataDuplication', given.join(' and '));

  const base64 = params.get('FaceBase64');
  if (base64 !== undefined) {
    // Intl doc: "For videos, upload them using a URL."; China doc: video "建议通过URL方式传入". (guess) code.
    if (faceInputType === 'VIDEO') return reject('InvalidParameter', 'FaceBase64 takes images only; send a video by URL');
    if (!isStandardBase64(base64, { requirePadding: false })) return reject('InvalidParameter', 'FaceBase64 is not base64');
    return { faceInputType, source: { kind: 'base64', bytes: Buffer.from(base64, 'base64') } };
  }
  const url = params.get('FaceUrl');
  if (url !== undefined) return { faceInputType, source: { kind: 'url', url } };
  return { faceInputType, source: { kind: 'file', url: params.get('FaceFile') ?? '' } };
}

/** "32-character alphanumeric" (doc, MerchantBizId and OuterOrderNo). */
export function checkOrderId(params: RpcParams, name: string): GateRejection | undefined {
  const value = params.get(name);
  if (value === undefined) return reject('MissingParameter', name);
  if (!/^[A-Za-z0-9]{32}$/.test(value)) return reject('InvalidParameter', `${name} must be 32 letters or digits`);
  return undefined;
}

/**
 * The signed DeepfakeDetect request (spec §4): OuterOrderNo and FaceInputType in the query, and the media either as
 * FaceBase64 in the form body (images) or as FaceUrl in the query (videos: the doc takes video by URL only, and the
 * SDK has no upload helper for this API).
 */
import { buildRpcRequest, type AccessKey, type RpcRequest } from '../alibaba-acs3/rpc-request.js';

export const ALIBABA_CN_DEFAULT_ENDPOINT = 'https://cloudauth.aliyuncs.com';
export const DETECT_ACTION = 'DeepfakeDetect';
export const CN_API_VERSION = '2019-03-07';

export interface SigningContext {
  accessKey: AccessKey;
  date: Date;
  nonce: string;
  /** Only to compare with the SDK, which signs `x-acs-credentials-provider: static_ak`. */
  credentialsProvider?: string;
}

export type CnFace = { kind: 'image'; bytes: Uint8Array } | { kind: 'video'; url: string };

export function buildDetectRequest(endpoint: string, outerOrderNo: string, face: CnFace, signing: SigningContext): RpcRequest {
  const image = face.kind === 'image' ? face.bytes : undefined;
  return buildRpcRequest({
    endpoint,
    action: DETECT_ACTION,
    version: CN_API_VERSION,
    method: 'POST',
    query:
      face.kind === 'image'
        ? { FaceInputType: 'IMAGE', OuterOrderNo: outerOrderNo }
        : { FaceInputType: 'VIDEO', FaceUrl: face.url, OuterOrderNo: outerOrderNo },
    // The SDK always sends a (possibly empty) form body, with its content-type (spec §2 step 1, vector url-video).
    form: image ? { FaceBase64: Buffer.from(image.buffer, image.byteOffset, image.byteLength).toString('base64') } : {},
    ...signing,
  });
}

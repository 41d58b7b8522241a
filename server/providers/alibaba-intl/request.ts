/**
 * The three signed requests of alibaba-intl (spec §2): DeepfakeDetectIntl for an image (FaceBase64 in the body, the
 * rest in the query), and for a video AuthorizeFileUpload on the open platform, then DeepfakeDetectIntlStream with
 * the uploaded object's URL as FaceFile.
 */
import { buildRpcRequest, type AccessKey, type RpcRequest } from '../alibaba-acs3/rpc-request.js';

export const ALIBABA_INTL_DEFAULT_ENDPOINT = 'https://cloudauth-intl.ap-southeast-1.aliyuncs.com';
/** spec §2: the SDK hard-codes this host for AuthorizeFileUpload. */
export const ALIBABA_OPENPLATFORM_DEFAULT_ENDPOINT = 'https://openplatform.aliyuncs.com';

export const INTL_API_VERSION = '2022-08-09';
export const DETECT_IMAGE_ACTION = 'DeepfakeDetectIntl';
export const DETECT_STREAM_ACTION = 'DeepfakeDetectIntlStream';
export const AUTHORIZE_UPLOAD_ACTION = 'AuthorizeFileUpload';
export const OPENPLATFORM_API_VERSION = '2019-12-19';
/** spec §2 vector `advance-file-stream`: `Product=Cloudauth-intl&RegionId=ap-southeast-1`. */
export const UPLOAD_PRODUCT = 'Cloudauth-intl';
export const UPLOAD_REGION_ID = 'ap-southeast-1';
/** Doc: ProductCode "Set the value to FACE_DEEPFAKE." */
export const PRODUCT_CODE = 'FACE_DEEPFAKE';

export interface SigningContext {
  accessKey: AccessKey;
  date: Date;
  nonce: string;
  /** Only to compare with the SDK, which signs `x-acs-credentials-provider: static_ak`. */
  credentialsProvider?: string;
}

export interface DetectIds {
  merchantBizId: string;
  sceneCode: string;
}

export function buildDetectImageRequest(
  endpoint: string,
  ids: DetectIds,
  image: Uint8Array,
  signing: SigningContext,
): RpcRequest {
  return buildRpcRequest({
    endpoint,
    action: DETECT_IMAGE_ACTION,
    version: INTL_API_VERSION,
    method: 'POST',
    query: { FaceInputType: 'IMAGE', MerchantBizId: ids.merchantBizId, ProductCode: PRODUCT_CODE, SceneCode: ids.sceneCode },
    form: { FaceBase64: Buffer.from(image.buffer, image.byteOffset, image.byteLength).toString('base64') },
    ...signing,
  });
}

export function buildAuthorizeUploadRequest(openPlatformEndpoint: string, signing: SigningContext): RpcRequest {
  return buildRpcRequest({
    endpoint: openPlatformEndpoint,
    action: AUTHORIZE_UPLOAD_ACTION,
    version: OPENPLATFORM_API_VERSION,
    method: 'GET',
    query: { Product: UPLOAD_PRODUCT, RegionId: UPLOAD_REGION_ID },
    ...signing,
  });
}

/** Every parameter of the Stream operation goes in the form body (spec §2 "Parameter placement"). */
export function buildDetectStreamRequest(
  endpoint: string,
  ids: DetectIds,
  faceFile: string,
  signing: SigningContext,
): RpcRequest {
  return buildRpcRequest({
    endpoint,
    action: DETECT_STREAM_ACTION,
    version: INTL_API_VERSION,
    method: 'POST',
    form: {
      FaceFile: faceFile,
      FaceInputType: 'VIDEO',
      MerchantBizId: ids.merchantBizId,
      ProductCode: PRODUCT_CODE,
      SceneCode: ids.sceneCode,
    },
    ...signing,
  });
}

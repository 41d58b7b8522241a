/**
 * The Alibaba Cloud DeepfakeDetect (China) provider: one ACS3-signed POST per check. An image travels as FaceBase64;
 * a video as FaceUrl, a short-lived signed link to this server (`ctx.publicMediaUrl`) that the vendor downloads, or
 * with `faceUrl: 'presigned'` (ALIBABA_CN_FACE_URL, MEDIA_STORE=s3) the bucket's own presigned URL, so the vendor
 * need not reach this server at all.
 * Credentials live only in this closure; outcomes carry the vendor's body, never our request or keys.
 */
import { randomBytes } from 'node:crypto';
import { errorMessage } from '../adapter-kit/send.js';
import { mapCloudauthResponse } from '../alibaba-acs3/cloudauth-result.js';
import { popTransport, transportFailure } from '../alibaba-acs3/pop-mapping.js';
import type { RpcRequest } from '../alibaba-acs3/rpc-request.js';
import { runWithDeadline, sendRpc, uniqueIdFromIdempotencyKey } from '../alibaba-acs3/transport.js';
import type { CheckContext, CheckOutcome, MediaInput, Provider } from '../types.js';
import { ALIBABA_CN_MEDIA_LIMITS } from './limits.js';
import { buildDetectRequest, type CnFace } from './request.js';

export { ALIBABA_CN_DEFAULT_ENDPOINT } from './request.js';

export const ALIBABA_CN_DISPLAY_NAME = 'Alibaba Cloud DeepfakeDetect (China)';

const VENDOR = 'Alibaba Cloud (China)';
/** Doc: "返回200表示请求成功，其他均为失败". */
const SUCCESS_CODES = ['200'];
/** Ours, not the vendor's: a video cannot be sent because this server has no public URL to offer. */
export const NO_PUBLIC_URL_CODE = 'Client.NoPublicMediaUrl';
/** Ours: ALIBABA_CN_FACE_URL=presigned on a store that cannot presign (config refuses it; a test double may not). */
export const NO_PRESIGNED_URL_CODE = 'Client.NoPresignedMediaUrl';

/** (guess) Per media: the doc asks for a timeout above 3 s for video, which the vendor also has to download first. */
export const DEFAULT_ALIBABA_CN_TIMEOUT_MS = { image: 15_000, video: 30_000 } as const;
/** (guess) The vendor fetches the clip during the call; a minute past our deadline covers clock drift. */
const MEDIA_URL_MARGIN_S = 60;

export interface AlibabaCnProviderOptions {
  mode: 'live' | 'simulated';
  /** e.g. ALIBABA_CN_DEFAULT_ENDPOINT, or a function read on every check (a simulator's late-bound port). */
  endpoint: string | (() => string);
  accessKeyId: string;
  accessKeySecret: string;
  now?: () => Date;
  /** x-acs-signature-nonce; defaults to 32 random bytes in hex (the SDK sends 64 hex characters). */
  nonce?: () => string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Which URL a video travels as (default `link`). */
  faceUrl?: 'link' | 'presigned';
}

export function createAlibabaCnProvider(options: AlibabaCnProviderOptions): Provider {
  const accessKey = { accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret };
  const now = options.now ?? (() => new Date());
  const nonce = options.nonce ?? (() => randomBytes(32).toString('hex'));
  const fetchImpl = options.fetch ?? fetch;
  const { endpoint } = options;
  const endpointNow = typeof endpoint === 'function' ? endpoint : () => endpoint;

  async function check(media: MediaInput, ctx: CheckContext): Promise<CheckOutcome> {
    const outerOrderNo = uniqueIdFromIdempotencyKey(ctx.idempotencyKey);
    const sentIds = { OuterOrderNo: outerOrderNo };
    const timeoutMs = options.timeoutMs ?? DEFAULT_ALIBABA_CN_TIMEOUT_MS[media.kind];

    let face: CnFace;
    if (media.kind === 'image') {
      face = { kind: 'image', bytes: media.bytes };
    } else {
      // Doc: video "建议通过URL方式传入"; the simulator, like spec §4, takes FaceBase64 for images only.
      const ttlSeconds = Math.ceil(timeoutMs / 1000) + MEDIA_URL_MARGIN_S;
      if (options.faceUrl === 'presigned') {
        if (!ctx.presignedMediaUrl) {
          const message = 'ALIBABA_CN_FACE_URL=presigned needs MEDIA_STORE=s3: this media store cannot presign URLs';
          return { ...transportFailure('input', NO_PRESIGNED_URL_CODE, message, 0), sentIds };
        }
        face = { kind: 'video', url: await ctx.presignedMediaUrl(ttlSeconds) };
      } else if (!ctx.publicMediaUrl) {
        const message =
          'Alibaba Cloud (China) takes video only by URL: set PUBLIC_BASE_URL so the server can give it a short-lived link to the clip';
        return { ...transportFailure('input', NO_PUBLIC_URL_CODE, message, 0), sentIds };
      } else {
        face = { kind: 'video', url: ctx.publicMediaUrl(ttlSeconds) };
      }
    }

    const outcome = await runWithDeadline({ vendor: VENDOR, timeoutMs, signal: ctx.signal }, async (deadline) => {
      // Built fresh on every call: a retry must carry a new x-acs-date, nonce and signature.
      let request: RpcRequest;
      try {
        request = buildDetectRequest(endpointNow(), outerOrderNo, face, { accessKey, date: now(), nonce: nonce() });
      } catch (error) {
        // A misconfigured endpoint; the message names the URL problem, never the credentials.
        return popTransport(VENDOR).invalidRequest(deadline.elapsedMs(), errorMessage(error));
      }
      const sent = await sendRpc(fetchImpl, request, deadline, VENDOR);
      return 'failure' in sent ? sent.failure : mapCloudauthResponse(VENDOR, SUCCESS_CODES, sent.answer);
    });
    return { ...outcome, sentIds };
  }

  return {
    id: 'alibaba-cn',
    displayName: ALIBABA_CN_DISPLAY_NAME,
    mode: options.mode,
    limits: ALIBABA_CN_MEDIA_LIMITS,
    check,
  };
}

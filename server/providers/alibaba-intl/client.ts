/**
 * The Alibaba Cloud DeepfakeDetectIntl provider. An image is one signed POST (FaceBase64); a video is the SDK's
 * three-request "Advance" flow: AuthorizeFileUpload → OSS PostObject → DeepfakeDetectIntlStream with FaceFile.
 * Every request is built and signed fresh (new x-acs-date and nonce), under one deadline for the whole check.
 * Credentials live only in this closure; outcomes carry the vendor's body, never our request or keys.
 */
import { randomBytes } from 'node:crypto';
import { readBoundedText } from '../adapter-kit/read-body.js';
import { errorMessage } from '../adapter-kit/send.js';
import { mapCloudauthResponse } from '../alibaba-acs3/cloudauth-result.js';
import { readPopError } from '../alibaba-acs3/pop-error.js';
import { mapPopFailure, popTransport, transportFailure, TRANSPORT_CODES } from '../alibaba-acs3/pop-mapping.js';
import type { RpcRequest } from '../alibaba-acs3/rpc-request.js';
import { runWithDeadline, sendRpc, uniqueIdFromIdempotencyKey, type Deadline, type SentRpc } from '../alibaba-acs3/transport.js';
import type { CheckContext, CheckOutcome, MediaInput, Provider } from '../types.js';
import { ALIBABA_INTL_MEDIA_LIMITS } from './limits.js';
import {
  buildPostObjectForm,
  faceFileUrl,
  isUploadSuccess,
  mapUploadFailure,
  uploadGrantSchema,
  uploadUrl,
  withoutOssSecrets,
  type UploadGrant,
} from './oss-upload.js';
import {
  buildAuthorizeUploadRequest,
  buildDetectImageRequest,
  buildDetectStreamRequest,
  type DetectIds,
  type SigningContext,
} from './request.js';

export { ALIBABA_INTL_DEFAULT_ENDPOINT, ALIBABA_OPENPLATFORM_DEFAULT_ENDPOINT } from './request.js';

export const ALIBABA_INTL_DISPLAY_NAME = 'Alibaba Cloud DeepfakeDetectIntl';

const VENDOR = 'Alibaba Cloud (intl)';
/** Doc: Code is "Success"; the SDK model example says "200". Both mean success (spec §2). */
const SUCCESS_CODES = ['Success', '200'];

/**
 * (guess) Per media: the doc asks for a timeout above 3 s for video; a video check is three requests including a
 * 10 MB upload. The gateway's own deadline (its per-media timeout) still applies on top.
 */
export const DEFAULT_ALIBABA_INTL_TIMEOUT_MS = { image: 15_000, video: 30_000 } as const;

type Setting = string | (() => string);

export interface AlibabaIntlProviderOptions {
  mode: 'live' | 'simulated';
  /** The cloudauth-intl API, e.g. ALIBABA_INTL_DEFAULT_ENDPOINT; a function is read on every check. */
  endpoint: Setting;
  /** Where AuthorizeFileUpload goes, e.g. ALIBABA_OPENPLATFORM_DEFAULT_ENDPOINT. */
  openPlatformEndpoint: Setting;
  /** Sends the PostObject here instead of `https://{Bucket}.{Endpoint}/` (a proxy, or our simulator's OSS). */
  ossUploadUrl?: Setting;
  accessKeyId: string;
  accessKeySecret: string;
  /** Doc: letters, digits and `_`, at most 10 characters. */
  sceneCode: string;
  now?: () => Date;
  /** x-acs-signature-nonce; defaults to 32 random bytes in hex (the SDK sends 64 hex characters). */
  nonce?: () => string;
  fetch?: typeof fetch;
  /** One deadline for the whole check; defaults to DEFAULT_ALIBABA_INTL_TIMEOUT_MS per media. */
  timeoutMs?: number;
}

const read = (setting: Setting) => (typeof setting === 'function' ? setting() : setting);

/** The grant, minus what must never be kept (policy signature, temporary AccessKeyId, policy). */
function grantWithoutSecrets(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return json;
  const { Signature: _s, AccessKeyId: _a, EncodedPolicy: _p, ...rest } = json as Record<string, unknown>;
  return rest;
}

export function createAlibabaIntlProvider(options: AlibabaIntlProviderOptions): Provider {
  const accessKey = { accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret };
  const now = options.now ?? (() => new Date());
  const nonce = options.nonce ?? (() => randomBytes(32).toString('hex'));
  const fetchImpl = options.fetch ?? fetch;
  const { sceneCode } = options;
  // Each request gets its own date and nonce, also within one check: a nonce is never reused.
  const signing = (): SigningContext => ({ accessKey, date: now(), nonce: nonce() });

  async function send(build: () => RpcRequest, deadline: Deadline): Promise<SentRpc> {
    let request: RpcRequest;
    try {
      request = build();
    } catch (error) {
      // A misconfigured endpoint; the message names the URL problem, never the credentials.
      return { failure: popTransport(VENDOR).invalidRequest(deadline.elapsedMs(), errorMessage(error)) };
    }
    return sendRpc(fetchImpl, request, deadline, VENDOR);
  }

  async function detectImage(media: MediaInput, ids: DetectIds, deadline: Deadline): Promise<CheckOutcome> {
    const sent = await send(() => buildDetectImageRequest(read(options.endpoint), ids, media.bytes, signing()), deadline);
    return 'failure' in sent ? sent.failure : mapCloudauthResponse(VENDOR, SUCCESS_CODES, sent.answer);
  }

  async function authorizeUpload(deadline: Deadline): Promise<{ grant: UploadGrant } | { failure: CheckOutcome }> {
    const sent = await send(() => buildAuthorizeUploadRequest(read(options.openPlatformEndpoint), signing()), deadline);
    // An oversized grant's head may hold the temporary key and policy signature: none of it is kept.
    if ('failure' in sent) return { failure: { ...sent.failure, raw: null } };
    const { answer } = sent;
    let json: unknown;
    try {
      json = JSON.parse(answer.bodyText);
    } catch {
      json = undefined;
    }
    const grant = answer.status === 200 ? uploadGrantSchema.safeParse(json) : undefined;
    if (grant?.success) return { grant: grant.data };
    if (answer.status === 200 && json !== undefined && readPopError(json) === undefined) {
      const message = `${VENDOR} AuthorizeFileUpload answered an undocumented body`;
      return {
        failure: transportFailure('vendor_protocol', TRANSPORT_CODES.unexpectedShape, message, answer.latencyMs, {
          httpStatus: 200,
          raw: grantWithoutSecrets(json),
        }),
      };
    }
    return { failure: mapPopFailure(VENDOR, [], answer) };
  }

  async function upload(grant: UploadGrant, media: MediaInput, deadline: Deadline): Promise<CheckOutcome | undefined> {
    let url: string;
    try {
      url = new URL(uploadUrl(grant, options.ossUploadUrl === undefined ? undefined : read(options.ossUploadUrl))).href;
    } catch (error) {
      return popTransport(VENDOR).invalidRequest(deadline.elapsedMs(), errorMessage(error));
    }
    const form = buildPostObjectForm(grant, { bytes: media.bytes, mime: media.mime });
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': form.contentType },
      body: form.body,
      signal: deadline.signal,
      // The policy authorises one bucket; a redirect elsewhere is reported, not followed.
      redirect: 'manual',
    });
    const body = await readBoundedText(response);
    if (!body.complete) {
      const head = withoutOssSecrets(body.head);
      return popTransport(VENDOR).tooLarge(deadline.elapsedMs(), { ...body, head }, { httpStatus: response.status });
    }
    return isUploadSuccess(response.status)
      ? undefined
      : mapUploadFailure(VENDOR, response.status, body.text, deadline.elapsedMs());
  }

  async function detectVideo(media: MediaInput, ids: DetectIds, deadline: Deadline): Promise<CheckOutcome> {
    const authorized = await authorizeUpload(deadline);
    if ('failure' in authorized) return authorized.failure;
    const uploadFailure = await upload(authorized.grant, media, deadline);
    if (uploadFailure) return uploadFailure;
    const faceFile = faceFileUrl(authorized.grant);
    const sent = await send(() => buildDetectStreamRequest(read(options.endpoint), ids, faceFile, signing()), deadline);
    return 'failure' in sent ? sent.failure : mapCloudauthResponse(VENDOR, SUCCESS_CODES, sent.answer);
  }

  async function check(media: MediaInput, ctx: CheckContext): Promise<CheckOutcome> {
    const ids: DetectIds = { merchantBizId: uniqueIdFromIdempotencyKey(ctx.idempotencyKey), sceneCode };
    const timeoutMs = options.timeoutMs ?? DEFAULT_ALIBABA_INTL_TIMEOUT_MS[media.kind];
    const outcome = await runWithDeadline({ vendor: VENDOR, timeoutMs, signal: ctx.signal }, (deadline) =>
      media.kind === 'image' ? detectImage(media, ids, deadline) : detectVideo(media, ids, deadline),
    );
    return { ...outcome, sentIds: { MerchantBizId: ids.merchantBizId } };
  }

  return {
    id: 'alibaba-intl',
    displayName: ALIBABA_INTL_DISPLAY_NAME,
    mode: options.mode,
    limits: ALIBABA_INTL_MEDIA_LIMITS,
    check,
  };
}

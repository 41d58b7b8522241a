/**
 * A Fastify plugin that answers like Alibaba Cloud's cloudauth-intl deepfake service (vendor doc; spec §2), with
 * the three hosts of the video flow under one prefix:
 *
 *   app.register(alibabaIntlSimulator, { prefix: '/sim/alibaba-intl', accessKeyId, accessKeySecret })
 *
 *   {prefix}/api/           DeepfakeDetectIntl and DeepfakeDetectIntlStream (ACS3-verified RPC)
 *   {prefix}/openplatform/  AuthorizeFileUpload (ACS3-verified GET) → an OSS upload policy for this simulator
 *   {prefix}/oss/           OSS PostObject (policy-verified); FaceFile `http://{Bucket}.{Endpoint}/{key}` names it
 *
 * `POST /_control/next`, `DELETE /_control` and `GET /_control` steer and inspect it; the same control is available
 * in-process via `options.control`. With nothing queued the answer is a low-risk success.
 */
import type { FastifyInstance } from 'fastify';
import { probeMedia } from '@contract/media/probe.js';
import { createAcs3Gate } from '../../alibaba-acs3/simulator/gate.js';
import { createDetectHandler, popErrorReply, registerPopRoute, type PopIdentity } from '../../alibaba-acs3/simulator/api.js';
import {
  createCloudauthSimulatorControl,
  queuedOutcomeSchema,
  type CloudauthSimulatorControl,
} from '../../alibaba-acs3/simulator/control.js';
import type { ProbeMedia } from '../../alibaba-acs3/simulator/media.js';
import { collectParams } from '../../alibaba-acs3/simulator/params.js';
import { registerControlRoutes } from '../../simulator-kit/control-routes.js';
import { ALIBABA_INTL_HARD_LIMITS } from '../limits.js';
import {
  AUTHORIZE_UPLOAD_ACTION,
  DETECT_IMAGE_ACTION,
  DETECT_STREAM_ACTION,
  INTL_API_VERSION,
  OPENPLATFORM_API_VERSION,
} from '../request.js';
import { createObjectStore, objectKeyOf, registerOssRoutes } from './oss.js';
import { createSimulatedBucket, issueUploadGrant } from './oss-policy.js';
import { checkAuthorizeParams, checkDetectParams } from './validate.js';

export {
  createCloudauthSimulatorControl,
  type CloudauthSimulatorControl,
  type QueuedOutcomeInput,
} from '../../alibaba-acs3/simulator/control.js';

export interface AlibabaIntlSimulatorOptions {
  prefix?: string;
  accessKeyId: string;
  accessKeySecret: string;
  now?: () => Date;
  /** Defaults to `probeMedia` from contract/media/probe.ts; tests may pass a stub. */
  probe?: ProbeMedia;
  /** Pass one to steer the simulator in-process; otherwise each registration gets its own. */
  control?: CloudauthSimulatorControl;
  /** Per API; defaults to the published 10 QPS. Infinity turns throttling off. */
  maxRequestsPerSecond?: number;
  /** Used to download a FaceUrl (DeepfakeDetectIntl accepts one); defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * Where the detect API answers under the prefix: `/api/` (default, beside `/openplatform/` and `/oss/` on one
   * host), or `/` as on the vendor's own host (the standalone simulators, server/simulators).
   */
  apiPath?: '/api/' | '/';
}

const MiB = 1024 * 1024;
/** Above what a 10 MB image becomes as percent-encoded base64, so the simulator itself answers ToolargeImage. */
const API_BODY_LIMIT_BYTES = 32 * MiB;
const OSS_BODY_LIMIT_BYTES = ALIBABA_INTL_HARD_LIMITS.maxUploadBytes + MiB;

const API_IDENTITY: PopIdentity = { hostId: 'cloudauth-intl.ap-southeast-1.aliyuncs.com', product: 'Cloudauth-intl' };
const OPENPLATFORM_IDENTITY: PopIdentity = { hostId: 'openplatform.aliyuncs.com', product: 'OpenPlatform' };

export async function alibabaIntlSimulator(app: FastifyInstance, options: AlibabaIntlSimulatorOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const control = options.control ?? createCloudauthSimulatorControl();
  const gate = createAcs3Gate({
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    now,
    maxRequestsPerSecond: options.maxRequestsPerSecond ?? ALIBABA_INTL_HARD_LIMITS.maxRequestsPerSecond,
  });
  const bucket = createSimulatedBucket();
  const store = createObjectStore({ ttlMs: ALIBABA_INTL_HARD_LIMITS.uploadedObjectTtlMs, now: () => now().getTime() });
  const common = { control, now };

  const detect = createDetectHandler({
    identity: API_IDENTITY,
    gate,
    control,
    probe: options.probe ?? probeMedia,
    rules: ALIBABA_INTL_HARD_LIMITS.media,
    fetch: options.fetch ?? fetch,
    successCode: 'Success',
    actions: {
      [DETECT_IMAGE_ACTION]: { version: INTL_API_VERSION, acceptsFaceFile: false, checkParams: checkDetectParams },
      [DETECT_STREAM_ACTION]: {
        version: INTL_API_VERSION,
        acceptsFaceFile: true,
        checkParams: checkDetectParams,
        withTransactionId: true,
      },
    },
    resolveFaceFile(faceFile) {
      const key = objectKeyOf(faceFile, bucket);
      const bytes = key === undefined ? undefined : store.get(key);
      // (guess) the code for a FaceFile that names nothing the service can read.
      return bytes ?? { code: 'InvalidParameter', detail: 'FaceFile does not name an uploaded object' };
    },
  });
  await registerPopRoute(app, {
    ...common,
    identity: API_IDENTITY,
    methods: ['GET', 'POST'],
    urls: options.apiPath === '/' ? ['/'] : ['/api/', '/api'],
    bodyLimit: API_BODY_LIMIT_BYTES,
    tooLargeCode: 'ToolargeImage',
    handle: detect,
  });

  await registerPopRoute(app, {
    ...common,
    identity: OPENPLATFORM_IDENTITY,
    methods: ['GET', 'POST'],
    urls: ['/openplatform/', '/openplatform'],
    bodyLimit: MiB,
    tooLargeCode: 'InvalidParameter',
    async handle(request) {
      const rejected = gate.check(request, { [AUTHORIZE_UPLOAD_ACTION]: OPENPLATFORM_API_VERSION });
      if (rejected) return popErrorReply(OPENPLATFORM_IDENTITY, rejected);
      const contentType = request.headers['content-type'];
      const params = collectParams(request.rawQuery, request.body, Array.isArray(contentType) ? contentType[0] : contentType);
      const problem = checkAuthorizeParams(params);
      if (problem) return popErrorReply(OPENPLATFORM_IDENTITY, problem);
      const grant = issueUploadGrant(bucket, now(), {
        ttlMs: ALIBABA_INTL_HARD_LIMITS.uploadPolicyTtlMs,
        maxBytes: ALIBABA_INTL_HARD_LIMITS.maxUploadBytes,
      });
      // History records the request id only: the grant's Signature authorises uploads.
      return { status: 200, body: grant, summary: { requestId: grant.RequestId } };
    },
  });

  await registerOssRoutes(app, { ...common, bucket, store, bodyLimit: OSS_BODY_LIMIT_BYTES });

  registerControlRoutes(app, control, queuedOutcomeSchema);
}

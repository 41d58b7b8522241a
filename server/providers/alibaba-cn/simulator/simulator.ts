/**
 * A Fastify plugin that answers like Alibaba Cloud's DeepfakeDetect (China) (vendor doc; spec §4):
 *
 *   app.register(alibabaCnSimulator, { prefix: '/sim/alibaba-cn', accessKeyId, accessKeySecret })
 *
 * `POST {prefix}/` is the ACS3-verified RPC API. A VIDEO is fetched from its FaceUrl over HTTP, bounded in size
 * and time, then probed like an image from FaceBase64. `POST /_control/next`, `DELETE /_control` and
 * `GET /_control` steer and inspect it; the same control is available in-process via `options.control`. With
 * nothing queued the answer is a low-risk success (Code "200").
 */
import type { FastifyInstance } from 'fastify';
import { probeMedia } from '@contract/media/probe.js';
import { createDetectHandler, registerPopRoute, type PopIdentity } from '../../alibaba-acs3/simulator/api.js';
import {
  createCloudauthSimulatorControl,
  queuedOutcomeSchema,
  type CloudauthSimulatorControl,
} from '../../alibaba-acs3/simulator/control.js';
import { createAcs3Gate } from '../../alibaba-acs3/simulator/gate.js';
import type { ProbeMedia } from '../../alibaba-acs3/simulator/media.js';
import { checkOrderId } from '../../alibaba-acs3/simulator/params.js';
import { registerControlRoutes } from '../../simulator-kit/control-routes.js';
import { ALIBABA_CN_HARD_LIMITS } from '../limits.js';
import { CN_API_VERSION, DETECT_ACTION } from '../request.js';

export {
  createCloudauthSimulatorControl,
  type CloudauthSimulatorControl,
  type QueuedOutcomeInput,
} from '../../alibaba-acs3/simulator/control.js';

export interface AlibabaCnSimulatorOptions {
  prefix?: string;
  accessKeyId: string;
  accessKeySecret: string;
  now?: () => Date;
  /** Defaults to `probeMedia` from contract/media/probe.ts; tests may pass a stub. */
  probe?: ProbeMedia;
  /** Pass one to steer the simulator in-process; otherwise each registration gets its own. */
  control?: CloudauthSimulatorControl;
  /** Per API; the doc publishes no number, so by default there is no limit. */
  maxRequestsPerSecond?: number;
  /** Downloads FaceUrl; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Above what a 10 MB image becomes as percent-encoded base64, so the simulator itself answers ToolargeImage. */
const API_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

const IDENTITY: PopIdentity = { hostId: 'cloudauth.aliyuncs.com', product: 'Cloudauth' };

export async function alibabaCnSimulator(app: FastifyInstance, options: AlibabaCnSimulatorOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const control = options.control ?? createCloudauthSimulatorControl();
  const gate = createAcs3Gate({
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    now,
    maxRequestsPerSecond: options.maxRequestsPerSecond ?? ALIBABA_CN_HARD_LIMITS.maxRequestsPerSecond,
  });

  const detect = createDetectHandler({
    identity: IDENTITY,
    gate,
    control,
    probe: options.probe ?? probeMedia,
    rules: ALIBABA_CN_HARD_LIMITS.media,
    fetch: options.fetch ?? fetch,
    successCode: '200',
    actions: {
      // Doc: OuterOrderNo, "32位长度的字母数字组合"; nothing else is product-specific.
      [DETECT_ACTION]: {
        version: CN_API_VERSION,
        acceptsFaceFile: false,
        checkParams: (params) => checkOrderId(params, 'OuterOrderNo'),
      },
    },
  });
  await registerPopRoute(app, {
    control,
    now,
    identity: IDENTITY,
    methods: ['GET', 'POST'],
    urls: ['/'],
    bodyLimit: API_BODY_LIMIT_BYTES,
    tooLargeCode: 'ToolargeImage',
    handle: detect,
  });

  registerControlRoutes(app, control, queuedOutcomeSchema);
}

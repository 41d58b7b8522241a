/** Alibaba Cloud China DeepfakeDetect: the vendor's descriptor (see ../descriptor.ts). */
import { z } from 'zod';
import { STANDARD_VENDOR_POLICY } from '../../checks/vendor-policy.js';
import { optionalText, optionalUrl } from '../../env-fields.js';
import type { AccessKey } from '../alibaba-acs3/rpc-request.js';
import { endpointFor, mountWith, type VendorConfig, type VendorDescriptor } from '../descriptor.js';
import { randomHex } from '../simulator-kit/random-keys.js';
import { ALIBABA_CN_DEFAULT_ENDPOINT, ALIBABA_CN_DISPLAY_NAME, createAlibabaCnProvider } from './client.js';
import { ALIBABA_CN_HARD_LIMITS, ALIBABA_CN_MEDIA_LIMITS } from './limits.js';
import { alibabaCnSimulator } from './simulator/simulator.js';

export type AlibabaCnConfig = VendorConfig<AccessKey> & {
  /** ALIBABA_CN_FACE_URL: `link` (our signed /api/media-links URL) or `presigned` (the S3 object's presigned URL). */
  faceUrl: 'link' | 'presigned';
};

export const alibabaCn = {
  id: 'alibaba-cn',
  displayName: ALIBABA_CN_DISPLAY_NAME,
  envPrefix: 'ALIBABA_CN',
  envSchema: z.object({
    ALIBABA_CN_ACCESS_KEY_ID: optionalText,
    ALIBABA_CN_ACCESS_KEY_SECRET: optionalText,
    ALIBABA_CN_ENDPOINT: optionalUrl,
    ALIBABA_CN_FACE_URL: optionalText.refine((v) => v === undefined || v === 'link' || v === 'presigned', {
      message: 'must be link or presigned',
    }),
  }),
  credentialVars: { accessKeyId: 'ALIBABA_CN_ACCESS_KEY_ID', accessKeySecret: 'ALIBABA_CN_ACCESS_KEY_SECRET' },
  defaultEndpoint: ALIBABA_CN_DEFAULT_ENDPOINT,
  // The China doc gives a dedicated per-API QPS without a number: stay at the intl figure (10).
  policy: { ...STANDARD_VENDOR_POLICY, ratePerSecond: 10 },
  limits: ALIBABA_CN_MEDIA_LIMITS,
  readConfig: (env) => ({
    endpoint: env.ALIBABA_CN_ENDPOINT ?? ALIBABA_CN_DEFAULT_ENDPOINT,
    faceUrl: env.ALIBABA_CN_FACE_URL === 'presigned' ? ('presigned' as const) : ('link' as const),
  }),
  create: (config, fetch, target) =>
    createAlibabaCnProvider({
      mode: target.mode,
      endpoint: endpointFor(config, target, '/'),
      faceUrl: config.faceUrl,
      fetch,
      ...target.credentials,
    }),
  simulator: {
    credentials: () => ({ accessKeyId: `LTAIsim${randomHex(8)}`, accessKeySecret: randomHex() }),
    publishedRate: ALIBABA_CN_HARD_LIMITS.maxRequestsPerSecond,
    mount: mountWith<AccessKey>(alibabaCnSimulator),
  },
} satisfies VendorDescriptor<AccessKey, AlibabaCnConfig>;

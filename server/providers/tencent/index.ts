/** Tencent Cloud FaceID DetectAIFakeFaces: the vendor's descriptor (see ../descriptor.ts). */
import { z } from 'zod';
import { STANDARD_VENDOR_POLICY } from '../../checks/vendor-policy.js';
import { optionalText, optionalUrl } from '../../env-fields.js';
import { endpointFor, mountWith, type VendorConfig, type VendorDescriptor } from '../descriptor.js';
import { randomHex } from '../simulator-kit/random-keys.js';
import { createTencentProvider, TENCENT_DEFAULT_ENDPOINT, TENCENT_DISPLAY_NAME } from './client.js';
import { TENCENT_HARD_LIMITS, TENCENT_MEDIA_LIMITS } from './limits.js';
import type { TencentCredentials } from './request.js';
import { tencentSimulator } from './simulator/simulator.js';

export type TencentConfig = VendorConfig<TencentCredentials> & {
  /** Sent as X-TC-Region when set, to the simulator too; the service name stays `faceid`. */
  region?: string;
};

export const tencent = {
  id: 'tencent',
  displayName: TENCENT_DISPLAY_NAME,
  envPrefix: 'TENCENT',
  envSchema: z.object({
    TENCENT_SECRET_ID: optionalText,
    TENCENT_SECRET_KEY: optionalText,
    TENCENT_ENDPOINT: optionalUrl,
    TENCENT_REGION: optionalText,
  }),
  credentialVars: { secretId: 'TENCENT_SECRET_ID', secretKey: 'TENCENT_SECRET_KEY' },
  defaultEndpoint: TENCENT_DEFAULT_ENDPOINT,
  // Doc: "A maximum of 5 requests can be initiated per second for this API."
  policy: { ...STANDARD_VENDOR_POLICY, ratePerSecond: TENCENT_HARD_LIMITS.maxRequestsPerSecond },
  limits: TENCENT_MEDIA_LIMITS,
  readConfig: (env) => ({ endpoint: env.TENCENT_ENDPOINT ?? TENCENT_DEFAULT_ENDPOINT, region: env.TENCENT_REGION }),
  create: (config, fetch, target) =>
    createTencentProvider({
      mode: target.mode,
      endpoint: endpointFor(config, target, '/'),
      region: config.region,
      fetch,
      ...target.credentials,
    }),
  simulator: {
    credentials: () => ({ secretId: `SIM${randomHex(12)}`, secretKey: randomHex() }),
    publishedRate: TENCENT_HARD_LIMITS.maxRequestsPerSecond,
    mount: mountWith<TencentCredentials>(tencentSimulator),
  },
} satisfies VendorDescriptor<TencentCredentials, TencentConfig>;

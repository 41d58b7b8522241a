/** FinAuth StarScope anti_deepfake: the vendor's descriptor (see ../descriptor.ts). */
import { z } from 'zod';
import { STANDARD_VENDOR_POLICY } from '../../checks/vendor-policy.js';
import { optionalText, optionalUrl } from '../../env-fields.js';
import { endpointFor, mountWith, type VendorConfig, type VendorDescriptor } from '../descriptor.js';
import { randomHex } from '../simulator-kit/random-keys.js';
import { createFinauthProvider, FINAUTH_DEFAULT_ENDPOINT, FINAUTH_DISPLAY_NAME } from './client.js';
import { FINAUTH_HARD_LIMITS, FINAUTH_MEDIA_LIMITS } from './limits.js';
import type { FinauthCredentials } from './request.js';
import { finauthSimulator } from './simulator/simulator.js';

export const finauth = {
  id: 'finauth',
  displayName: FINAUTH_DISPLAY_NAME,
  envPrefix: 'FINAUTH',
  envSchema: z.object({
    FINAUTH_API_KEY: optionalText,
    FINAUTH_API_SECRET: optionalText,
    FINAUTH_ENDPOINT: optionalUrl,
  }),
  credentialVars: { apiKey: 'FINAUTH_API_KEY', apiSecret: 'FINAUTH_API_SECRET' },
  defaultEndpoint: FINAUTH_DEFAULT_ENDPOINT,
  // FinAuth publishes no rate; its throttling answer (403 CONCURRENCY_LIMIT_EXCEEDED) is retried with back-off,
  // and the concurrency cap bounds what we ask of it.
  policy: { ...STANDARD_VENDOR_POLICY, maxConcurrent: 4 },
  limits: FINAUTH_MEDIA_LIMITS,
  readConfig: (env) => ({ endpoint: env.FINAUTH_ENDPOINT ?? FINAUTH_DEFAULT_ENDPOINT }),
  create: (config, fetch, target) =>
    createFinauthProvider({
      mode: target.mode,
      endpoint: endpointFor(config, target),
      fetch,
      ...target.credentials,
    }),
  simulator: {
    credentials: () => ({ apiKey: `sim${randomHex(12)}`, apiSecret: randomHex() }),
    publishedRate: FINAUTH_HARD_LIMITS.maxRequestsPerSecond,
    mount: mountWith<FinauthCredentials>(finauthSimulator),
  },
} satisfies VendorDescriptor<FinauthCredentials, VendorConfig<FinauthCredentials>>;

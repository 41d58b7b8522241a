/** GLAIR Vision face/v1/deepfake: the vendor's descriptor (see ../descriptor.ts). */
import { z } from 'zod';
import { STANDARD_VENDOR_POLICY } from '../../checks/vendor-policy.js';
import { optionalText, optionalUrl } from '../../env-fields.js';
import { endpointFor, mountWith, type VendorConfig, type VendorDescriptor } from '../descriptor.js';
import { randomHex } from '../simulator-kit/random-keys.js';
import type { GlairCredentials } from './auth.js';
import { createGlairProvider, GLAIR_DEFAULT_ENDPOINT, GLAIR_DISPLAY_NAME } from './client.js';
import { GLAIR_HARD_LIMITS, GLAIR_MEDIA_LIMITS } from './limits.js';
import { glairSimulator } from './simulator/simulator.js';

export const glair = {
  id: 'glair',
  displayName: GLAIR_DISPLAY_NAME,
  envPrefix: 'GLAIR',
  envSchema: z.object({
    GLAIR_USERNAME: optionalText,
    GLAIR_PASSWORD: optionalText,
    GLAIR_API_KEY: optionalText,
    GLAIR_ENDPOINT: optionalUrl,
  }),
  credentialVars: { username: 'GLAIR_USERNAME', password: 'GLAIR_PASSWORD', apiKey: 'GLAIR_API_KEY' },
  defaultEndpoint: GLAIR_DEFAULT_ENDPOINT,
  // GLAIR publishes no rate; its 429 is retried with back-off, and the concurrency cap bounds what we ask of it.
  policy: { ...STANDARD_VENDOR_POLICY, maxConcurrent: 4 },
  limits: GLAIR_MEDIA_LIMITS,
  readConfig: (env) => ({ endpoint: env.GLAIR_ENDPOINT ?? GLAIR_DEFAULT_ENDPOINT }),
  create: (config, fetch, target) =>
    createGlairProvider({
      mode: target.mode,
      endpoint: endpointFor(config, target),
      fetch,
      ...target.credentials,
    }),
  simulator: {
    credentials: () => ({ username: `sim${randomHex(6)}`, password: randomHex(), apiKey: randomHex(16) }),
    publishedRate: GLAIR_HARD_LIMITS.maxRequestsPerSecond,
    mount: mountWith<GlairCredentials>(glairSimulator),
  },
} satisfies VendorDescriptor<GlairCredentials, VendorConfig<GlairCredentials>>;

/** Alibaba Cloud DeepfakeDetectIntl / DeepfakeDetectIntlStream: the vendor's descriptor (see ../descriptor.ts). */
import { z } from 'zod';
import { STANDARD_VENDOR_POLICY } from '../../checks/vendor-policy.js';
import { optionalText, optionalUrl } from '../../env-fields.js';
import type { AccessKey } from '../alibaba-acs3/rpc-request.js';
import { type VendorConfig, type VendorDescriptor } from '../descriptor.js';
import { randomHex } from '../simulator-kit/random-keys.js';
import {
  ALIBABA_INTL_DEFAULT_ENDPOINT,
  ALIBABA_INTL_DISPLAY_NAME,
  ALIBABA_OPENPLATFORM_DEFAULT_ENDPOINT,
  createAlibabaIntlProvider,
} from './client.js';
import { ALIBABA_INTL_HARD_LIMITS, ALIBABA_INTL_MEDIA_LIMITS, ALIBABA_INTL_REQUESTS_PER_SECOND } from './limits.js';
import { alibabaIntlSimulator } from './simulator/simulator.js';

/** The scene code is configured with the keys: it belongs to the account. */
export type AlibabaIntlCredentials = AccessKey & { sceneCode: string };

export type AlibabaIntlConfig = VendorConfig<AlibabaIntlCredentials> & {
  /** Where AuthorizeFileUpload goes. */
  openPlatformEndpoint: string;
  /** Sends the OSS upload here instead of `https://{Bucket}.{Endpoint}/`. */
  ossUploadUrl?: string;
};

/** The scene code a simulated account uses. */
const SIMULATED_SCENE_CODE = 'selfie';

export const alibabaIntl = {
  id: 'alibaba-intl',
  displayName: ALIBABA_INTL_DISPLAY_NAME,
  envPrefix: 'ALIBABA_INTL',
  envSchema: z.object({
    ALIBABA_INTL_ACCESS_KEY_ID: optionalText,
    ALIBABA_INTL_ACCESS_KEY_SECRET: optionalText,
    ALIBABA_INTL_ENDPOINT: optionalUrl,
    ALIBABA_INTL_SCENE_CODE: optionalText.refine((v) => v === undefined || ALIBABA_INTL_HARD_LIMITS.sceneCodePattern.test(v), {
      message: 'must be 1–10 letters, digits or _',
    }),
    ALIBABA_OPENPLATFORM_ENDPOINT: optionalUrl,
    ALIBABA_INTL_OSS_UPLOAD_URL: optionalUrl,
  }),
  credentialVars: {
    accessKeyId: 'ALIBABA_INTL_ACCESS_KEY_ID',
    accessKeySecret: 'ALIBABA_INTL_ACCESS_KEY_SECRET',
    sceneCode: 'ALIBABA_INTL_SCENE_CODE',
  },
  defaultEndpoint: ALIBABA_INTL_DEFAULT_ENDPOINT,
  // Public API overview: 10 QPS per API per account in ap-southeast-1.
  policy: { ...STANDARD_VENDOR_POLICY, ratePerSecond: ALIBABA_INTL_REQUESTS_PER_SECOND },
  limits: ALIBABA_INTL_MEDIA_LIMITS,
  readConfig: (env) => ({
    endpoint: env.ALIBABA_INTL_ENDPOINT ?? ALIBABA_INTL_DEFAULT_ENDPOINT,
    openPlatformEndpoint: env.ALIBABA_OPENPLATFORM_ENDPOINT ?? ALIBABA_OPENPLATFORM_DEFAULT_ENDPOINT,
    ossUploadUrl: env.ALIBABA_INTL_OSS_UPLOAD_URL,
  }),
  create: (config, fetch, target) =>
    createAlibabaIntlProvider({
      mode: target.mode,
      ...(target.mode === 'live'
        ? { endpoint: config.endpoint, openPlatformEndpoint: config.openPlatformEndpoint, ossUploadUrl: config.ossUploadUrl }
        : {
            endpoint: target.simulatorUrl('/api/'),
            openPlatformEndpoint: target.simulatorUrl('/openplatform/'),
            ossUploadUrl: target.simulatorUrl('/oss/'),
          }),
      fetch,
      ...target.credentials,
    }),
  simulator: {
    credentials: () => ({ accessKeyId: `LTAIsim${randomHex(8)}`, accessKeySecret: randomHex(), sceneCode: SIMULATED_SCENE_CODE }),
    publishedRate: ALIBABA_INTL_HARD_LIMITS.maxRequestsPerSecond,
    async mount(app, { prefix, credentials, maxRequestsPerSecond, standalone }) {
      await app.register(alibabaIntlSimulator, {
        prefix,
        ...credentials,
        maxRequestsPerSecond,
        apiPath: standalone ? '/' : '/api/',
      });
    },
  },
} satisfies VendorDescriptor<AlibabaIntlCredentials, AlibabaIntlConfig>;

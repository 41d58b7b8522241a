/**
 * All five vendor simulators on one port of their own with known keys, standing in for the real
 * vendors: the proxy is then configured exactly as for live vendors (credentials + *_ENDPOINT).
 */
import fastifyMultipart from '@fastify/multipart';
import Fastify from 'fastify';
import { alibabaCnSimulator } from '../providers/alibaba-cn/simulator/simulator.js';
import { alibabaIntlSimulator } from '../providers/alibaba-intl/simulator/simulator.js';
import { finauthSimulator } from '../providers/finauth/simulator/simulator.js';
import { glairSimulator } from '../providers/glair/simulator/simulator.js';
import { tencentSimulator } from '../providers/tencent/simulator/simulator.js';

/** Fake credentials, distinctive enough to grep for. */
export const KNOWN_SECRETS = {
  TENCENT_SECRET_ID: 'AKIDknownTencentId0001',
  TENCENT_SECRET_KEY: 'knownTencentSecretKey-7f3a9c',
  FINAUTH_API_KEY: 'knownFinauthApiKey0001',
  FINAUTH_API_SECRET: 'knownFinauthSecret-b81d2e',
  GLAIR_USERNAME: 'knownglairuser',
  GLAIR_PASSWORD: 'knownGlairPassword-4c6e1a',
  GLAIR_API_KEY: 'knownGlairApiKey-9d2f70',
  ALIBABA_INTL_ACCESS_KEY_ID: 'LTAIknownIntlId0001',
  ALIBABA_INTL_ACCESS_KEY_SECRET: 'knownIntlSecret-5a0c3b',
  ALIBABA_INTL_SCENE_CODE: 'selfie',
  ALIBABA_CN_ACCESS_KEY_ID: 'LTAIknownCnId0001',
  ALIBABA_CN_ACCESS_KEY_SECRET: 'knownCnSecret-e2b947',
} as const;

/** The values that must never leak (ids and scene codes are not secret). */
export const SECRET_VALUES = [
  KNOWN_SECRETS.TENCENT_SECRET_KEY,
  KNOWN_SECRETS.FINAUTH_API_SECRET,
  KNOWN_SECRETS.FINAUTH_API_KEY,
  KNOWN_SECRETS.GLAIR_PASSWORD,
  KNOWN_SECRETS.GLAIR_API_KEY,
  KNOWN_SECRETS.ALIBABA_INTL_ACCESS_KEY_SECRET,
  KNOWN_SECRETS.ALIBABA_CN_ACCESS_KEY_SECRET,
  // Basic credentials travel base64-encoded; catch that form too.
  Buffer.from(`${KNOWN_SECRETS.GLAIR_USERNAME}:${KNOWN_SECRETS.GLAIR_PASSWORD}`).toString('base64'),
];

export async function startVendorSims(): Promise<{ url: string; env: Record<string, string>; close: () => Promise<void> }> {
  const s = KNOWN_SECRETS;
  const app = Fastify({ bodyLimit: 16 * 1024 * 1024 });
  await app.register(fastifyMultipart);
  await app.register(tencentSimulator, {
    prefix: '/sim/tencent',
    secretId: s.TENCENT_SECRET_ID,
    secretKey: s.TENCENT_SECRET_KEY,
  });
  await app.register(finauthSimulator, { prefix: '/sim/finauth', apiKey: s.FINAUTH_API_KEY, apiSecret: s.FINAUTH_API_SECRET });
  await app.register(glairSimulator, {
    prefix: '/sim/glair',
    username: s.GLAIR_USERNAME,
    password: s.GLAIR_PASSWORD,
    apiKey: s.GLAIR_API_KEY,
  });
  const intl = { accessKeyId: s.ALIBABA_INTL_ACCESS_KEY_ID, accessKeySecret: s.ALIBABA_INTL_ACCESS_KEY_SECRET };
  await app.register(alibabaIntlSimulator, { prefix: '/sim/alibaba-intl', ...intl });
  const cn = { accessKeyId: s.ALIBABA_CN_ACCESS_KEY_ID, accessKeySecret: s.ALIBABA_CN_ACCESS_KEY_SECRET };
  await app.register(alibabaCnSimulator, { prefix: '/sim/alibaba-cn', ...cn });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    env: {
      ...s,
      TENCENT_ENDPOINT: `${url}/sim/tencent/`,
      FINAUTH_ENDPOINT: `${url}/sim/finauth`,
      GLAIR_ENDPOINT: `${url}/sim/glair`,
      ALIBABA_INTL_ENDPOINT: `${url}/sim/alibaba-intl/api/`,
      ALIBABA_OPENPLATFORM_ENDPOINT: `${url}/sim/alibaba-intl/openplatform/`,
      ALIBABA_INTL_OSS_UPLOAD_URL: `${url}/sim/alibaba-intl/oss/`,
      ALIBABA_CN_ENDPOINT: `${url}/sim/alibaba-cn/`,
    },
    close: () => app.close(),
  };
}

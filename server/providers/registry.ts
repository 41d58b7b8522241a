/**
 * Builds the enabled providers from configuration, each behind its vendor gateway. A vendor with
 * credentials is `live`; without, it talks to its built-in simulator (mounted on this server
 * under /sim/<vendor>) with a per-process random key pair, so signing is exercised for real even
 * in a demo. Simulators enforce the vendor's published rate limit unless SIMULATOR_RATE_LIMITS=off.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createRateLimitedFetch } from '../checks/rate-limited-fetch.js';
import { createVendorGateway, type VendorGateway } from '../checks/vendor-gateway.js';
import { LOCAL_POLICY, type VendorPolicy } from '../checks/vendor-policy.js';
import type { AppConfig } from '../config.js';
import { createAlibabaCnProvider } from './alibaba-cn/client.js';
import { ALIBABA_CN_HARD_LIMITS } from './alibaba-cn/limits.js';
import { alibabaCnSimulator } from './alibaba-cn/simulator/simulator.js';
import { createAlibabaIntlProvider } from './alibaba-intl/client.js';
import { ALIBABA_INTL_HARD_LIMITS } from './alibaba-intl/limits.js';
import { alibabaIntlSimulator } from './alibaba-intl/simulator/simulator.js';
import { createFinauthProvider } from './finauth/client.js';
import { FINAUTH_HARD_LIMITS } from './finauth/limits.js';
import { finauthSimulator } from './finauth/simulator/simulator.js';
import { createGlairProvider } from './glair/client.js';
import { GLAIR_HARD_LIMITS } from './glair/limits.js';
import { glairSimulator } from './glair/simulator/simulator.js';
import { createLocalProvider } from './local/client.js';
import type { ScreeningService } from './local/screening-service.js';
import { createTencentProvider } from './tencent/client.js';
import { TENCENT_HARD_LIMITS } from './tencent/limits.js';
import { tencentSimulator } from './tencent/simulator/simulator.js';
import type { Provider } from './types.js';

export interface ProviderSetup {
  gateways: Map<string, VendorGateway>;
  /** Mounts the simulators the simulated providers talk to. */
  mountSimulators(app: FastifyInstance): Promise<void>;
}

const hex = (bytes = 20) => randomBytes(bytes).toString('hex');

/** The scene code a simulated Alibaba international account uses when none is configured. */
const SIMULATED_SCENE_CODE = 'selfie';

/** `screenings` is the capture-integrity screening the `local` provider shares; omitted = local disabled. */
export function buildProviders(config: AppConfig, baseUrl: () => string, screenings?: ScreeningService): ProviderSetup {
  const gateways = new Map<string, VendorGateway>();
  const simulators: Array<(app: FastifyInstance) => Promise<void>> = [];
  const sim = (path: string) => () => `${baseUrl()}/sim/${path}`;
  // Infinity, not undefined, when lifted: some simulators default an undefined limit to the published one.
  const simRate = (published: number | undefined) => (config.simulatorRateLimits ? published : Number.POSITIVE_INFINITY);

  /** Builds a provider around its vendor's rate-limited fetch and puts it behind a gateway. */
  const add = (policy: VendorPolicy, build: (fetch: typeof globalThis.fetch) => Provider) => {
    const limiter = createRateLimitedFetch(globalThis.fetch, policy.ratePerSecond);
    const provider = build(limiter.fetch);
    gateways.set(provider.id, createVendorGateway(provider, policy, limiter));
  };

  // First, so that it lists first: the one provider that needs no vendor account.
  if (screenings) {
    const local = createLocalProvider({ screenings });
    gateways.set(local.id, createVendorGateway(local, LOCAL_POLICY));
  }

  const tencent = config.tencent;
  if (tencent.credentials) {
    const keys = tencent.credentials;
    add(tencent.policy, (fetch) => createTencentProvider({ mode: 'live', endpoint: tencent.endpoint, region: tencent.region, fetch, ...keys }));
  } else {
    const keys = { secretId: `SIM${hex(12)}`, secretKey: hex() };
    add(tencent.policy, (fetch) =>
      createTencentProvider({ mode: 'simulated', endpoint: sim('tencent/'), region: tencent.region, fetch, ...keys }),
    );
    simulators.push(async (app) => {
      const maxRequestsPerSecond = simRate(TENCENT_HARD_LIMITS.maxRequestsPerSecond);
      await app.register(tencentSimulator, { prefix: '/sim/tencent', ...keys, maxRequestsPerSecond });
    });
  }

  const finauth = config.finauth;
  if (finauth.credentials) {
    const keys = finauth.credentials;
    add(finauth.policy, (fetch) => createFinauthProvider({ mode: 'live', endpoint: finauth.endpoint, fetch, ...keys }));
  } else {
    const keys = { apiKey: `sim${hex(12)}`, apiSecret: hex() };
    add(finauth.policy, (fetch) => createFinauthProvider({ mode: 'simulated', endpoint: sim('finauth'), fetch, ...keys }));
    simulators.push(async (app) => {
      const maxRequestsPerSecond = simRate(FINAUTH_HARD_LIMITS.maxRequestsPerSecond);
      await app.register(finauthSimulator, { prefix: '/sim/finauth', ...keys, maxRequestsPerSecond });
    });
  }

  const glair = config.glair;
  if (glair.credentials) {
    const keys = glair.credentials;
    add(glair.policy, (fetch) => createGlairProvider({ mode: 'live', endpoint: glair.endpoint, fetch, ...keys }));
  } else {
    const keys = { username: `sim${hex(6)}`, password: hex(), apiKey: hex(16) };
    add(glair.policy, (fetch) => createGlairProvider({ mode: 'simulated', endpoint: sim('glair'), fetch, ...keys }));
    simulators.push(async (app) => {
      const maxRequestsPerSecond = simRate(GLAIR_HARD_LIMITS.maxRequestsPerSecond);
      await app.register(glairSimulator, { prefix: '/sim/glair', ...keys, maxRequestsPerSecond });
    });
  }

  const intl = config.alibabaIntl;
  if (intl.credentials) {
    const { sceneCode, ...keys } = intl.credentials;
    add(intl.policy, (fetch) =>
      createAlibabaIntlProvider({
        mode: 'live',
        endpoint: intl.endpoint,
        openPlatformEndpoint: intl.openPlatformEndpoint,
        ossUploadUrl: intl.ossUploadUrl,
        sceneCode,
        fetch,
        ...keys,
      }),
    );
  } else {
    const keys = { accessKeyId: `LTAIsim${hex(8)}`, accessKeySecret: hex() };
    add(intl.policy, (fetch) =>
      createAlibabaIntlProvider({
        mode: 'simulated',
        endpoint: sim('alibaba-intl/api/'),
        openPlatformEndpoint: sim('alibaba-intl/openplatform/'),
        ossUploadUrl: sim('alibaba-intl/oss/'),
        sceneCode: SIMULATED_SCENE_CODE,
        fetch,
        ...keys,
      }),
    );
    simulators.push(async (app) => {
      const maxRequestsPerSecond = simRate(ALIBABA_INTL_HARD_LIMITS.maxRequestsPerSecond);
      await app.register(alibabaIntlSimulator, { prefix: '/sim/alibaba-intl', ...keys, maxRequestsPerSecond });
    });
  }

  const cn = config.alibabaCn;
  if (cn.credentials) {
    const keys = cn.credentials;
    add(cn.policy, (fetch) => createAlibabaCnProvider({ mode: 'live', endpoint: cn.endpoint, fetch, ...keys }));
  } else {
    const keys = { accessKeyId: `LTAIsim${hex(8)}`, accessKeySecret: hex() };
    add(cn.policy, (fetch) => createAlibabaCnProvider({ mode: 'simulated', endpoint: sim('alibaba-cn/'), fetch, ...keys }));
    simulators.push(async (app) => {
      const maxRequestsPerSecond = simRate(ALIBABA_CN_HARD_LIMITS.maxRequestsPerSecond);
      await app.register(alibabaCnSimulator, { prefix: '/sim/alibaba-cn', ...keys, maxRequestsPerSecond });
    });
  }

  return {
    gateways,
    async mountSimulators(app) {
      for (const mount of simulators) await mount(app);
    },
  };
}

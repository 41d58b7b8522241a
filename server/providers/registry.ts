/**
 * Builds the enabled providers from configuration, each behind its vendor gateway. A vendor with
 * credentials is `live`; without, it talks to its built-in simulator (mounted on this server
 * under /sim/<vendor>) with a per-process random key pair, so signing is exercised for real even
 * in a demo.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createVendorGateway, type VendorGateway } from '../checks/vendor-gateway.js';
import type { AppConfig } from '../config.js';
import { createTencentProvider } from './tencent/client.js';
import { tencentSimulator } from './tencent/simulator.js';
import type { Provider } from './types.js';

export interface ProviderSetup {
  gateways: Map<string, VendorGateway>;
  /** Mounts the simulators the simulated providers talk to. */
  mountSimulators(app: FastifyInstance): Promise<void>;
}

const simSecret = (bytes = 20) => randomBytes(bytes).toString('hex');

export function buildProviders(config: AppConfig, baseUrl: () => string): ProviderSetup {
  const gateways = new Map<string, VendorGateway>();
  const simulators: Array<(app: FastifyInstance) => Promise<void>> = [];
  const add = (provider: Provider, policy: AppConfig['tencent']['policy']) =>
    gateways.set(provider.id, createVendorGateway(provider, policy));

  // Tencent Cloud DetectAIFakeFaces
  {
    const c = config.tencent;
    if (c.credentials) {
      add(createTencentProvider({ mode: 'live', endpoint: c.endpoint, region: c.region, ...c.credentials }), c.policy);
    } else {
      const keys = { secretId: `SIM${simSecret(12)}`, secretKey: simSecret() };
      add(
        createTencentProvider({ mode: 'simulated', endpoint: () => `${baseUrl()}/sim/tencent/`, region: c.region, ...keys }),
        c.policy,
      );
      simulators.push(async (app) => {
        await app.register(tencentSimulator, { prefix: '/sim/tencent', ...keys });
      });
    }
  }

  return {
    gateways,
    async mountSimulators(app) {
      for (const mount of simulators) await mount(app);
    },
  };
}

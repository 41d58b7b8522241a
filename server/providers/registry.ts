/**
 * Builds the enabled providers from configuration. A vendor with credentials is `live`; without,
 * it talks to its built-in simulator (mounted on this server under /sim/<vendor>) with a
 * per-process random key pair, so signing is exercised for real even in a demo.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.js';
import { createTencentProvider } from './tencent/client.js';
import { tencentSimulator } from './tencent/simulator.js';
import type { Provider } from './types.js';

export interface ProviderSetup {
  providers: Map<string, Provider>;
  /** Mounts the simulators the simulated providers talk to. */
  mountSimulators(app: FastifyInstance): Promise<void>;
}

export function buildProviders(config: AppConfig, baseUrl: () => string): ProviderSetup {
  const providers = new Map<string, Provider>();
  const simulators: Array<(app: FastifyInstance) => Promise<void>> = [];

  const tencent = config.tencent;
  if (tencent.credentials) {
    providers.set(
      'tencent',
      createTencentProvider({ mode: 'live', endpoint: tencent.endpoint, region: tencent.region, ...tencent.credentials }),
    );
  } else {
    const simSecret = { secretId: `SIM${randomBytes(12).toString('hex')}`, secretKey: randomBytes(24).toString('hex') };
    providers.set(
      'tencent',
      createTencentProvider({ mode: 'simulated', endpoint: () => `${baseUrl()}/sim/tencent/`, region: tencent.region, ...simSecret }),
    );
    simulators.push(async (app) => {
      await app.register(tencentSimulator, { prefix: '/sim/tencent', ...simSecret });
    });
  }

  return {
    providers,
    async mountSimulators(app) {
      for (const mount of simulators) await mount(app);
    },
  };
}

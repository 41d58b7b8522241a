/**
 * Builds the enabled providers from configuration, each behind its vendor gateway. A vendor with
 * credentials is `live`; without, it talks to its built-in simulator (mounted on this server
 * under /sim/<vendor>) with a per-process random key pair, so signing is exercised for real even
 * in a demo. Simulators enforce the vendor's published rate limit unless SIMULATOR_RATE_LIMITS=off.
 */
import type { FastifyInstance } from 'fastify';
import { createRateLimitedFetch } from '../checks/rate-limited-fetch.js';
import { vendorFetch } from '../checks/vendor-fetch.js';
import { createVendorGateway, type AttemptObserver, type VendorGateway } from '../checks/vendor-gateway.js';
import type { VendorQuotas } from '../checks/quotas/shared-quotas.js';
import type { AppConfig } from '../config.js';
import type { VendorDescriptor, VendorTarget } from './descriptor.js';
import { local } from './local/index.js';
import type { ScreeningService } from './local/screening-service.js';
import { VENDORS } from './vendors.js';

export interface ProviderSetup {
  gateways: Map<string, VendorGateway>;
  /** Mounts the simulators the simulated providers talk to. */
  mountSimulators(app: FastifyInstance): Promise<void>;
}

/**
 * `screenings` is the capture-integrity screening the `local` provider shares; omitted = local disabled.
 * `quotas`: each vendor's rate and concurrency shared with the deployment's other processes (DATABASE_URL); without,
 * this process's own. The `local` screening runs on this box, so its cap stays this process's. `observe` is told of
 * every vendor call (logs, metrics).
 */
export function buildProviders(
  config: AppConfig,
  baseUrl: () => string,
  screenings?: ScreeningService,
  quotas?: VendorQuotas,
  observe?: AttemptObserver,
): ProviderSetup {
  const gateways = new Map<string, VendorGateway>();
  const simulators: Array<(app: FastifyInstance) => Promise<void>> = [];
  // Infinity, not undefined, when lifted: some simulators default an undefined limit to the published one.
  const simRate = (published: number | undefined) => (config.simulatorRateLimits ? published : Number.POSITIVE_INFINITY);

  // First, so that it lists first: the one provider that needs no vendor account.
  if (screenings)
    gateways.set(local.id, createVendorGateway(local.create(screenings), local.policy, undefined, undefined, observe));

  /** The vendor itself when it has credentials, else its simulator (mounted later by mountSimulators). */
  const targetOf = (vendor: VendorDescriptor, credentials: object | undefined): VendorTarget<object> => {
    if (credentials) return { mode: 'live', credentials };
    const prefix = `/sim/${vendor.id}`;
    const simulated = vendor.simulator.credentials();
    const maxRequestsPerSecond = simRate(vendor.simulator.publishedRate);
    simulators.push((app) => vendor.simulator.mount(app, { prefix, credentials: simulated, maxRequestsPerSecond }));
    return {
      mode: 'simulated',
      credentials: simulated,
      simulatorUrl:
        (path = '') =>
        () =>
          `${baseUrl()}${prefix}${path}`,
    };
  };

  for (const vendor of VENDORS) {
    const vendorConfig = config.vendors[vendor.id];
    const { policy } = vendorConfig;
    const limiter = createRateLimitedFetch(vendorFetch, policy.ratePerSecond, {
      windowSlackMs: policy.rateSlackMs,
      sharedGate: quotas && ((api, rate, slack) => quotas.rateGate(vendor.id, api, rate, slack)),
      sendThread: quotas?.sendThread,
    });
    const provider = vendor.create(vendorConfig, limiter.fetch, targetOf(vendor, vendorConfig.credentials));
    const concurrency = quotas?.concurrency(vendor.id, policy.maxConcurrent);
    gateways.set(provider.id, createVendorGateway(provider, policy, limiter, concurrency, observe));
  }

  return {
    gateways,
    async mountSimulators(app) {
      for (const mount of simulators) await mount(app);
    },
  };
}

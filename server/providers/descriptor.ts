/**
 * A vendor's whole operating contract in one object, exported by `server/providers/<vendor>/index.ts`: who it is,
 * its environment variables, where it lives, how the gateway treats it, what media it takes, how to build its
 * provider and how to stand in for it with a simulator (modelled on the Vercel AI SDK's provider packages: a factory
 * that owns its settings, env and fetch). The server config (../config.ts) and the registry (./registry.ts) are loops
 * over the list in ./vendors.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { VendorPolicy } from '../checks/vendor-policy.js';
import type { MediaLimits, Provider, ProviderId } from './types.js';

export type VendorId = Exclude<ProviderId, 'local'>;

/** What every provider folder describes, the on-box `local` screening included. */
export interface ProviderDescriptor {
  id: ProviderId;
  displayName: string;
  /** How the gateway treats it: rate, concurrency, timeouts, attempts, throttled answers, back-off, breaker. */
  policy: VendorPolicy;
  /** What media it takes; the capture app fits clips to these. */
  limits: MediaLimits;
}

/** A vendor variable as parsed: every one is optional text (unset or blank = undefined). */
export type VendorEnvField = z.ZodType<string | undefined, string | undefined>;
export type VendorEnv = Readonly<Record<string, string | undefined>>;

/** One vendor's part of the server config (AppConfig.vendors). */
export interface VendorConfig<C extends object = object> {
  /** Undefined when none of its credential variables is set: the built-in simulator is used. */
  credentials?: C;
  endpoint: string;
  /** The descriptor's policy with the `<P>_*` overrides applied. */
  policy: VendorPolicy;
}

/** Where a provider sends its checks: the vendor itself, or its simulator on this server. */
export type VendorTarget<C extends object> =
  | { mode: 'live'; credentials: C }
  | {
      mode: 'simulated';
      credentials: C;
      /** `${base}/sim/<id>${path}`, read on every check: the server's port is known only once it listens. */
      simulatorUrl(path?: string): () => string;
    };

export interface VendorSimulator<C extends object> {
  /** Fresh credentials for one process: the provider signs with them and the simulator checks them. */
  credentials(): C;
  /** The vendor's published rate, which the simulator enforces unless SIMULATOR_RATE_LIMITS=off; undefined = none. */
  publishedRate: number | undefined;
  /**
   * Registers the simulator's routes under `prefix` (/sim/<id>). `standalone`: the simulator is its own server
   * (server/simulators), prefix '', so it answers at the vendor's own paths (a vendor with several hosts keeps
   * the other hosts' paths beside its API).
   */
  mount(
    app: FastifyInstance,
    options: { prefix: string; credentials: C; maxRequestsPerSecond: number | undefined; standalone?: boolean },
  ): Promise<void>;
}

/**
 * `C` is the vendor's credentials, `Config` its part of the server config. Methods (not function properties) so that
 * the list in ./vendors.ts can hold vendors with different credentials.
 */
export interface VendorDescriptor<
  C extends object = object,
  Config extends VendorConfig<C> = VendorConfig<C>,
> extends ProviderDescriptor {
  id: VendorId;
  /** `<P>` of its gateway overrides (<P>_RATE_LIMIT, <P>_MAX_CONCURRENCY…, see ../checks/vendor-policy.ts). */
  envPrefix: string;
  /** Its own variables (credentials, endpoints, region, scene code…), validated with the server's at start. */
  envSchema: z.ZodObject<Record<string, VendorEnvField>>;
  /** The variable behind each credential, in the order a start-up error names them: all set (live) or none. */
  credentialVars: { readonly [F in keyof C]: string } & Readonly<Record<string, string>>;
  defaultEndpoint: string;
  /** Its config apart from credentials and policy, from its parsed variables. */
  readConfig(env: VendorEnv): Omit<Config, 'credentials' | 'policy'>;
  /** Its provider; `fetch` is the vendor's rate-limited one. */
  create(config: Config, fetch: typeof globalThis.fetch, target: VendorTarget<C>): Provider;
  simulator: VendorSimulator<C>;
}

/** The configured endpoint when live, else `path` under the vendor's simulator. */
export function endpointFor(config: VendorConfig, target: VendorTarget<object>, simulatorPath?: string): string | (() => string) {
  return target.mode === 'live' ? config.endpoint : target.simulatorUrl(simulatorPath);
}

type SimulatorPlugin<C extends object> = (
  app: FastifyInstance,
  options: C & { prefix?: string; maxRequestsPerSecond?: number },
) => Promise<void>;

/** The `mount` of a simulator plugin that takes the vendor's credentials as options of the same names. */
export function mountWith<C extends object>(plugin: SimulatorPlugin<C>): VendorSimulator<C>['mount'] {
  return async (app, { prefix, credentials, maxRequestsPerSecond }) => {
    await app.register(plugin, { prefix, ...credentials, maxRequestsPerSecond });
  };
}

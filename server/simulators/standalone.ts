/**
 * The vendor simulators as their own servers, one port per vendor, for deployments of several app processes and
 * for benchmarks (`npm run simulators`, ./main.ts). The same plugins as the in-process `/sim/<vendor>` mount, at
 * prefix '': each answers at the vendor's own paths (Tencent and Alibaba at `/`), so the vendors' SDKs and the app
 * configured as for the live vendor (credentials + endpoint variables) call them unchanged.
 */
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { appEnvFor, type SimulatorSettings } from './settings.js';

export interface RunningSimulator {
  vendorId: string;
  /** http://host:port */
  url: string;
  /** The app's variables for this simulator: credentials and endpoints. */
  appEnv: Record<string, string>;
  generatedCredentials: boolean;
}

export interface RunningSimulators {
  simulators: RunningSimulator[];
  /** Every simulator's app variables together. */
  appEnv: Record<string, string>;
  close(): Promise<void>;
}

const sameToken = (given: unknown, expected: string): boolean =>
  typeof given === 'string' && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/** Steering a simulator changes what every later check sees: open, or the control token, as in the app. */
function guardControl(app: FastifyInstance, control: SimulatorSettings['control']): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!/^\/_control(\/|$|\?)/.test(request.url) || control.open) return;
    if (control.token && sameToken(request.headers['x-simulator-control-token'], control.token)) return;
    return reply.code(403).send({ code: 'forbidden', message: 'Steering a simulator needs x-simulator-control-token' });
  });
}

export async function startSimulators(settings: SimulatorSettings, log = false): Promise<RunningSimulators> {
  const apps: FastifyInstance[] = [];
  const simulators: RunningSimulator[] = [];
  try {
    for (const spec of settings.simulators) {
      // The same limits as the app that hosts them in-process (server/app.ts): base64 bodies up to ~16 MB.
      const app = Fastify({ logger: log ? { level: 'info' } : false, bodyLimit: 16 * 1024 * 1024 });
      apps.push(app);
      guardControl(app, settings.control);
      const rate = settings.rateLimits ? spec.vendor.simulator.publishedRate : Number.POSITIVE_INFINITY;
      await spec.vendor.simulator.mount(app, {
        prefix: '',
        credentials: spec.credentials,
        maxRequestsPerSecond: rate,
        standalone: true,
      });
      await app.listen({ host: settings.host, port: spec.port });
      const { port } = app.server.address() as AddressInfo;
      const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
      const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
      simulators.push({
        vendorId: spec.vendor.id,
        url,
        appEnv: appEnvFor(spec.vendor, spec.credentials, url),
        generatedCredentials: spec.generated,
      });
    }
  } catch (err) {
    await Promise.allSettled(apps.map((a) => a.close()));
    throw err;
  }
  return {
    simulators,
    appEnv: Object.assign({}, ...simulators.map((s) => s.appEnv)) as Record<string, string>,
    close: async () => {
      await Promise.allSettled(apps.map((a) => a.close()));
    },
  };
}

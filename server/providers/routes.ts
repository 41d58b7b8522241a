/** GET /api/health, /api/health/live, /api/health/ready and GET /api/providers: public, rate-limited reads. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  healthResponseSchema,
  liveResponseSchema,
  providersResponseSchema,
  readyResponseSchema,
  type ProvidersResponse,
} from '@contract/api';
import type { CombinedHealth, DeploymentHealth } from '../checks/quotas/deployment-health.js';
import type { GatewayHealth, VendorGateway } from '../checks/vendor-gateway.js';
import { errorAnswers } from '../http/answers.js';
import { HttpError } from '../http-error.js';
import type { Readiness } from '../ops/readiness.js';

/**
 * `deployment`: with several processes on one PostgreSQL, each provider's health over all of them (this process live,
 * the others' recent snapshots); without, this process's own.
 */
export async function serviceRoutes(
  app: FastifyInstance,
  deps: { gateways: ReadonlyMap<string, VendorGateway>; deployment?: DeploymentHealth; readiness: Readiness },
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['service'];

  api.get(
    '/api/health',
    { schema: { tags, summary: 'The server is up', response: { 200: healthResponseSchema } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  api.get(
    '/api/health/live',
    { schema: { tags, summary: 'Liveness: the process is up and answering', response: { 200: liveResponseSchema } } },
    async () => ({ status: 'live' as const }),
  );

  api.get(
    '/api/health/ready',
    {
      schema: {
        tags,
        summary: 'Readiness: database reachable, migrations applied, media store writable (503 names what failed)',
        response: { 200: readyResponseSchema, ...errorAnswers({ 503: ['not_ready'] }) },
      },
    },
    async (_request, reply) => {
      const { ready, checks, failed, draining } = await deps.readiness.check();
      // Not cached: a probe every few seconds costs one trivial query, one migration lookup and one tiny write.
      reply.header('cache-control', 'no-store');
      if (!ready) {
        const why = draining ? 'shutting down' : `failed: ${failed.join(', ')}`;
        throw new HttpError(503, 'not_ready', `Not ready (${why}).`, { checks, failed, draining });
      }
      return { status: 'ready' as const, checks };
    },
  );

  api.get(
    '/api/providers',
    {
      schema: {
        tags,
        summary: 'The screening providers this deployment runs: mode, media limits, health',
        response: { 200: providersResponseSchema },
      },
    },
    async () => {
      const deployment = await deps.deployment?.combined();
      const body: ProvidersResponse = {
        providers: [...deps.gateways.values()].map(({ provider: p, health }) => {
          const h: GatewayHealth & Partial<CombinedHealth> = deployment?.get(p.id) ?? health();
          return {
            id: p.id,
            displayName: p.displayName,
            mode: p.mode,
            limits: p.limits,
            health: {
              circuit: h.state,
              consecutiveFailures: h.consecutiveFailures,
              retryAt: h.retryAt ? new Date(h.retryAt).toISOString() : undefined,
              inFlight: h.inFlight,
              queued: h.queued,
              waitingOnCircuit: h.waitingOnCircuit,
              processes: h.processes ?? 1,
            },
          };
        }),
      };
      return body;
    },
  );
}

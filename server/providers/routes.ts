/** GET /api/health and GET /api/providers: public, rate-limited reads. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthResponseSchema, providersResponseSchema, type ProvidersResponse } from '@contract/api';
import type { VendorGateway } from '../checks/vendor-gateway.js';

export async function serviceRoutes(app: FastifyInstance, deps: { gateways: ReadonlyMap<string, VendorGateway> }): Promise<void> {
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
    '/api/providers',
    {
      schema: {
        tags,
        summary: 'The screening providers this deployment runs: mode, media limits, health',
        response: { 200: providersResponseSchema },
      },
    },
    async () => {
      const body: ProvidersResponse = {
        providers: [...deps.gateways.values()].map(({ provider: p, health }) => {
          const h = health();
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
            },
          };
        }),
      };
      return body;
    },
  );
}

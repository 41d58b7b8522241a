/**
 * The admins' demo panel API (/api/admin/…: the access guard admits admins only). Every route answers 404
 * `demo_off` unless some vendor runs on its simulator: a deployment with live vendors has nothing to steer and
 * no business seeding cases. Steering goes through the simulators' own control API (POST /sim/<id>/_control/next)
 * with the admin's session, so the panel can do nothing the control API does not already allow.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  demoOutcomeRequestSchema,
  demoOutcomeResponseSchema,
  demoRemoveResponseSchema,
  demoSeedResponseSchema,
  demoStatusResponseSchema,
  demoVendorParamsSchema,
  type DemoOutcomeResponse,
  type DemoStatusResponse,
} from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { actorOf } from '../auth/reviewer-guard.js';
import { HttpError } from '../http-error.js';
import { errorAnswers } from '../http/answers.js';
import type { Provider } from '../providers/types.js';
import { buildDemoRows } from './scenarios.js';
import type { DemoStore } from './store.js';

/** A code in no vendor's table: each mapping reads it as `vendor_protocol` (or `input`): never retried, not an outage. */
export const DEMO_ERROR_CODE = 'DEMO_SIMULATED_ERROR';

export interface DemoRouteDeps {
  providers: ReadonlyMap<string, Pick<Provider, 'id' | 'displayName' | 'mode'>>;
  store: DemoStore;
  audit: AuditLog;
  now?: () => Date;
}

export async function demoRoutes(app: FastifyInstance, deps: DemoRouteDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  const simulated = [...deps.providers.values()].filter((p) => p.mode === 'simulated');
  const demoOff = () => new HttpError(404, 'demo_off', 'The demo panel is there only while vendors run on their simulators.');
  const requireDemo = async () => {
    if (simulated.length === 0) throw demoOff();
  };

  api.get(
    '/api/admin/demo',
    {
      schema: {
        tags,
        summary: 'The demo panel: simulated vendors and seeded demo cases',
        response: { 200: demoStatusResponseSchema, ...errorAnswers({ 404: ['demo_off'] }) },
      },
      preHandler: requireDemo,
    },
    async () => {
      const body: DemoStatusResponse = {
        vendors: simulated.map((p) => ({ id: p.id, name: p.displayName })),
        seededCases: await deps.store.seededCount(),
      };
      return body;
    },
  );

  api.post(
    '/api/admin/demo/vendors/:providerId/outcomes',
    {
      schema: {
        tags,
        summary: 'Make a simulated vendor answer real, fake, suspicious or an error for its next N checks',
        params: demoVendorParamsSchema,
        body: demoOutcomeRequestSchema,
        response: {
          201: demoOutcomeResponseSchema,
          ...errorAnswers({ 400: ['invalid_request'], 404: ['demo_off', 'not_simulated'] }),
        },
      },
      config: { validationHint: 'Send { outcome: "real" | "fake" | "suspicious" | "error", count: 1–100 }' },
      preHandler: requireDemo,
    },
    async (request, reply) => {
      const { providerId } = request.params;
      const { outcome, count } = request.body;
      if (!simulated.some((p) => p.id === providerId)) {
        throw new HttpError(404, 'not_simulated', `${providerId} is not a vendor this server simulates.`);
      }
      const forwarded = await app.inject({
        method: 'POST',
        url: `/sim/${providerId}/_control/next`,
        headers: {
          cookie: request.headers.cookie ?? '',
          'x-csrf-token': String(request.headers['x-csrf-token'] ?? ''),
        },
        payload: { outcome, count, ...(outcome === 'error' ? { errorCode: DEMO_ERROR_CODE } : {}) },
      });
      if (forwarded.statusCode !== 201) throw new Error(`simulator control answered ${forwarded.statusCode}: ${forwarded.body}`);
      const { queue } = forwarded.json<{ queue: Array<{ count: number }> }>();
      await deps.audit.record({ actor: actorOf(request), action: 'demo.outcome_queued', detail: { providerId, outcome, count } });
      const body: DemoOutcomeResponse = {
        providerId,
        outcome,
        count,
        queuedAnswers: queue.reduce((n, q) => n + q.count, 0),
      };
      return reply.code(201).send(body);
    },
  );

  api.post(
    '/api/admin/demo/seed',
    {
      schema: {
        tags,
        summary: 'Add a month of labelled demo cases (agreements, disagreements, retakes, findings, decisions)',
        response: { 201: demoSeedResponseSchema, ...errorAnswers({ 404: ['demo_off'] }) },
      },
      config: { noBody: true },
      preHandler: requireDemo,
    },
    async (request, reply) => {
      const local = deps.providers.get('local')?.mode === 'local';
      const rows = buildDemoRows(
        deps.now?.() ?? new Date(),
        simulated.map((p) => p.id),
        local,
      );
      const created = await deps.store.insert(rows);
      await deps.audit.record({ actor: actorOf(request), action: 'demo.seeded', detail: { created } });
      return reply.code(201).send({ created });
    },
  );

  api.delete(
    '/api/admin/demo/seed',
    {
      schema: {
        tags,
        summary: 'Remove every demo case (with its checks and decisions)',
        response: { 200: demoRemoveResponseSchema, ...errorAnswers({ 404: ['demo_off'] }) },
      },
      preHandler: requireDemo,
    },
    async (request) => {
      const removed = await deps.store.removeAll();
      await deps.audit.record({ actor: actorOf(request), action: 'demo.removed', detail: { removed } });
      return { removed };
    },
  );
}

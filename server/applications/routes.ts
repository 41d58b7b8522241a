/**
 * Admin routes for integrating applications (the access guard requires role admin under /api/admin):
 * GET  /api/admin/applications                      200 ApplicationListResponse
 * POST /api/admin/applications                      201 ApplicationView; 400 invalid_request | provider_not_enabled | default_provider_not_allowed | invalid_origin
 * GET  /api/admin/applications/:id                  200 ApplicationView; 404 not_found
 * PATCH /api/admin/applications/:id                 200 ApplicationView; 400 (as POST); 404 not_found
 * POST /api/admin/applications/:id/keys             201 {id, key, prefix} (the key only here); 404 not_found | key_not_found
 * DELETE /api/admin/applications/:id/keys/:keyId    204; 404 key_not_found
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  createApplicationRequestSchema,
  createKeyRequestSchema,
  updateApplicationRequestSchema,
  type ApplicationListResponse,
} from '@contract/api';
import { actorOf } from '../auth/reviewer-guard.js';
import { HttpError, describeIssues } from '../http-error.js';
import type { ApplicationService } from './service.js';

function parse<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? undefined);
  if (!parsed.success) throw new HttpError(400, 'invalid_request', `Invalid body (${describeIssues(parsed.error, 'body')}).`);
  return parsed.data;
}

export async function applicationRoutes(app: FastifyInstance, deps: { applications: ApplicationService }): Promise<void> {
  const { applications } = deps;
  type WithId = { Params: { id: string } };

  app.get('/api/admin/applications', async () => {
    const body: ApplicationListResponse = { applications: await applications.list() };
    return body;
  });

  app.post('/api/admin/applications', async (request, reply) => {
    const body = parse(createApplicationRequestSchema, request.body);
    return reply.code(201).send(await applications.create(actorOf(request), body));
  });

  app.get<WithId>('/api/admin/applications/:id', async (request) => applications.get(request.params.id));

  app.patch<WithId>('/api/admin/applications/:id', async (request) => {
    const patch = parse(updateApplicationRequestSchema, request.body);
    return applications.update(actorOf(request), request.params.id, patch);
  });

  app.post<WithId>('/api/admin/applications/:id/keys', async (request, reply) => {
    const opts = parse(createKeyRequestSchema, request.body);
    return reply.code(201).send(await applications.createKey(actorOf(request), request.params.id, opts));
  });

  app.delete<{ Params: { id: string; keyId: string } }>('/api/admin/applications/:id/keys/:keyId', async (request, reply) => {
    await applications.revokeKey(actorOf(request), request.params.id, request.params.keyId);
    return reply.code(204).send();
  });
}

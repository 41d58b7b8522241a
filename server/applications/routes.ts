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
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  apiKeyParamsSchema,
  applicationListResponseSchema,
  applicationParamsSchema,
  applicationViewSchema,
  createApplicationRequestSchema,
  createKeyRequestSchema,
  createKeyResponseSchema,
  updateApplicationRequestSchema,
  type ApplicationListResponse,
} from '@contract/api';
import { actorOf } from '../auth/reviewer-guard.js';
import { errorAnswers, noContent } from '../http/answers.js';
import type { ApplicationService } from './service.js';

/** What POST and PATCH refuse besides a malformed body. */
const APPLICATION_REFUSALS = ['invalid_request', 'provider_not_enabled', 'default_provider_not_allowed', 'invalid_origin'];

export async function applicationRoutes(app: FastifyInstance, deps: { applications: ApplicationService }): Promise<void> {
  const { applications } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  const config = { validationHint: 'Invalid body' };

  api.get(
    '/api/admin/applications',
    { schema: { tags, summary: 'List integrating applications', response: { 200: applicationListResponseSchema } } },
    async () => {
      const body: ApplicationListResponse = { applications: await applications.list() };
      return body;
    },
  );

  api.post(
    '/api/admin/applications',
    {
      schema: {
        tags,
        summary: 'Create an application',
        body: createApplicationRequestSchema,
        response: { 201: applicationViewSchema, ...errorAnswers({ 400: APPLICATION_REFUSALS }) },
      },
      config,
    },
    async (request, reply) => reply.code(201).send(await applications.create(actorOf(request), request.body)),
  );

  api.get(
    '/api/admin/applications/:id',
    {
      schema: {
        tags,
        summary: 'An application: providers, origins, keys, webhooks',
        params: applicationParamsSchema,
        response: { 200: applicationViewSchema, ...errorAnswers({ 404: ['not_found'] }) },
      },
    },
    async (request) => applications.get(request.params.id),
  );

  api.patch(
    '/api/admin/applications/:id',
    {
      schema: {
        tags,
        summary: 'Change an application (or disable it: its keys stop working)',
        params: applicationParamsSchema,
        body: updateApplicationRequestSchema,
        response: { 200: applicationViewSchema, ...errorAnswers({ 400: APPLICATION_REFUSALS, 404: ['not_found'] }) },
      },
      config,
    },
    async (request) => applications.update(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/admin/applications/:id/keys',
    {
      schema: {
        tags,
        summary: 'Create an API key, or rotate one (the key is shown only here)',
        params: applicationParamsSchema,
        body: createKeyRequestSchema,
        response: {
          201: createKeyResponseSchema,
          ...errorAnswers({ 400: ['invalid_request'], 404: ['not_found', 'key_not_found'] }),
        },
      },
      config,
    },
    async (request, reply) =>
      reply.code(201).send(await applications.createKey(actorOf(request), request.params.id, request.body)),
  );

  api.delete(
    '/api/admin/applications/:id/keys/:keyId',
    {
      schema: {
        tags,
        summary: 'Revoke an API key',
        params: apiKeyParamsSchema,
        response: { 204: noContent('Revoked'), ...errorAnswers({ 404: ['key_not_found'] }) },
      },
    },
    async (request, reply) => {
      await applications.revokeKey(actorOf(request), request.params.id, request.params.keyId);
      return reply.code(204).send();
    },
  );
}

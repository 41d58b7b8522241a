/**
 * The integrator API, /api/v1 (Authorization: Bearer <API key>; 401 invalid_api_key otherwise):
 * POST /api/v1/sessions            201 CreateSessionResponse; 200 the same answer for a repeated Idempotency-Key
 *                                  and body; 400 invalid_request | invalid_idempotency_key | provider_not_allowed |
 *                                  return_url_not_allowed | metadata_too_large; 409 idempotency_conflict
 * GET  /api/v1/sessions/:id        200 SessionView; 404 not_found (also another application's session)
 * GET  /api/v1/sessions            ?reference=&cursor=&limit= → 200 SessionListResponse; 400 invalid_request | invalid_cursor
 * POST /api/v1/sessions/:id/cancel 200 SessionView; 404 not_found; 409 session_used; 410 session_expired
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  SESSION_IDEMPOTENCY_KEY_PATTERN,
  createSessionHeadersSchema,
  createSessionRequestSchema,
  createSessionResponseSchema,
  sessionListQuerySchema,
  sessionListResponseSchema,
  sessionParamsSchema,
  sessionViewSchema,
} from '@contract/api';
import { HttpError } from '../http-error.js';
import { errorAnswers } from '../http/answers.js';
import { describeOnly } from '../http/validation.js';
import { applicationOf } from './api-key-auth.js';
import type { SessionService } from './service.js';

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !SESSION_IDEMPOTENCY_KEY_PATTERN.test(header))
    throw new HttpError(
      400,
      'invalid_idempotency_key',
      'Idempotency-Key must be 8–128 characters of A–Z, a–z, 0–9, "_", "-", "." or ":".',
    );
  return header;
}

export async function sessionApiRoutes(
  app: FastifyInstance,
  deps: { sessions: SessionService; publicBaseUrl: (request: FastifyRequest) => string },
): Promise<void> {
  const { sessions } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['integration'];

  api.post(
    '/api/v1/sessions',
    {
      schema: {
        tags,
        summary: 'Create a capture session for an applicant: its link, client token and expiry',
        headers: createSessionHeadersSchema,
        body: createSessionRequestSchema,
        response: {
          201: createSessionResponseSchema.describe('A new session'),
          200: createSessionResponseSchema.describe('A repeat of an Idempotency-Key with the same body: the same answer'),
          ...errorAnswers({
            400: [
              'invalid_request',
              'invalid_idempotency_key',
              'provider_not_allowed',
              'return_url_not_allowed',
              'metadata_too_large',
            ],
            409: ['idempotency_conflict'],
          }),
        },
      },
      config: { validationHint: 'Invalid body' },
      // The key's format is the route's own 400 (`invalid_idempotency_key`, below), not the schema's.
      validatorCompiler: describeOnly('headers'),
    },
    async (request, reply) => {
      const application = applicationOf(request);
      const idempotencyKey = idempotencyKeyOf(request);
      const made = await sessions.create(application, request.body, { idempotencyKey, baseUrl: deps.publicBaseUrl(request) });
      return reply.code(made.created ? 201 : 200).send(made.body);
    },
  );

  api.get(
    '/api/v1/sessions',
    {
      schema: {
        tags,
        summary: "The application's sessions, newest first, optionally for one reference",
        querystring: sessionListQuerySchema,
        response: { 200: sessionListResponseSchema, ...errorAnswers({ 400: ['invalid_request', 'invalid_cursor'] }) },
      },
      config: { validationHint: 'Invalid query' },
    },
    async (request) => sessions.list(applicationOf(request), request.query),
  );

  api.get(
    '/api/v1/sessions/:id',
    {
      schema: {
        tags,
        summary: 'A session: status, checks, screening, decision',
        params: sessionParamsSchema,
        response: { 200: sessionViewSchema, ...errorAnswers({ 404: ['not_found'] }) },
      },
    },
    async (request) => sessions.get(applicationOf(request), request.params.id),
  );

  api.post(
    '/api/v1/sessions/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an unused session',
        params: sessionParamsSchema,
        response: {
          200: sessionViewSchema,
          ...errorAnswers({ 404: ['not_found'], 409: ['session_used'], 410: ['session_expired', 'session_cancelled'] }),
        },
      },
      config: { noBody: true },
    },
    async (request) => sessions.cancel(applicationOf(request), request.params.id),
  );
}

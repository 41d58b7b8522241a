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
import { createSessionRequestSchema, sessionListQuerySchema } from '@contract/api';
import { HttpError, describeIssues } from '../http-error.js';
import { applicationOf } from './api-key-auth.js';
import type { SessionService } from './service.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header))
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

  app.post('/api/v1/sessions', async (request, reply) => {
    const application = applicationOf(request);
    const idempotencyKey = idempotencyKeyOf(request);
    const parsed = createSessionRequestSchema.safeParse(request.body ?? undefined);
    if (!parsed.success) throw new HttpError(400, 'invalid_request', `Invalid body (${describeIssues(parsed.error, 'body')}).`);
    const made = await sessions.create(application, parsed.data, { idempotencyKey, baseUrl: deps.publicBaseUrl(request) });
    return reply.code(made.created ? 201 : 200).send(made.body);
  });

  app.get('/api/v1/sessions', async (request) => {
    const parsed = sessionListQuerySchema.safeParse(request.query);
    if (!parsed.success) throw new HttpError(400, 'invalid_request', `Invalid query (${describeIssues(parsed.error, 'query')}).`);
    return sessions.list(applicationOf(request), parsed.data);
  });

  app.get<{ Params: { id: string } }>('/api/v1/sessions/:id', async (request) =>
    sessions.get(applicationOf(request), request.params.id),
  );

  app.post<{ Params: { id: string } }>('/api/v1/sessions/:id/cancel', async (request) =>
    sessions.cancel(applicationOf(request), request.params.id),
  );
}

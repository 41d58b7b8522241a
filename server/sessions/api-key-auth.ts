/** The API-key check the access guard runs for every /api/v1 route (auth/reviewer-guard.ts). */
import type { FastifyRequest } from 'fastify';
import { bearerKey } from '../applications/api-keys.js';
import type { ApplicationService } from '../applications/service.js';
import type { ApplicationRow } from '../applications/store.js';
import { HttpError } from '../http-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The calling application on /api/v1 routes (set by the API-key check). */
    application?: ApplicationRow;
  }
}

/** 401 `invalid_api_key` for a missing, malformed, unknown, revoked or expired key, or a disabled application. */
export function apiKeyAuth(applications: Pick<ApplicationService, 'authenticate'>) {
  return async (request: FastifyRequest): Promise<void> => {
    const key = bearerKey(request.headers.authorization);
    const application = key ? await applications.authenticate(key) : undefined;
    if (!application) throw new HttpError(401, 'invalid_api_key', 'Send a valid API key: Authorization: Bearer <key>.');
    request.application = application;
  };
}

export function applicationOf(request: FastifyRequest): ApplicationRow {
  if (!request.application) throw new HttpError(401, 'invalid_api_key', 'Send a valid API key: Authorization: Bearer <key>.');
  return request.application;
}

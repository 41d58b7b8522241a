/** Reviewer endpoints: cases, their checks and their media. Registered inside reviewerScope. */
import type { FastifyInstance } from 'fastify';
import type { CaseListResponse } from '../api-types.js';
import { HttpError } from '../http-error.js';
import type { MediaStore } from '../media/store.js';
import type { CaseRepository } from './repository.js';

export async function caseRoutes(app: FastifyInstance, deps: { repo: CaseRepository; media: MediaStore }): Promise<void> {
  app.get<{ Querystring: { limit?: string } }>('/api/cases', async (request) => {
    const limit = Math.min(Math.max(Number(request.query.limit ?? 50) || 50, 1), 200);
    const body: CaseListResponse = { cases: await deps.repo.list(limit) };
    return body;
  });

  app.get<{ Params: { id: string } }>('/api/cases/:id', async (request) => {
    const id = request.params.id;
    const detail = await deps.repo.detail(id, (role) => `/api/cases/${encodeURIComponent(id)}/media/${role}`);
    if (!detail) throw new HttpError(404, 'not_found', 'No such case.');
    return detail;
  });

  app.get<{ Params: { id: string; role: string } }>('/api/cases/:id/media/:role', async (request, reply) => {
    const row = await deps.repo.media(request.params.id, request.params.role);
    if (!row) throw new HttpError(404, 'not_found', 'No such media.');
    const file = deps.media.pathOf(row.sha256);
    // sendFile handles Range requests, so the reviewer's player can seek.
    return reply
      .header('cache-control', 'private, no-store')
      .type(row.mime)
      // contentType: false keeps the stored type (content-addressed files have no extension to guess from).
      .sendFile(file.slice(deps.media.root.length + 1), deps.media.root, { cacheControl: false, contentType: false });
  });
}

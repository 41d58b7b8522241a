/**
 * GET /api/media-links/:token — the one public way to fetch stored media, for vendors that pull
 * video by URL. The token must be unexpired and correctly signed, and the case must still hold
 * that exact file (purged media is gone for links too).
 */
import type { FastifyInstance } from 'fastify';
import type { CaseRepository } from '../cases/repository.js';
import { HttpError } from '../http-error.js';
import type { MediaLinks } from './links.js';
import { sendMedia } from './send-media.js';
import type { MediaStore } from './store.js';

export async function mediaLinkRoutes(
  app: FastifyInstance,
  deps: { repo: CaseRepository; media: MediaStore; links: MediaLinks },
): Promise<void> {
  app.get<{ Params: { token: string } }>('/api/media-links/:token', async (request, reply) => {
    const claims = deps.links.verify(request.params.token);
    if (claims === 'expired') throw new HttpError(410, 'link_expired', 'This media link has expired.');
    if (typeof claims === 'string') throw new HttpError(404, 'not_found', 'No such media.');
    const row = await deps.repo.media(claims.caseId, claims.role);
    if (!row || row.sha256 !== claims.sha256) throw new HttpError(410, 'media_gone', 'This media is no longer kept.');
    return sendMedia(reply, deps.media, row, request.headers.range);
  });
}

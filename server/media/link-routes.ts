/**
 * GET /api/media-links/:token — the one public way to fetch stored media, for vendors that pull
 * video by URL. The token must be unexpired and correctly signed, and the case must still hold
 * that exact file (purged media is gone for links too).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mediaLinkParamsSchema } from '@contract/api';
import type { CaseRepository } from '../cases/repository.js';
import { HttpError } from '../http-error.js';
import { binaryAnswer, errorAnswers } from '../http/answers.js';
import type { MediaLinks } from './links.js';
import { sendMedia } from './send-media.js';
import type { MediaStore } from './store.js';

export async function mediaLinkRoutes(
  app: FastifyInstance,
  deps: { repo: CaseRepository; media: MediaStore; links: MediaLinks },
): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/media-links/:token',
    {
      schema: {
        tags: ['media'],
        summary: 'A clip by signed, expiring link (for vendors that fetch media by URL)',
        params: mediaLinkParamsSchema,
        response: {
          200: binaryAnswer('The file, in its stored MIME type'),
          206: binaryAnswer('The requested range'),
          ...errorAnswers({ 404: ['not_found'], 410: ['link_expired', 'media_gone'], 416: ['range_not_satisfiable'] }),
        },
      },
    },
    async (request, reply) => {
      const claims = deps.links.verify(request.params.token);
      if (claims === 'expired') throw new HttpError(410, 'link_expired', 'This media link has expired.');
      if (typeof claims === 'string') throw new HttpError(404, 'not_found', 'No such media.');
      const row = await deps.repo.media(claims.caseId, claims.role);
      if (!row || row.sha256 !== claims.sha256) throw new HttpError(410, 'media_gone', 'This media is no longer kept.');
      return sendMedia(reply, deps.media, row, request.headers.range);
    },
  );
}

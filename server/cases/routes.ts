/**
 * Reviewer endpoints that read: the queue, a case, its media and its audit timeline. The access
 * guard (auth/reviewer-guard.ts) has already refused anonymous callers; reads of a case and of
 * its media are audited (who, when).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  auditListResponseSchema,
  caseDetailSchema,
  caseListQuerySchema,
  caseListResponseSchema,
  caseMediaParamsSchema,
  caseParamsSchema,
  type AuditListResponse,
  type CaseDetail,
  type CaseListResponse,
} from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { actorOf } from '../auth/reviewer-guard.js';
import { HttpError } from '../http-error.js';
import { binaryAnswer, errorAnswers } from '../http/answers.js';
import { sendMedia } from '../media/send-media.js';
import type { MediaStore } from '../media/store.js';
import type { CaseQueue } from './queue.js';
import type { CaseRepository } from './repository.js';
import type { ReviewActions } from './review.js';
import { caseDetailView, caseListView, type ProviderNames } from './views.js';

export interface CaseRouteDeps {
  repo: CaseRepository;
  queue: CaseQueue;
  review: ReviewActions;
  media: MediaStore;
  audit: AuditLog;
  providerName: ProviderNames;
}

/**
 * The case page refreshes itself while checks run; one `case.viewed` per reviewer and case every
 * few minutes keeps the timeline readable and still says who looked and when.
 */
const VIEW_RECORD_WINDOW_MS = 5 * 60_000;

function viewRecorder(now: () => number = Date.now) {
  const last = new Map<string, number>();
  return (userId: string, caseId: string): boolean => {
    const key = `${userId}\u0000${caseId}`;
    const t = now();
    if ((last.get(key) ?? -Infinity) > t - VIEW_RECORD_WINDOW_MS) return false;
    if (last.size > 10_000) last.clear();
    last.set(key, t);
    return true;
  };
}

export async function caseRoutes(app: FastifyInstance, deps: CaseRouteDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const shouldRecordView = viewRecorder();

  api.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'The review queue: cases, filtered, newest first, a page at a time',
        querystring: caseListQuerySchema,
        response: { 200: caseListResponseSchema, ...errorAnswers({ 400: ['invalid_query', 'invalid_cursor'] }) },
      },
      config: { validationCode: 'invalid_query', validationHint: 'Bad list query' },
    },
    async (request) => {
      const body: CaseListResponse = caseListView(await deps.queue.list(request.query));
      return body;
    },
  );

  api.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'A case: checks, media, decisions, screening, consent (audited)',
        params: caseParamsSchema,
        response: { 200: caseDetailSchema, ...errorAnswers({ 404: ['not_found'] }) },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const record = await deps.repo.caseRecord(id);
      if (!record) throw new HttpError(404, 'not_found', 'No such case.');
      const detail: CaseDetail = caseDetailView(record, {
        providerName: deps.providerName,
        mediaUrl: (role) => `/api/cases/${encodeURIComponent(id)}/media/${role}`,
        decisions: await deps.review.decisionsOf(id),
      });
      if (shouldRecordView(request.auth!.user.id, id)) {
        await deps.audit.record({ actor: actorOf(request), action: 'case.viewed', caseId: id });
      }
      reply.header('cache-control', 'private, no-store');
      return detail;
    },
  );

  api.get(
    '/api/cases/:id/media/:role',
    {
      schema: {
        tags: ['media'],
        summary: "A case's stored file, with Range support (audited once per playback start)",
        params: caseMediaParamsSchema,
        response: {
          200: binaryAnswer('The whole file, in its stored MIME type'),
          206: binaryAnswer('The requested range'),
          ...errorAnswers({ 404: ['not_found'], 410: ['media_purged'], 416: ['range_not_satisfiable'] }),
        },
      },
    },
    async (request, reply) => {
      const { id, role } = request.params;
      const row = await deps.repo.media(id, role);
      if (!row) {
        const c = await deps.repo.caseRow(id);
        if (c?.mediaPurgedAt) throw new HttpError(410, 'media_purged', 'This media was deleted under the retention policy.');
        throw new HttpError(404, 'not_found', 'No such media.');
      }
      // A player fetches a clip in many ranges; one view is recorded per playback start.
      const range = request.headers.range;
      if (!range || /^bytes=0-/.test(range)) {
        await deps.audit.record({ actor: actorOf(request), action: 'media.viewed', caseId: id, detail: { role } });
      }
      // Range answers (206) let the reviewer's player seek, from either store.
      return sendMedia(reply, deps.media, row, range);
    },
  );

  api.get(
    '/api/cases/:id/audit',
    {
      schema: {
        tags,
        summary: "A case's audit timeline, oldest first (readable after the case is erased)",
        params: caseParamsSchema,
        response: { 200: auditListResponseSchema, ...errorAnswers({ 404: ['not_found'] }) },
      },
    },
    async (request) => {
      if (!(await deps.repo.caseRow(request.params.id))) {
        // A deleted case's record stays readable; only an id nothing was ever logged for is unknown.
        const events = await deps.audit.forCase(request.params.id);
        if (events.length === 0) throw new HttpError(404, 'not_found', 'No such case.');
        return { events } satisfies AuditListResponse;
      }
      const body: AuditListResponse = { events: await deps.audit.forCase(request.params.id) };
      return body;
    },
  );
}

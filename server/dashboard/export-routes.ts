/**
 * GET /api/admin/exports/:kind?from&to — the cases created, or the decisions recorded, in a range as CSV (admins only:
 * the access guard's /api/admin rule). Every export is audited with who, what and which range before the first byte.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { binarySchema, dashboardExportParamsSchema, dashboardExportQuerySchema } from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { actorOf } from '../auth/reviewer-guard.js';
import type { Db } from '../db/client.js';
import { HttpError } from '../http-error.js';
import { errorAnswers } from '../http/answers.js';
import { caseCsv, decisionCsv } from './export.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;

export async function exportRoutes(app: FastifyInstance, deps: { db: Db; audit: AuditLog }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/exports/:kind',
    {
      schema: {
        tags: ['admin'],
        summary: 'Export the cases created or the decisions recorded in a range, as CSV (audited)',
        params: dashboardExportParamsSchema,
        querystring: dashboardExportQuerySchema,
        response: {
          200: { description: 'CSV, one header line then one line per row', content: { 'text/csv': { schema: binarySchema } } },
          ...errorAnswers({ 400: ['invalid_query'] }),
        },
      },
      config: { validationCode: 'invalid_query', validationHint: 'Send kind cases|decisions and ISO from and to' },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const from = new Date(Date.parse(request.query.from));
      const to = new Date(Date.parse(request.query.to));
      if (from > to) throw new HttpError(400, 'invalid_query', 'from must be before to.');
      if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
        throw new HttpError(400, 'invalid_query', `The range may span at most ${MAX_RANGE_DAYS} days.`);
      }
      await deps.audit.record({
        actor: actorOf(request),
        action: 'export.downloaded',
        detail: { kind, from: from.toISOString(), to: to.toISOString() },
      });
      const rows = kind === 'cases' ? caseCsv(deps.db, from, to) : decisionCsv(deps.db, from, to);
      const name = `${kind}_${from.toISOString().slice(0, 10)}_${to.toISOString().slice(0, 10)}.csv`;
      // The typed reply knows only the JSON answers; the CSV goes out as an untyped stream.
      const untyped: FastifyReply = reply;
      return untyped
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(rows));
    },
  );
}

/** GET /api/dashboard?from&to — headline figures, daily volumes, vendor latency/errors/retakes, agreement, reviewer throughput. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dashboardQuerySchema, dashboardResponseSchema, type DashboardResponse } from '@contract/api';
import { HttpError } from '../http-error.js';
import { errorAnswers } from '../http/answers.js';
import type { AuditLog } from '../audit/log.js';
import type { Db } from '../db/client.js';
import { exportRoutes } from './export-routes.js';
import type { DashboardRepository } from './repository.js';
import { buildHeadline, buildReviewerThroughput } from './headline.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;

/** A date the query schema has already checked; empty means the default. */
const dateOf = (value: string | undefined): Date | undefined => (value ? new Date(Date.parse(value)) : undefined);

export async function dashboardRoutes(
  app: FastifyInstance,
  deps: { dashboard: DashboardRepository; db: Db; audit: AuditLog; now?: () => Date },
): Promise<void> {
  await exportRoutes(app, deps);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Daily cases, verdicts and decisions; vendor errors and latency; agreement',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardResponseSchema, ...errorAnswers({ 400: ['invalid_query'] }) },
      },
      config: { validationCode: 'invalid_query', validationHint: 'Bad dashboard query' },
    },
    async (request) => {
      const to = dateOf(request.query.to) ?? deps.now?.() ?? new Date();
      const from = dateOf(request.query.from) ?? new Date(to.getTime() - 30 * DAY_MS);
      if (from > to) throw new HttpError(400, 'invalid_query', 'from must be before to.');
      if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
        throw new HttpError(400, 'invalid_query', `The range may span at most ${MAX_RANGE_DAYS} days.`);
      }
      const [figures, waiting, decided] = await Promise.all([
        deps.dashboard.figuresBetween(from, to),
        deps.dashboard.waiting(),
        deps.dashboard.decisionsBetween(from, to),
      ]);
      const body: DashboardResponse = {
        ...figures,
        headline: buildHeadline(waiting, decided),
        reviewers: buildReviewerThroughput(decided),
      };
      return body;
    },
  );
}

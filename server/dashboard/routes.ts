/** GET /api/dashboard?from&to — daily volumes, vendor latency/errors and agreement. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dashboardQuerySchema, dashboardResponseSchema } from '@contract/api';
import { HttpError } from '../http-error.js';
import { errorAnswers } from '../http/answers.js';
import type { DashboardRepository } from './repository.js';
import { buildDashboard } from './stats.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;

/** A date the query schema has already checked; empty means the default. */
const dateOf = (value: string | undefined): Date | undefined => (value ? new Date(Date.parse(value)) : undefined);

export async function dashboardRoutes(
  app: FastifyInstance,
  deps: { dashboard: DashboardRepository; now?: () => Date },
): Promise<void> {
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
      const rows = await deps.dashboard.createdBetween(from, to);
      return buildDashboard(from, to, rows.cases, rows.checks);
    },
  );
}

/** GET /api/dashboard?from&to — daily volumes, vendor latency/errors and agreement. */
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http-error.js';
import type { DashboardRepository } from './repository.js';
import { buildDashboard } from './stats.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;

function parseDate(value: string | undefined, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new HttpError(400, 'invalid_query', `${name} must be an ISO date.`);
  return new Date(t);
}

export async function dashboardRoutes(
  app: FastifyInstance,
  deps: { dashboard: DashboardRepository; now?: () => Date },
): Promise<void> {
  app.get<{ Querystring: { from?: string; to?: string } }>('/api/dashboard', async (request) => {
    const to = parseDate(request.query.to, 'to') ?? deps.now?.() ?? new Date();
    const from = parseDate(request.query.from, 'from') ?? new Date(to.getTime() - 30 * DAY_MS);
    if (from > to) throw new HttpError(400, 'invalid_query', 'from must be before to.');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new HttpError(400, 'invalid_query', `The range may span at most ${MAX_RANGE_DAYS} days.`);
    }
    const rows = await deps.dashboard.createdBetween(from, to);
    return buildDashboard(from, to, rows.cases, rows.checks);
  });
}

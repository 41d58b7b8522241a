/** GET /api/dashboard?from&to — daily volumes, vendor latency/errors and agreement. */
import { and, eq, gte, lte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Decision } from '@contract/api';
import type { Db } from '../db/client.js';
import { cases, checks } from '../db/schema.js';
import { HttpError } from '../http-error.js';
import type { CheckOutcome } from '../providers/types.js';
import { buildDashboard } from './stats.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;

function parseDate(value: string | undefined, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new HttpError(400, 'invalid_query', `${name} must be an ISO date.`);
  return new Date(t);
}

export async function dashboardRoutes(app: FastifyInstance, deps: { db: Db; now?: () => Date }): Promise<void> {
  app.get<{ Querystring: { from?: string; to?: string } }>('/api/dashboard', async (request) => {
    const to = parseDate(request.query.to, 'to') ?? deps.now?.() ?? new Date();
    const from = parseDate(request.query.from, 'from') ?? new Date(to.getTime() - 30 * DAY_MS);
    if (from > to) throw new HttpError(400, 'invalid_query', 'from must be before to.');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new HttpError(400, 'invalid_query', `The range may span at most ${MAX_RANGE_DAYS} days.`);
    }
    const caseRows = await deps.db
      .select({ id: cases.id, createdAt: cases.createdAt, decision: cases.decision })
      .from(cases)
      .where(and(gte(cases.createdAt, from), lte(cases.createdAt, to)));
    const checkRows = await deps.db
      .select({
        caseId: checks.caseId,
        providerId: checks.providerId,
        status: checks.status,
        outcome: checks.outcome,
        finishedAt: checks.finishedAt,
      })
      .from(checks)
      .innerJoin(cases, eq(cases.id, checks.caseId))
      .where(and(gte(cases.createdAt, from), lte(cases.createdAt, to)));
    return buildDashboard(
      from,
      to,
      caseRows.map((c) => ({ ...c, decision: c.decision as Decision | null })),
      checkRows.map((k) => ({ ...k, outcome: k.outcome as CheckOutcome | null })),
    );
  });
}

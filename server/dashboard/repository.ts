/** The rows the dashboard counts: the cases created in a range, and their checks. */
import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, checks } from '../db/schema.js';
import type { DashboardCase, DashboardCheck } from './stats.js';

export function createDashboardRepository(db: Db) {
  return {
    async createdBetween(from: Date, to: Date): Promise<{ cases: DashboardCase[]; checks: DashboardCheck[] }> {
      const inRange = and(gte(cases.createdAt, from), lte(cases.createdAt, to));
      const caseRows = await db
        .select({ id: cases.id, createdAt: cases.createdAt, decision: cases.decision })
        .from(cases)
        .where(inRange);
      const checkRows = await db
        .select({
          caseId: checks.caseId,
          providerId: checks.providerId,
          status: checks.status,
          outcome: checks.outcome,
          finishedAt: checks.finishedAt,
        })
        .from(checks)
        .innerJoin(cases, eq(cases.id, checks.caseId))
        .where(inRange);
      return { cases: caseRows, checks: checkRows };
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;

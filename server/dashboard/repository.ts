/** The rows the dashboard counts: the cases created in a range and their checks, the waiting cases, the decisions. */
import { and, asc, count, eq, gte, lte, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, checks, decisions } from '../db/schema.js';
import type { DecisionInRange, WaitingCases } from './headline.js';
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

    /** Cases waiting for a decision now (new or in review), and the oldest of them. */
    async waiting(): Promise<WaitingCases> {
      const open = ne(cases.reviewStatus, 'decided');
      const [total] = await db.select({ n: count() }).from(cases).where(open);
      const [oldest] = await db
        .select({ id: cases.id, createdAt: cases.createdAt })
        .from(cases)
        .where(open)
        .orderBy(asc(cases.createdAt), asc(cases.id))
        .limit(1);
      return { count: total?.n ?? 0, ...(oldest ? { oldest } : {}) };
    },

    async decisionsBetween(from: Date, to: Date): Promise<DecisionInRange[]> {
      return db
        .select({
          caseId: decisions.caseId,
          userEmail: decisions.userEmail,
          createdAt: decisions.createdAt,
          caseCreatedAt: cases.createdAt,
        })
        .from(decisions)
        .innerJoin(cases, eq(cases.id, decisions.caseId))
        .where(and(gte(decisions.createdAt, from), lte(decisions.createdAt, to)));
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;

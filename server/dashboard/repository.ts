/** What the dashboard counts: the figures of the cases created in a range, the waiting cases, the decisions. */
import { and, asc, count, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, decisions } from '../db/schema.js';
import { queryDashboardFigures } from './figures-query.js';
import type { DecisionInRange, WaitingCases } from './headline.js';
import type { DashboardFigures } from './stats.js';

export function createDashboardRepository(db: Db) {
  return {
    /** The figures of the cases created in [from, to], aggregated by the database. */
    figuresBetween: (from: Date, to: Date): Promise<DashboardFigures> => queryDashboardFigures(db, from, to),

    /** Cases waiting for a decision now (new or in review), and the oldest of them. */
    async waiting(): Promise<WaitingCases> {
      // A literal, not a parameter: the planner then sees the partial index cases_waiting_idx matches.
      const open = sql`${cases.reviewStatus} <> 'decided'`;
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

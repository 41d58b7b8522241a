/** Reviewers' decisions on a case (the decisions table; views.ts decisionView makes the API's view). */
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Decision, DecisionReason, SessionUser } from '@contract/api';
import type { Db } from '../db/client.js';
import { cases, decisions } from '../db/schema.js';
import type { CaseSessionHooks } from './session-hooks.js';

export type DecisionRow = typeof decisions.$inferSelect;

export function createReviewActions(db: Db, sessionHooks?: CaseSessionHooks) {
  return {
    /**
     * Appends a decision; the latest one is the case's. approve/reject close the case (decided,
     * the decider stays its assignee). escalate keeps it in review but unassigned, so another
     * reviewer takes it next (take-next never hands it back to whoever escalated it).
     */
    async decide(
      caseId: string,
      user: SessionUser,
      d: { decision: Decision; reasonCode: DecisionReason; note?: string },
      now: Date = new Date(),
    ): Promise<DecisionRow | undefined> {
      return db.transaction(async (tx) => {
        const escalate = d.decision === 'escalate';
        const updated = await tx
          .update(cases)
          .set({
            decision: d.decision,
            reviewStatus: escalate ? 'in_review' : 'decided',
            assigneeId: escalate ? null : user.id,
            assignedAt: escalate ? null : now,
          })
          .where(eq(cases.id, caseId))
          .returning({ id: cases.id });
        if (updated.length === 0) return undefined;
        const [row] = await tx
          .insert(decisions)
          .values({
            id: randomUUID(),
            caseId,
            decision: d.decision,
            reasonCode: d.reasonCode,
            note: d.note ?? null,
            userId: user.id,
            userEmail: user.email,
            createdAt: now,
          })
          .returning();
        await sessionHooks?.decided(tx, { caseId, decision: d.decision, now });
        return row;
      });
    },

    async decisionsOf(caseId: string): Promise<DecisionRow[]> {
      return db.select().from(decisions).where(eq(decisions.caseId, caseId)).orderBy(asc(decisions.createdAt));
    },
  };
}

export type ReviewActions = ReturnType<typeof createReviewActions>;

/** What reviewers do to a case: decide it, and (admins) delete it. */
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Decision, DecisionReason, DecisionView, SessionUser } from '@contract/api';
import type { Db } from '../db/client.js';
import { caseMedia, cases, decisions } from '../db/schema.js';

type DecisionRow = typeof decisions.$inferSelect;

const toView = (r: DecisionRow): DecisionView => ({
  id: r.id,
  decision: r.decision as Decision,
  reasonCode: r.reasonCode as DecisionReason,
  note: r.note ?? undefined,
  by: { id: r.userId, email: r.userEmail },
  at: r.createdAt.toISOString(),
});

export function createReviewActions(db: Db) {
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
    ): Promise<DecisionView | undefined> {
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
        return toView(row!);
      });
    },

    async decisionsOf(caseId: string): Promise<DecisionView[]> {
      const rows = await db.select().from(decisions).where(eq(decisions.caseId, caseId)).orderBy(asc(decisions.createdAt));
      return rows.map(toView);
    },

    /** Deletes the case with its media rows, checks and decisions; returns the media hashes it held. */
    async deleteCase(caseId: string): Promise<{ sha256s: string[] } | undefined> {
      return db.transaction(async (tx) => {
        const media = await tx.select({ sha256: caseMedia.sha256 }).from(caseMedia).where(eq(caseMedia.caseId, caseId));
        const gone = await tx.delete(cases).where(eq(cases.id, caseId)).returning({ id: cases.id });
        return gone.length === 0 ? undefined : { sha256s: media.map((m) => m.sha256) };
      });
    },
  };
}

export type ReviewActions = ReturnType<typeof createReviewActions>;

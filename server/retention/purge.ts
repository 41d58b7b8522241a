/**
 * Media retention, and erasure on request. Each case's media is kept until mediaExpiresAt (createdAt + RETENTION_DAYS);
 * the purge then deletes the case's media rows and, from the content-addressed store, only the
 * files no other case still references. Checks, decisions and the audit record stay.
 * `purgeDue(now)` takes the clock as an argument so tests need not wait; app.ts runs it on a timer.
 * `eraseCase` removes a whole case (an administrator acting on a subject's request).
 * Webhook events copy a session's view (the integrator's reference, metadata, verdicts): they are
 * kept as long as media, and go with an erased case together with its capture session.
 */
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { AuditActor } from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import type { Db } from '../db/client.js';
import { captureSessions, caseMedia, cases, webhookEvents } from '../db/schema.js';
import type { MediaStore } from '../media/store.js';

/**
 * Removes the objects among `sha256s` that no case references any more and no capture is committing
 * (the store decides under the index row's lock: see ../media/store.ts); returns how many went.
 */
export async function releaseUnreferenced(media: MediaStore, sha256s: string[]): Promise<number> {
  const removed = await Promise.all([...new Set(sha256s)].map((s) => media.removeIfUnused(s)));
  return removed.filter(Boolean).length;
}

export function createRetention(deps: { db: Db; media: MediaStore; audit: AuditLog; retentionDays: number }) {
  const { db } = deps;

  /** Purges one case's media now (retention or an admin's request). False if already purged. */
  async function purgeCase(caseId: string, now: Date, actor: AuditActor, reason: string): Promise<boolean> {
    const rows = await db.transaction(async (tx) => {
      const marked = await tx
        .update(cases)
        .set({ mediaPurgedAt: now })
        .where(and(eq(cases.id, caseId), isNull(cases.mediaPurgedAt)))
        .returning({ id: cases.id });
      if (marked.length === 0) return undefined;
      return tx.delete(caseMedia).where(eq(caseMedia.caseId, caseId)).returning();
    });
    if (!rows) return false;
    const filesRemoved = await releaseUnreferenced(
      deps.media,
      rows.map((r) => r.sha256),
    );
    await deps.audit.record({
      actor,
      action: 'media.purged',
      caseId,
      detail: { reason, roles: rows.map((r) => r.role), filesRemoved },
    });
    return true;
  }

  return {
    purgeCase,
    /**
     * A subject's erasure request: the case with its media rows, checks and decisions goes, and the
     * files no other case references; the audit record stays. False when there is no such case.
     */
    async eraseCase(caseId: string, actor: AuditActor): Promise<boolean> {
      const sha256s = await db.transaction(async (tx) => {
        const media = await tx.select({ sha256: caseMedia.sha256 }).from(caseMedia).where(eq(caseMedia.caseId, caseId));
        const gone = await tx.delete(cases).where(eq(cases.id, caseId)).returning({ sessionId: cases.sessionId });
        const sessionId = gone[0]?.sessionId;
        if (sessionId) {
          // Its deliveries go with the events (foreign key, on delete cascade).
          await tx.delete(webhookEvents).where(eq(webhookEvents.sessionId, sessionId));
          await tx.delete(captureSessions).where(eq(captureSessions.id, sessionId));
        }
        return gone.length === 0 ? undefined : media.map((m) => m.sha256);
      });
      if (!sha256s) return false;
      const filesRemoved = await releaseUnreferenced(deps.media, sha256s);
      await deps.audit.record({ actor, action: 'case.deleted', caseId, detail: { filesRemoved } });
      return true;
    },
    /** Every case whose media is due at `now`; returns how many were purged. */
    async purgeDue(now: Date = new Date()): Promise<number> {
      const cutoff = new Date(now.getTime() - deps.retentionDays * 86_400_000);
      const due = await db
        .select({ id: cases.id })
        .from(cases)
        .where(
          and(
            isNull(cases.mediaPurgedAt),
            // Cases from before retention existed carry no date: createdAt + RETENTION_DAYS applies.
            or(lte(cases.mediaExpiresAt, now), and(isNull(cases.mediaExpiresAt), lte(cases.createdAt, cutoff))),
          ),
        )
        .orderBy(sql`${cases.createdAt}`)
        .limit(500);
      let purged = 0;
      for (const { id } of due) {
        if (await purgeCase(id, now, { type: 'system' }, 'retention')) purged += 1;
      }
      await db.delete(webhookEvents).where(lte(webhookEvents.createdAt, cutoff));
      return purged;
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;

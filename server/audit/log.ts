/**
 * The audit log: who did what to which case, and when. Only `record` writes, and it only inserts;
 * the database refuses UPDATE and DELETE on the table (db/append-only.ts).
 */
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AuditActor, AuditEventView } from '@contract/api';
import type { Db } from '../db/client.js';
import { auditEvents } from '../db/schema.js';

export type AuditAction =
  | 'case.created'
  | 'check.started'
  | 'check.finished'
  | 'case.viewed'
  | 'media.viewed'
  | 'case.assigned'
  | 'decision.recorded'
  | 'check.rerun_requested'
  | 'media.purged'
  | 'case.deleted'
  | 'user.created'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.unlocked'
  | 'auth.login_refused'
  | 'auth.totp_failed'
  | 'auth.password_changed'
  | 'auth.sessions_revoked'
  | 'auth.totp_enabled'
  | 'auth.totp_disabled'
  | 'user.updated'
  | 'user.password_reset'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.deleted'
  | 'webhook.redelivered'
  | 'application.created'
  | 'application.updated'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'export.downloaded'
  | 'demo.outcome_queued'
  | 'demo.seeded'
  | 'demo.removed';

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  caseId?: string;
  detail?: Record<string, unknown>;
}

export const SYSTEM: AuditActor = { type: 'system' };

/**
 * The row `record` writes, as an `INSERT … SELECT` of one row per row of `source` (a CTE of the same statement): a
 * write and its audit row land together in one statement (the check runner's writes: server/cases/check-writes.ts).
 */
export function auditInsertFrom(source: string, e: AuditEntry): SQL {
  const user = e.actor.type === 'user' ? e.actor : undefined;
  return sql`insert into audit_events (actor_type, actor_id, actor_email, action, case_id, detail)
    select ${e.actor.type}, ${user?.id ?? null}, ${user?.email ?? null}, ${e.action}, ${e.caseId ?? null}, ${JSON.stringify(e.detail ?? {})}::jsonb
    from ${sql.identifier(source)}`;
}

export function createAuditLog(db: Db) {
  return {
    async record(e: AuditEntry): Promise<void> {
      await db.insert(auditEvents).values({
        actorType: e.actor.type,
        actorId: e.actor.type === 'user' ? e.actor.id : null,
        actorEmail: e.actor.type === 'user' ? e.actor.email : null,
        action: e.action,
        caseId: e.caseId ?? null,
        detail: e.detail ?? {},
      });
    },

    /** A case's timeline, oldest first (insertion order). */
    async forCase(caseId: string): Promise<AuditEventView[]> {
      const rows = await db.select().from(auditEvents).where(eq(auditEvents.caseId, caseId)).orderBy(asc(auditEvents.seq));
      return rows.map((r) => ({
        id: String(r.seq),
        at: r.at.toISOString(),
        actor:
          r.actorType === 'user'
            ? { type: 'user', id: r.actorId ?? '', email: r.actorEmail ?? '' }
            : { type: r.actorType === 'capture' ? 'capture' : 'system' },
        action: r.action,
        caseId: r.caseId ?? undefined,
        detail: r.detail,
      }));
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

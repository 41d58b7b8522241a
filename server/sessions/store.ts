/**
 * Reads and writes of capture sessions. Every status change is one conditional UPDATE (the
 * machine's allowed from-statuses, state.ts), and a change integrators hear about records its
 * webhook event in the same transaction (webhooks/outbox.ts), so neither exists without the other.
 */
import { and, desc, eq, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { WebhookEventType } from '@contract/api';
import type { CaseSessionHooks } from '../cases/session-hooks.js';
import type { Db } from '../db/client.js';
import { captureSessions, cases, checks, decisions } from '../db/schema.js';
import { recordWebhookEvent } from '../webhooks/outbox.js';
import { Conflict, Gone } from '../domain-errors.js';
import { fromStatuses, transition, type SessionEvent } from './state.js';
import { sessionView, type SessionParts, type SessionRow } from './view.js';

export type NewSession = typeof captureSessions.$inferInsert;

/** Everything the view needs, read through `tx` (so it sees the transaction's own writes). */
export async function sessionParts(tx: Db, session: SessionRow): Promise<SessionParts> {
  if (!session.caseId) return { session, checks: [] };
  const [c] = await tx.select().from(cases).where(eq(cases.id, session.caseId));
  const caseChecks = await tx.select().from(checks).where(eq(checks.caseId, session.caseId)).orderBy(checks.createdAt);
  const [decision] = await tx
    .select()
    .from(decisions)
    .where(eq(decisions.caseId, session.caseId))
    .orderBy(desc(decisions.createdAt))
    .limit(1);
  return { session, case: c, checks: caseChecks, decision };
}

const target = (event: SessionEvent) => transition(fromStatuses(event)[0]!, event)!;

/**
 * Moves the session by `event` if its status allows (and, for `expire`, its time is up; for the
 * others, it is not): resolves the changed row, or undefined when nothing changed. With `emit`,
 * the event's webhook is recorded in `tx`.
 */
export async function applyEvent(
  tx: Db,
  where: SQL,
  event: SessionEvent,
  now: Date,
  set: Partial<NewSession> = {},
  emit?: WebhookEventType,
): Promise<SessionRow | undefined> {
  const timely =
    event === 'expire'
      ? lte(captureSessions.expiresAt, now)
      : event === 'open' || event === 'submit' || event === 'cancel'
        ? gt(captureSessions.expiresAt, now)
        : undefined;
  const [row] = await tx
    .update(captureSessions)
    .set({ ...set, status: target(event) })
    .where(and(where, inArray(captureSessions.status, fromStatuses(event)), timely))
    .returning();
  if (row && emit) {
    const view = sessionView(await sessionParts(tx, row), now);
    await recordWebhookEvent(tx, { applicationId: row.applicationId, type: emit, session: view, at: now });
  }
  return row;
}

/** Why a session takes no upload (or no cancel): 410 when it is over, 409 when it was used. */
export function refusal(row: SessionRow, now: Date): Error {
  if (row.status === 'cancelled') return new Gone('session_cancelled', 'This capture session was cancelled.');
  if (row.status === 'expired' || (['created', 'opened'].includes(row.status) && row.expiresAt <= now))
    return new Gone('session_expired', 'This capture session has expired; ask for a new link.');
  return new Conflict('session_used', 'This capture session has already received its upload.');
}

export function createSessionStore(db: Db) {
  const byId = eq.bind(null, captureSessions.id);
  const hooks: CaseSessionHooks = {
    async claim(tx, { sessionId, caseId, now }) {
      const row = await applyEvent(tx, byId(sessionId), 'submit', now, { caseId, submittedAt: now });
      if (row) return;
      const [current] = await tx.select().from(captureSessions).where(byId(sessionId));
      throw current ? refusal(current, now) : new Gone('session_expired', 'This capture session no longer exists.');
    },
    async submitted(tx, { sessionId, now }) {
      const [row] = await tx.select().from(captureSessions).where(byId(sessionId));
      const view = sessionView(await sessionParts(tx, row!), now);
      await recordWebhookEvent(tx, { applicationId: row!.applicationId, type: 'session.submitted', session: view, at: now });
    },
    async checkFinished(tx, { caseId, final, now }) {
      if (!final) return;
      await applyEvent(tx, eq(captureSessions.caseId, caseId), 'complete', now, { completedAt: now }, 'session.completed');
    },
    async decided(tx, { caseId, decision, now }) {
      // Escalation is not an outcome: the integrator hears of approve and reject.
      if (decision === 'escalate') return;
      await applyEvent(tx, eq(captureSessions.caseId, caseId), 'decide', now, { decidedAt: now }, 'session.decided');
    },
  };

  return {
    hooks,

    /** Inserts the session unless the application already used its Idempotency-Key: then the earlier row. */
    async insert(row: NewSession): Promise<{ row: SessionRow; created: boolean }> {
      const [inserted] = await db
        .insert(captureSessions)
        .values(row)
        .onConflictDoNothing({ target: [captureSessions.applicationId, captureSessions.idempotencyKeyHash] })
        .returning();
      if (inserted) return { row: inserted, created: true };
      const [earlier] = await db
        .select()
        .from(captureSessions)
        .where(
          and(
            eq(captureSessions.applicationId, row.applicationId),
            eq(captureSessions.idempotencyKeyHash, row.idempotencyKeyHash!),
          ),
        );
      return { row: earlier!, created: false };
    },

    /** The application's session (another application's reads as none). */
    async find(applicationId: string, id: string): Promise<SessionRow | undefined> {
      const [row] = await db
        .select()
        .from(captureSessions)
        .where(and(eq(captureSessions.applicationId, applicationId), byId(id)));
      return row;
    },

    async findByTokenHash(tokenHash: string): Promise<SessionRow | undefined> {
      const [row] = await db.select().from(captureSessions).where(eq(captureSessions.clientTokenHash, tokenHash));
      return row;
    },

    /** Newest first, keyset on (createdAt, id). */
    async list(applicationId: string, q: { reference?: string; after?: { t: Date; id: string }; limit: number }) {
      const where = [eq(captureSessions.applicationId, applicationId)];
      if (q.reference !== undefined) where.push(eq(captureSessions.reference, q.reference));
      if (q.after)
        where.push(
          or(
            sql`${captureSessions.createdAt} < ${q.after.t.toISOString()}::timestamptz`,
            and(
              sql`${captureSessions.createdAt} = ${q.after.t.toISOString()}::timestamptz`,
              sql`${captureSessions.id} < ${q.after.id}`,
            ),
          )!,
        );
      return db
        .select()
        .from(captureSessions)
        .where(and(...where))
        .orderBy(desc(captureSessions.createdAt), desc(captureSessions.id))
        .limit(q.limit + 1);
    },

    parts: (row: SessionRow) => sessionParts(db, row),

    /** One more load of the session's capture page. */
    async countOpen(id: string): Promise<void> {
      await db
        .update(captureSessions)
        .set({ opens: sql`${captureSessions.opens} + 1` })
        .where(byId(id));
    },

    /** Runs `event` in a transaction of its own (open, cancel, expire). */
    change(id: string, event: SessionEvent, now: Date, set: Partial<NewSession> = {}, emit?: WebhookEventType) {
      return db.transaction((tx) => applyEvent(tx, byId(id), event, now, set, emit));
    },

    /** Ids of unused sessions past their expiry, oldest first. */
    async dueForExpiry(now: Date, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: captureSessions.id })
        .from(captureSessions)
        .where(and(inArray(captureSessions.status, fromStatuses('expire')), lte(captureSessions.expiresAt, now)))
        .orderBy(captureSessions.expiresAt)
        .limit(limit);
      return rows.map((r) => r.id);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

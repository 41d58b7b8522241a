/** Every read and write of cases, their media and their checks; it returns rows (views.ts makes the API's views). */
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { CaptureConsent, CaptureIntegrity } from '@contract/api';
import type { ProbeResult } from '@contract/media/types.js';
import type { Db } from '../db/client.js';
import { checkWorkQueue, screeningWorkQueue, type WorkQueueSettings } from './work-queues.js';
import { applications, captureSessions, caseMedia, cases, checks, users } from '../db/schema.js';
import type { CheckOutcome, ProviderId, ProviderMode } from '../providers/types.js';
import { finishCheck, markCheckRunning, type CheckAudit } from './check-writes.js';
import type { CaseSessionHooks } from './session-hooks.js';
import { deriveCaseStatus } from './status.js';

export type CheckRow = typeof checks.$inferSelect;
export type MediaRow = typeof caseMedia.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;

/** A case row with its assignee's email (null when unassigned). */
export interface AssignedCase {
  c: CaseRow;
  assigneeEmail: string | null;
  /** The integrating application's name, for cases that came through a session. */
  applicationName?: string | null;
}

/** A case with its media and its checks (oldest first): what its review page shows. */
export interface CaseRecord extends AssignedCase {
  media: MediaRow[];
  checks: CheckRow[];
  /** The session the upload came through. */
  session?: Pick<typeof captureSessions.$inferSelect, 'id' | 'status' | 'metadata'>;
}

export interface NewMedia {
  role: string;
  sha256: string;
  mime: string;
  byteLength: number;
  probe: ProbeResult;
}

export interface NewCheck {
  id: string;
  providerId: ProviderId;
  mode: ProviderMode;
  idempotencyKey: string;
}

export interface NewCase {
  id: string;
  captureTokenHash: string;
  /** sha256 of the upload's Idempotency-Key, if it sent one. */
  uploadKeyHash?: string;
  telemetry: Record<string, unknown>;
  /** `pending` when the capture will be screened; omitted when screening is off. */
  integrity?: CaptureIntegrity;
  /** Required from the capture route; optional here so fixtures without a person can be stored. */
  consent?: CaptureConsent;
  media: NewMedia[];
  checks: NewCheck[];
  /** The integrator session the upload came through; it becomes submitted in the same transaction. */
  session?: { id: string; applicationId: string; reference: string };
}

export const DAY_MS = 86_400_000;

export function createCaseRepository(
  db: Db,
  options: { retentionDays?: number; now?: () => Date; sessionHooks?: CaseSessionHooks } = {},
) {
  const retentionMs = (options.retentionDays ?? 30) * DAY_MS;
  const now = options.now ?? (() => new Date());
  const hooks = options.sessionHooks;
  async function refreshCaseStatus(tx: Db, caseId: string): Promise<boolean> {
    const rows = await tx.select().from(checks).where(eq(checks.caseId, caseId));
    const derived = deriveCaseStatus(rows);
    await tx
      .update(cases)
      .set({ status: derived.status, retakeReason: derived.retakeReason ?? null })
      .where(eq(cases.id, caseId));
    return derived.status !== 'processing';
  }

  return {
    /**
     * Case, media rows and pending checks land together or not at all. Resolves false (nothing
     * stored) when another case already holds `uploadKeyHash`: the unique index decides races.
     */
    async create(c: NewCase): Promise<boolean> {
      return db.transaction(async (tx) => {
        // Millisecond createdAt (not the database's microseconds) keeps keyset cursors exact in JS.
        const createdAt = now();
        // The session first: an upload it refuses (used, expired) stops here, before the unique session_id would.
        if (c.session && hooks) await hooks.claim(tx, { sessionId: c.session.id, caseId: c.id, now: createdAt });
        const inserted = await tx
          .insert(cases)
          .values({
            id: c.id,
            createdAt,
            mediaExpiresAt: new Date(createdAt.getTime() + retentionMs),
            status: 'processing',
            captureTokenHash: c.captureTokenHash,
            telemetry: c.telemetry,
            integrity: c.integrity ?? null,
            consentVersion: c.consent?.version ?? null,
            consentAcceptedAt: c.consent ? new Date(c.consent.acceptedAt) : null,
            consentLocale: c.consent?.locale ?? null,
            uploadKeyHash: c.uploadKeyHash ?? null,
            sessionId: c.session?.id ?? null,
            applicationId: c.session?.applicationId ?? null,
            reference: c.session?.reference ?? null,
          })
          .onConflictDoNothing({ target: cases.uploadKeyHash })
          .returning({ id: cases.id });
        if (inserted.length === 0) return false;
        if (c.media.length > 0) {
          await tx.insert(caseMedia).values(c.media.map((m) => ({ caseId: c.id, ...m })));
        }
        if (c.checks.length > 0) {
          await tx.insert(checks).values(c.checks.map((k) => ({ ...k, caseId: c.id, status: 'pending' as const })));
        }
        if (c.session && hooks) await hooks.submitted(tx, { sessionId: c.session.id, now: createdAt });
        return true;
      });
    },

    /** The media of the case holding `uploadKeyHash` (empty when none does). */
    async mediaOfUpload(uploadKeyHash: string): Promise<MediaRow[]> {
      return db
        .select({ m: caseMedia })
        .from(caseMedia)
        .innerJoin(cases, eq(cases.id, caseMedia.caseId))
        .where(eq(cases.uploadKeyHash, uploadKeyHash))
        .then((rows) => rows.map((r) => r.m));
    },

    /** A re-sent upload: its case gets `tokenHash` as its capture token; resolves the case id, if any. */
    async replayUpload(uploadKeyHash: string, tokenHash: string): Promise<string | undefined> {
      const [row] = await db
        .update(cases)
        .set({ captureTokenHash: tokenHash })
        .where(eq(cases.uploadKeyHash, uploadKeyHash))
        .returning({ id: cases.id });
      return row?.id;
    },

    async captureStatus(caseId: string) {
      const [row] = await db
        .select({ status: cases.status, retakeReason: cases.retakeReason, tokenHash: cases.captureTokenHash })
        .from(cases)
        .where(eq(cases.id, caseId));
      return row;
    },

    /** The checks of these cases, oldest first. */
    async checksOfCases(caseIds: string[]): Promise<CheckRow[]> {
      if (caseIds.length === 0) return [];
      return db.select().from(checks).where(inArray(checks.caseId, caseIds)).orderBy(checks.createdAt);
    },

    async caseRecord(caseId: string): Promise<CaseRecord | undefined> {
      const [joined] = await db
        .select({ c: cases, assigneeEmail: users.email, applicationName: applications.name })
        .from(cases)
        .leftJoin(users, eq(users.id, cases.assigneeId))
        .leftJoin(applications, eq(applications.id, cases.applicationId))
        .where(eq(cases.id, caseId));
      if (!joined) return undefined;
      const media = await db.select().from(caseMedia).where(eq(caseMedia.caseId, caseId));
      const caseChecks = await db.select().from(checks).where(eq(checks.caseId, caseId)).orderBy(checks.createdAt);
      const [session] = joined.c.sessionId
        ? await db
            .select({ id: captureSessions.id, status: captureSessions.status, metadata: captureSessions.metadata })
            .from(captureSessions)
            .where(eq(captureSessions.id, joined.c.sessionId))
        : [];
      return { ...joined, media, checks: caseChecks, ...(session ? { session } : {}) };
    },

    async telemetryOf(caseId: string): Promise<Record<string, unknown> | undefined> {
      const [row] = await db.select({ telemetry: cases.telemetry }).from(cases).where(eq(cases.id, caseId));
      return row?.telemetry;
    },

    /**
     * The screening's record and its sampled frames (replacing any earlier ones) land together, and
     * its lease is cleared. With `leaseOwner`, only while that process holds the lease: false otherwise.
     */
    async saveIntegrity(caseId: string, integrity: CaptureIntegrity, frames: NewMedia[], leaseOwner?: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const held = leaseOwner === undefined ? undefined : eq(cases.integrityLeaseOwner, leaseOwner);
        const saved = await tx
          .update(cases)
          .set({ integrity, integrityLeaseOwner: null, integrityLeaseUntil: null })
          .where(and(eq(cases.id, caseId), held))
          .returning({ id: cases.id });
        if (saved.length === 0) return false;
        await tx.delete(caseMedia).where(and(eq(caseMedia.caseId, caseId), like(caseMedia.role, 'frame.%')));
        if (frames.length > 0) {
          await tx.insert(caseMedia).values(frames.map((m) => ({ caseId, ...m })));
        }
        return true;
      });
    },

    /** This process's side of the screenings still to do (server/cases/work-queues.ts). */
    screeningWork: (o: WorkQueueSettings) => screeningWorkQueue(db, o),

    /** Cases whose screening a crash or restart left unfinished. */
    async pendingIntegrityCaseIds(): Promise<string[]> {
      const rows = await db
        .select({ id: cases.id })
        .from(cases)
        .where(sql`${cases.integrity}->>'status' = 'pending'`)
        .orderBy(cases.createdAt);
      return rows.map((r) => r.id);
    },

    async mediaOf(caseId: string): Promise<MediaRow[]> {
      return db.select().from(caseMedia).where(eq(caseMedia.caseId, caseId));
    },

    async media(caseId: string, role: string): Promise<MediaRow | undefined> {
      const [row] = await db
        .select()
        .from(caseMedia)
        .where(and(eq(caseMedia.caseId, caseId), eq(caseMedia.role, role)));
      return row;
    },

    async caseRow(caseId: string): Promise<CaseRow | undefined> {
      const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
      return row;
    },

    /** A new pending check on an existing case (re-run); the case is processing again. */
    async addCheck(caseId: string, k: NewCheck): Promise<CheckRow> {
      const [row] = await db
        .insert(checks)
        .values({ ...k, caseId, status: 'pending', createdAt: now() })
        .returning();
      await refreshCaseStatus(db, caseId);
      return row!;
    },

    async check(checkId: string): Promise<CheckRow | undefined> {
      const [row] = await db.select().from(checks).where(eq(checks.id, checkId));
      return row;
    },

    /** Checks a crash or restart left unfinished. */
    async unfinishedCheckIds(): Promise<string[]> {
      const rows = await db
        .select({ id: checks.id })
        .from(checks)
        .where(inArray(checks.status, ['pending', 'running']))
        .orderBy(checks.createdAt);
      return rows.map((r) => r.id);
    },

    /** This process's side of the checks still to run (server/cases/work-queues.ts). */
    checkWork: (o: WorkQueueSettings) => checkWorkQueue(db, o),

    /** Request number `attempts` of the check is being sent now; with `audit`, its check.started row (./check-writes.ts). */
    markRunning: (checkId: string, attempts: number, audit?: CheckAudit): Promise<void> =>
      markCheckRunning(db, { checkId, attempts, audit }),

    /** The vendor has answered "throttled" `throttledAnswers` times for the check. */
    async markThrottled(checkId: string, throttledAnswers: number): Promise<void> {
      await db.update(checks).set({ throttledAnswers }).where(eq(checks.id, checkId));
    },

    /**
     * The check's outcome, the case's status, the check.finished audit row (with `auditDetail`, its detail) and (for a session's case)
     * the session's completion land together, and its lease is cleared. With `leaseOwner`, only while that process
     * holds the lease: false otherwise (another process took the check over). One database call (./check-writes.ts).
     */
    finish: (
      checkId: string,
      caseId: string,
      outcome: CheckOutcome,
      leaseOwner?: string,
      auditDetail?: Record<string, unknown>,
    ): Promise<boolean> => finishCheck(db, hooks, { checkId, caseId, outcome, leaseOwner, auditDetail }),
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;

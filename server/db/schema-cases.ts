/** Cases: their media, checks, decisions, audit trail and the media store's index (re-exported by ./schema.ts). */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { CaptureIntegrity, CheckOutcome } from '@contract/api';
import {
  ALL_DECISION_REASONS,
  CASE_STATUSES,
  CHECK_STATUSES,
  DECISIONS,
  PROVIDER_MODES,
  RETAKE_REASONS,
  REVIEW_STATUSES,
} from '@contract/api/enums.js';
import type { ProbeResult } from '@contract/media/types.js';
import type { ProviderId } from '../providers/types.js';
import { CASE_RISK_SQL } from './case-risk.js';
import { users } from './schema-accounts.js';

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Derived from the checks, stored for listing. */
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    retakeReason: text('retake_reason', { enum: RETAKE_REASONS }),
    /** sha256 of the capture token; only its holder may read the capture's status. */
    captureTokenHash: text('capture_token_hash').notNull(),
    telemetry: jsonb('telemetry').notNull().$type<Record<string, unknown>>(),
    /** Where the case is in human review. */
    reviewStatus: text('review_status', { enum: REVIEW_STATUSES }).notNull().default('new'),
    assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    /** The latest decision, kept here for filtering and listing. */
    decision: text('decision', { enum: DECISIONS }),
    /** When the retention purge removes the media (null: kept until a purge date is set). */
    mediaExpiresAt: timestamp('media_expires_at', { withTimezone: true }),
    mediaPurgedAt: timestamp('media_purged_at', { withTimezone: true }),
    /** The local capture-integrity screening (status pending → done | error); null when screening is off. */
    /** Queue filter columns, kept in step with the checks by a trigger (server/db/case-filters.ts). */
    verdicts: text('verdicts')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    providers: text('providers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    disagreement: boolean('disagreement').notNull().default(false),
    integrity: jsonb('integrity').$type<CaptureIntegrity>(),
    /**
     * How risky the case looks, for the risk-first queue and take-next (higher first): 8 the local screening
     * suspects a fake, + 4 a check said fail, + 2 the checks disagree, + 1 a check said review or ended in error
     * or the screening found a bad capture. Computed by the database from the row, so it can never drift.
     */
    risk: integer('risk').notNull().generatedAlwaysAs(sql.raw(CASE_RISK_SQL)),
    /** The process screening the capture and until when (server/db/leases.ts); null when no one holds it. */
    integrityLeaseOwner: text('integrity_lease_owner'),
    integrityLeaseUntil: timestamp('integrity_lease_until', { withTimezone: true }),
    /** The consent text version the person agreed to, when, and in which language (null only on older cases). */
    consentVersion: text('consent_version'),
    consentAcceptedAt: timestamp('consent_accepted_at', { withTimezone: true }),
    consentLocale: text('consent_locale'),
    /**
     * sha256 of the capture app's Idempotency-Key (null when none was sent). Unique: a re-sent
     * upload finds its case instead of creating a second one, even when two copies race.
     */
    uploadKeyHash: text('upload_key_hash'),
    /** The integrator session the upload came through (null: the open demo capture). */
    sessionId: text('session_id'),
    applicationId: text('application_id'),
    /** The integrator's applicant reference, copied from the session for search. */
    reference: text('reference'),
  },
  (t) => [
    uniqueIndex('cases_session_idx').on(t.sessionId),
    index('cases_application_idx').on(t.applicationId, t.createdAt),
    index('cases_reference_idx').on(t.reference),
    index('cases_created_at_idx').on(t.createdAt, t.id),
    // The queue's case-id prefix search (`id like 'abc%'`): the primary key's collation-aware order cannot serve LIKE.
    index('cases_id_prefix_idx').on(t.id.op('text_pattern_ops')),
    uniqueIndex('cases_upload_key_hash_idx').on(t.uploadKeyHash),
    index('cases_review_status_idx').on(t.reviewStatus, t.createdAt),
    // The dashboard's backlog (count, oldest): reads the waiting cases only, however many are decided.
    index('cases_waiting_idx')
      .on(t.createdAt, t.id)
      .where(sql`review_status <> 'decided'`),
    index('cases_verdicts_idx').using('gin', t.verdicts),
    index('cases_providers_idx').using('gin', t.providers),
    index('cases_disagreement_idx').on(t.disagreement, t.createdAt),
    index('cases_risk_idx').on(t.risk.desc(), t.createdAt, t.id),
    index('cases_media_expires_idx').on(t.mediaExpiresAt),
  ],
);

export const caseMedia = pgTable(
  'case_media',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** video | image | video.<provider> (fitted) | frame.<n> (screening samples, JPEG) */
    role: text('role').notNull(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    byteLength: integer('byte_length').notNull(),
    /** What the probe found (a screening frame's also carries its time in the clip, `timeS`). */
    probe: jsonb('probe').notNull().$type<ProbeResult>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.role] }), index('case_media_sha256_idx').on(t.sha256)],
);

export const checks = pgTable(
  'checks',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    providerId: text('provider_id').notNull().$type<ProviderId>(),
    mode: text('mode', { enum: PROVIDER_MODES }).notNull(),
    status: text('status', { enum: CHECK_STATUSES }).notNull(),
    /** Requests sent to the vendor for this check (counted as each leaves, not while it waits). */
    attempts: integer('attempts').notNull().default(0),
    /** How many of those the vendor answered "throttled": they do not use up the retry budget (see vendor-gateway). */
    throttledAnswers: integer('throttled_answers').notNull().default(0),
    /** Stable across retries of this check, so a duplicate is recognisable. */
    idempotencyKey: text('idempotency_key').notNull(),
    outcome: jsonb('outcome').$type<CheckOutcome>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The process running the check and until when (server/db/leases.ts); null when no one holds it. */
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [index('checks_case_idx').on(t.caseId), index('checks_status_idx').on(t.status)],
);

export const decisions = pgTable(
  'decisions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    decision: text('decision', { enum: DECISIONS }).notNull(),
    reasonCode: text('reason_code', { enum: ALL_DECISION_REASONS }).notNull(),
    note: text('note'),
    userId: text('user_id').notNull(),
    /** Copied so the record reads the same after the account changes. */
    userEmail: text('user_email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('decisions_case_idx').on(t.caseId, t.createdAt)],
);

/**
 * Append-only: the code has no UPDATE/DELETE path, and a trigger (db/append-only.ts) rejects both.
 * case_id is deliberately not a foreign key: the record of a deleted case must stay.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** user | system | capture */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    caseId: text('case_id'),
    detail: jsonb('detail').notNull().$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_events_case_idx').on(t.caseId, t.seq)],
);

/**
 * The media store's own index: one row per stored object, written before the object is, so a
 * crash can be cleaned up by query (objects no case_media row references) instead of by listing
 * the store (expensive on S3). `claimed_at` is bumped by every upload that commits these bytes,
 * so an orphan sweep with a grace period never takes an object an upload in flight relies on.
 */
export const mediaObjects = pgTable(
  'media_objects',
  {
    sha256: text('sha256').primaryKey(),
    /** staged (being written to its final name) | committed (in place) */
    state: text('state').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Commits whose rows are not saved yet (a purge leaves the object alone); lapses with claimed_at + 2 h. */
    pins: integer('pins').notNull().default(0),
  },
  (t) => [index('media_objects_claimed_at_idx').on(t.claimedAt)],
);

/** One schema for both stores (PGlite and PostgreSQL); migrations are generated from it. */
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
import type { CaptureIntegrity, CheckOutcome, WebhookEvent } from '@contract/api';
import {
  ALL_DECISION_REASONS,
  CASE_STATUSES,
  CHECK_STATUSES,
  DECISIONS,
  PROVIDER_MODES,
  RETAKE_REASONS,
  REVIEW_STATUSES,
  ROLES,
  SESSION_STATUSES,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
} from '@contract/api/enums.js';
import type { ProbeResult } from '@contract/media/types.js';
import type { ProviderId } from '../providers/types.js';
import { CASE_RISK_SQL } from './case-risk.js';

// Closed lists are typed (`text({ enum })`, `$type`) for the code only: the columns stay plain
// text and jsonb, so a new value needs no migration.

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Lower-cased. */
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** scrypt$N$r$p$salt$hash (base64url). */
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set while the account may not sign in (its sessions were closed when it was set). */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** A temporary password (admin reset, first admin): every session may only change it. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Base32 TOTP secret once two-factor sign-in is on; `totpPendingSecret` while being set up. */
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    /** The last TOTP step accepted: a code works once. */
    totpLastStep: integer('totp_last_step'),
    /** An admin requires two-factor sign-in for this account (TOTP_REQUIRED_FOR_ADMINS covers all admins). */
    totpRequired: boolean('totp_required').notNull().default(false),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the random session id in the cookie: a leaked table does not yield live cookies. */
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

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
 * Sign-in throttle counters (server/auth/throttle.ts). In the database, not in memory, so every
 * process on one PostgreSQL counts together and a restart forgets nothing. Rows by scope:
 * `pair` (key: address + email), `address` (key: address), `account` (key: email), and `known`
 * (key: address + email; an address that signed in to the account: exempt from the account ceiling).
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** The account's (normalized) email on pair, account and known rows, for unlock and listing. */
    email: text('email'),
    /** Counted failures; an attempt counts from before its password check until it succeeds. */
    failures: integer('failures').notNull().default(0),
    /** The last counted attempt (known rows: the last sign-in). The count restarts after a quiet window. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** No attempt in this scope is evaluated before this time. */
    nextAllowedAt: timestamp('next_allowed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index('login_attempts_email_idx').on(t.email),
    index('login_attempts_updated_idx').on(t.updatedAt),
  ],
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

/** An integrating system (server/applications): its vendors, origins, keys and webhook endpoints. */
export const applications = pgTable('applications', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  allowedProviders: jsonb('allowed_providers').notNull().$type<ProviderId[]>(),
  defaultProviders: jsonb('default_providers').notNull().$type<ProviderId[]>(),
  returnUrlOrigins: jsonb('return_url_origins').notNull().$type<string[]>(),
  embedOrigins: jsonb('embed_origins').notNull().$type<string[]>(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** API keys: only a hash is stored; `prefix` is the key's visible start. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    prefix: text('prefix').notNull(),
    /** sha256 of the whole key (the key is 256 random bits: a slow hash adds nothing). */
    keyHash: text('key_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** The key stops working at this time (rotation's overlap window); null: no end. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_hash_idx').on(t.keyHash), index('api_keys_application_idx').on(t.applicationId)],
);

/** An integrator's capture session (POST /api/v1/sessions); `status` follows SESSION_STATUSES. */
export const captureSessions = pgTable(
  'capture_sessions',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    reference: text('reference').notNull(),
    status: text('status', { enum: SESSION_STATUSES }).notNull(),
    /** sha256 of the client token in the capture link. */
    clientTokenHash: text('client_token_hash').notNull(),
    providers: jsonb('providers').notNull().$type<ProviderId[]>(),
    locale: text('locale'),
    returnUrl: text('return_url'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    /** sha256 of (application, Idempotency-Key) and of the request body it came with. */
    idempotencyKeyHash: text('idempotency_key_hash'),
    requestHash: text('request_hash'),
    caseId: text('case_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    /** Loads of the capture page by this link (GET /api/session-capture/:token), for the desktop hand-off. */
    opens: integer('opens').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('capture_sessions_token_idx').on(t.clientTokenHash),
    uniqueIndex('capture_sessions_idempotency_idx').on(t.applicationId, t.idempotencyKeyHash),
    index('capture_sessions_reference_idx').on(t.applicationId, t.reference, t.createdAt),
    index('capture_sessions_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/**
 * The webhook outbox: one row per event, written in the same transaction as the session change
 * that caused it, with the body as sent (a redelivery sends the same bytes). `id` is the
 * Standard Webhooks `webhook-id`.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id').notNull(),
    sessionId: text('session_id').notNull(),
    type: text('type', { enum: WEBHOOK_EVENT_TYPES }).notNull(),
    payload: jsonb('payload').notNull().$type<WebhookEvent>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_events_session_idx').on(t.sessionId, t.createdAt)],
);

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** `whsec_<base64>`: the server must sign with it, so it is stored as is (server-side only). */
    secret: text('secret').notNull(),
    /** null: every event type. */
    events: jsonb('events').$type<(typeof WEBHOOK_EVENT_TYPES)[number][]>(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_application_idx').on(t.applicationId)],
);

/** One event to one endpoint: claimed with a lease, retried with back-off until delivered or given up. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    responseStatus: integer('response_status'),
    lastError: text('last_error'),
    latencyMs: integer('latency_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_event_idx').on(t.eventId),
  ],
);

/** Jobs that run once per deployment per interval (retention purge, expiry): who runs one now, and when it last started. */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
});

export * from './schema-quotas.js';

/** One schema for both stores (PGlite and PostgreSQL); migrations are generated from it. */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** processing | done | retake — derived from the checks, stored for listing. */
    status: text('status').notNull(),
    retakeReason: text('retake_reason'),
    /** sha256 of the capture token; only its holder may read the capture's status. */
    captureTokenHash: text('capture_token_hash').notNull(),
    telemetry: jsonb('telemetry').notNull().$type<Record<string, unknown>>(),
    /** The consent text version the person agreed to, when, and in which language (null only on older cases). */
    consentVersion: text('consent_version'),
    consentAcceptedAt: timestamp('consent_accepted_at', { withTimezone: true }),
    consentLocale: text('consent_locale'),
  },
  (t) => [index('cases_created_at_idx').on(t.createdAt)],
);

export const caseMedia = pgTable(
  'case_media',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** video | image */
    role: text('role').notNull(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    byteLength: integer('byte_length').notNull(),
    probe: jsonb('probe').notNull().$type<Record<string, unknown>>(),
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
    providerId: text('provider_id').notNull(),
    mode: text('mode').notNull(),
    /** pending | running | done | error */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Stable across retries of this check, so a duplicate is recognisable. */
    idempotencyKey: text('idempotency_key').notNull(),
    outcome: jsonb('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('checks_case_idx').on(t.caseId), index('checks_status_idx').on(t.status)],
);

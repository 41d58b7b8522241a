/** Integrators: applications, API keys, capture sessions and the webhook outbox (re-exported by ./schema.ts). */
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { WebhookEvent } from '@contract/api';
import { SESSION_STATUSES, WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from '@contract/api/enums.js';
import type { ProviderId } from '../providers/types.js';

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

/**
 * One schema for both stores (PGlite and PostgreSQL); migrations are generated from it. The tables live in
 * ./schema-*.ts by area and are re-exported here, so drizzle-kit and the code see one module.
 */
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Closed lists are typed (`text({ enum })`, `$type`) for the code only: the columns stay plain
// text and jsonb, so a new value needs no migration.

export * from './schema-accounts.js';
export * from './schema-cases.js';
export * from './schema-integrations.js';
export * from './schema-quotas.js';

/** Jobs that run once per deployment per interval (retention purge, expiry): who runs one now, and when it last started. */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
});

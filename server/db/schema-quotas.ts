/**
 * Vendor quotas shared by every process of a deployment on one PostgreSQL (../checks/quotas/). Re-exported by
 * ./schema.ts; only used when DATABASE_URL is set (the embedded store is one process and keeps its gates in memory).
 */
import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { GatewayHealth } from '../checks/vendor-gateway.js';

/** One vendor API's request rate (GCRA): `next_at` is the earliest time the next request may leave, on the database clock. */
export const vendorRates = pgTable('vendor_rates', {
  key: text('key').primaryKey(),
  nextAt: timestamp('next_at', { withTimezone: true }).notNull(),
});

/** A vendor's concurrency slots: a row per slot number, held by one request of one process until it ends or its lease runs out. */
export const vendorSlots = pgTable(
  'vendor_slots',
  {
    vendor: text('vendor').notNull(),
    slot: integer('slot').notNull(),
    owner: text('owner'),
    claim: text('claim'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.vendor, t.slot] })],
);

/** Each process's gateway health per provider, rewritten every few seconds; GET /api/providers combines the fresh ones. */
export const providerHealthSnapshots = pgTable(
  'provider_health_snapshots',
  {
    process: text('process').notNull(),
    provider: text('provider').notNull(),
    health: jsonb('health').$type<GatewayHealth>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.process, t.provider] })],
);

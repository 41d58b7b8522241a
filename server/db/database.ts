/**
 * The database handle every repository takes, on either store (PGlite or PostgreSQL). In a file of
 * its own so the store's set-up steps (append-only.ts, case-filters.ts) can take it without
 * importing client.ts, which runs them.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

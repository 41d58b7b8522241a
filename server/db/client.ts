/**
 * Opens the store: PGlite (embedded PostgreSQL in wasm) under DATA_DIR by default, or a real
 * PostgreSQL server when DATABASE_URL is set. Both run the same SQL migrations and queries.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { ensureAuditAppendOnly } from './append-only.js';
import { backfillCaseFilters, ensureCaseFilterTrigger } from './case-filters.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenStoreOptions {
  databaseUrl?: string;
  /** Directory for PGlite's files; undefined keeps the database in memory (tests). */
  pgliteDir?: string;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection the server drops (restart, failover, admin shutdown) emits 'error' on the
    // pool; unhandled, that would crash the process. The pool replaces it on the next query.
    pool.on('error', (err) => console.warn(`PostgreSQL connection lost: ${err.message}`));
    const db = drizzle(pool, { schema });
    await migrate(db, { migrationsFolder });
    await prepare(db as unknown as Db);
    return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (options.pgliteDir) await mkdir(options.pgliteDir, { recursive: true });
  const client = await PGlite.create(options.pgliteDir ? { dataDir: options.pgliteDir } : {});
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  await prepare(db as unknown as Db);
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}

/** After the migrations, on both stores: the triggers SQL migrations do not carry, and the filter columns filled. */
async function prepare(db: Db): Promise<void> {
  await ensureAuditAppendOnly(db);
  await ensureCaseFilterTrigger(db);
  await backfillCaseFilters(db);
}

/** Rows of a raw `db.execute` (both drivers answer `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

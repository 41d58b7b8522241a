/**
 * Opens the store: PGlite (embedded PostgreSQL in wasm) under DATA_DIR by default, or a real
 * PostgreSQL server when DATABASE_URL is set. Both run the same SQL migrations and queries.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureAuditAppendOnly } from './append-only.js';
import { backfillCaseFilters, ensureCaseFilterTrigger } from './case-filters.js';
import type { Db } from './database.js';
import * as schema from './schema.js';

export type { Db } from './database.js';

export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_FOLDER = path.join(here, 'migrations');
const migrationsFolder = MIGRATIONS_FOLDER;

/**
 * PGlite's settings. Its default shared_buffers (128 MB) is all touched at start and made half of
 * the server's idle RSS; this store holds a few thousand small rows, and pages that miss the buffer
 * pool come from the OS page cache, not the disk.
 */
export const PGLITE_CONF = ['shared_buffers = 16MB'];

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
  if (options.pgliteDir) await initPgliteDir(options.pgliteDir);
  const client = await PGlite.create({
    ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}),
    postgresqlconf: PGLITE_CONF,
  });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  await prepare(db as unknown as Db);
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}

/**
 * A new data directory is initialised in a child process (see pglite-init.mjs): done in-process,
 * initdb left the server process ~500 MB larger for good (its heaps are freed only at a later GC, and
 * much of that memory is never given back to the OS).
 */
async function initPgliteDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (existsSync(path.join(dir, 'PG_VERSION'))) return;
  try {
    await promisify(execFile)(process.execPath, [path.join(here, 'pglite-init.mjs'), dir], { timeout: 120_000 });
  } catch (err) {
    const { stderr } = err as { stderr?: string };
    throw new Error(`could not initialise the embedded database in ${dir}: ${stderr?.trim() || (err as Error).message}`, {
      cause: err,
    });
  }
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

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
import { sql } from 'drizzle-orm';
import { ensureAuditAppendOnly } from './append-only.js';
import { backfillCaseFilters, ensureCaseFilterTrigger } from './case-filters.js';
import { ensureCheckFinishFunction } from './check-finish.js';
import type { Db } from './database.js';
import { openMigratedMemoryPglite } from './memory-snapshot.js';
import { ensureWorkNotifications, listenOnPostgres, type Unlisten } from './notifications.js';
import * as schema from './schema.js';

export type { Db } from './database.js';

export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Calls `onNotify` with the payload of every NOTIFY on `channel`, from any process; resolves to a stop function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

/**
 * Concurrent starts on one PostgreSQL run the migrations one at a time: the first applies them,
 * the others wait on this advisory lock and then find nothing left to do. (Any constant works;
 * this one is "selfie" in hex.)
 */
export const MIGRATION_LOCK_KEY = 0x53_45_4c_46_49_45;

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
    // The advisory lock belongs to a session: migrate on one connection of its own, holding it.
    const migrator = new pg.Client({ connectionString: options.databaseUrl });
    await migrator.connect();
    try {
      await migrator.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const mdb = drizzle(migrator, { schema });
      await migrate(mdb, { migrationsFolder });
      await prepare(mdb as unknown as Db);
    } finally {
      await migrator.end(); // also releases the lock
    }
    const db = drizzle(pool, { schema });
    return {
      db: db as unknown as Db,
      kind: 'postgres',
      listen: (channel, onNotify) =>
        listenOnPostgres(() => new pg.Client({ connectionString: options.databaseUrl }), channel, onNotify),
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let client: InstanceType<typeof PGlite>;
  if (options.pgliteDir) {
    await initPgliteDir(options.pgliteDir);
    client = await PGlite.create({ dataDir: options.pgliteDir, postgresqlconf: PGLITE_CONF });
    await migrate(drizzle(client, { schema }), { migrationsFolder });
  } else {
    client = await openMigratedMemoryPglite(
      (pgliteOptions) => PGlite.create(pgliteOptions),
      (fresh) => migrate(drizzle(fresh, { schema }), { migrationsFolder }),
      { migrationsFolder, conf: PGLITE_CONF },
    );
  }
  const db = drizzle(client, { schema });
  await prepare(db as unknown as Db);
  await releaseStaleLeases(db as unknown as Db);
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    listen: async (channel, onNotify) => {
      const stop = await client.listen(channel, onNotify);
      return () => stop();
    },
    close: () => client.close(),
  };
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
  await ensureCheckFinishFunction(db);
  await ensureWorkNotifications(db);
}

/**
 * PGlite's directory is open in one process only, so any check or screening lease found when it
 * opens was left by an earlier run that crashed: its work is taken again at once, not after the lease.
 */
export async function releaseStaleLeases(db: Db): Promise<void> {
  await db.execute(sql`update checks set lease_owner = null, lease_until = null where lease_owner is not null`);
  await db.execute(
    sql`update cases set integrity_lease_owner = null, integrity_lease_until = null where integrity_lease_owner is not null`,
  );
}

/** Rows of a raw `db.execute` (both drivers answer `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

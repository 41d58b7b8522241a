/**
 * In-memory stores start from a snapshot of a migrated database: the first open makes it, the next
 * loads it (no initdb) with every migration applied, and an unreadable snapshot is made again.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterEach, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, PGLITE_CONF, rowsOf } from './client.js';
import { openMigratedMemoryPglite, snapshotFile } from './memory-snapshot.js';
import * as schema from './schema.js';

// A setting of its own names a snapshot no other test shares.
const conf = [...PGLITE_CONF, `application_name = 'snapshot-test-${randomUUID()}'`];
const opened: PGlite[] = [];
const creates: PGliteOptions[] = [];

async function open(): Promise<PGlite> {
  const client = await openMigratedMemoryPglite(
    async (options) => {
      creates.push(options);
      return PGlite.create(options);
    },
    (fresh) => migrate(drizzle(fresh, { schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
    { migrationsFolder: MIGRATIONS_FOLDER, conf },
  );
  opened.push(client);
  return client;
}

async function tableCount(client: PGlite): Promise<number> {
  const db = drizzle(client, { schema });
  return rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pg_tables where schemaname = 'public'`))[0]!.n;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
  await rm(await snapshotFile(MIGRATIONS_FOLDER, conf), { force: true });
});

it('makes the snapshot on the first open and loads it on the next, with every migration applied', async () => {
  const first = await open();
  expect(creates[0]?.loadDataDir).toBeUndefined();
  expect(existsSync(await snapshotFile(MIGRATIONS_FOLDER, conf))).toBe(true);
  const second = await open();
  expect(creates[1]?.loadDataDir).toBeInstanceOf(Blob);
  expect(await tableCount(second)).toBe(await tableCount(first));
  expect(await tableCount(second)).toBeGreaterThan(10);
  // Each store is its own database.
  await drizzle(first, { schema }).execute(sql`create table only_in_first (n int)`);
  expect(await tableCount(second)).toBe((await tableCount(first)) - 1);
}, 120_000);

it('makes an unreadable snapshot again', async () => {
  const file = await snapshotFile(MIGRATIONS_FOLDER, conf);
  await writeFile(file, 'not a tar file');
  const client = await open();
  expect(await tableCount(client)).toBeGreaterThan(10);
  expect(creates.at(-1)?.loadDataDir).toBeUndefined();
  const again = await open();
  expect(creates.at(-1)?.loadDataDir).toBeInstanceOf(Blob);
  expect(await tableCount(again)).toBe(await tableCount(client));
}, 120_000);

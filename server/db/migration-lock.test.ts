/**
 * Concurrent starts on one fresh PostgreSQL (issue 14 item 4): the migrations run under an
 * advisory lock, so two processes opening the store at once both come up on one migrated schema.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { startThrowawayPostgres } from '../test-support/postgres.js';
import { openStore, rowsOf, type Store } from './client.js';

const server = await startThrowawayPostgres();
const opened: Store[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  server?.stop();
});

/** A new empty database on the throwaway cluster. */
async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server!.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return server!.url.replace(/\/app$/, `/${name}`);
}

it.skipIf(!server)(
  'two starts racing on a fresh database both open it, and the migrations are applied once',
  async () => {
    for (const round of [1, 2, 3]) {
      const url = await freshDatabase(`race_${round}`);
      const results = await Promise.allSettled([openStore({ databaseUrl: url }), openStore({ databaseUrl: url })]);
      for (const r of results) if (r.status === 'fulfilled') opened.push(r.value);
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
      const [store] = opened.slice(-2);
      const applied = rowsOf<{ n: number }>(
        await store!.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
      );
      const jobs = rowsOf<{ n: number }>(await store!.db.execute(sql`select count(*)::int as n from scheduled_jobs`));
      expect(jobs).toEqual([{ n: 0 }]);
      expect(applied[0]!.n).toBeGreaterThan(0);
      const distinct = rowsOf<{ n: number }>(
        await store!.db.execute(sql`select count(distinct hash)::int as n from drizzle.__drizzle_migrations`),
      );
      expect(distinct).toEqual(applied); // each migration recorded once
    }
  },
  120_000,
);

/** The CSV export's keyset paging and the demo store, on PGlite and (when installed) PostgreSQL. */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/client.js';
import { cases } from '../db/schema.js';
import { buildDemoRows } from '../demo/scenarios.js';
import { createDemoStore } from '../demo/store.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { caseCsv } from './export.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

const collect = async (rows: AsyncGenerator<string>) => {
  let text = '';
  for await (const chunk of rows) text += chunk;
  return text;
};

describe.each(stores)('CSV export and demo store on %s', (_name, open) => {
  it('pages by (created_at, id) without losing or repeating rows that differ by microseconds', async () => {
    const store = await open();
    try {
      // 1201 cases: groups of three share an instant, the groups a microsecond apart (a JS Date cannot tell them apart).
      await store.db.execute(sql`
        INSERT INTO cases (id, created_at, status, capture_token_hash, telemetry)
        SELECT 'c' || lpad(g::text, 5, '0'), timestamptz '2026-03-01 10:00:00+00' + (g / 3) * interval '1 microsecond',
               'done', 'h' || g, '{}'::jsonb
        FROM generate_series(0, 1200) AS g`);
      const text = await collect(caseCsv(store.db, new Date('2026-03-01T09:00:00Z'), new Date('2026-03-01T11:00:00Z')));
      const ids = text
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[0]);
      expect(ids).toHaveLength(1201);
      expect(ids).toEqual(Array.from({ length: 1201 }, (_, g) => `c${String(g).padStart(5, '0')}`));
    } finally {
      await store.db.execute(sql`delete from cases`);
      await store.close();
    }
  });

  it('seeds demo rows (filter columns filled by the trigger) and removes only them', async () => {
    const store = await open();
    try {
      await store.db.insert(cases).values({ id: 'real', status: 'done', captureTokenHash: 'abc', telemetry: { demo: true } });
      const demo = createDemoStore(store.db);
      const rows = buildDemoRows(new Date(), ['tencent', 'glair', 'finauth'], true);
      expect(await demo.insert(rows)).toBe(rows.cases.length);
      expect(await demo.seededCount()).toBe(rows.cases.length);
      const flagged = await store.db
        .select({ id: cases.id })
        .from(cases)
        .where(sql`${cases.disagreement} and ${cases.providers} @> array['glair']::text[]`);
      expect(flagged.length).toBeGreaterThan(0);
      expect(await demo.removeAll()).toBe(rows.cases.length);
      // A real case stays, even one whose client-sent telemetry says "demo".
      expect((await store.db.select({ id: cases.id }).from(cases)).map((c) => c.id)).toEqual(['real']);
    } finally {
      await store.db.execute(sql`delete from cases`);
      await store.close();
    }
  });
});

/**
 * The review API's query plans at 1M cases on a throwaway PostgreSQL: seeds like `npm run bench review`,
 * turns on auto_explain (ANALYZE, BUFFERS) for every statement, times the endpoints once more and
 * prints each distinct statement's slowest plan. `npx tsx bench/review-plans.ts [cases]`.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { openStore } from '../server/db/client.js';
import { startThrowawayPostgres } from '../server/test-support/postgres.js';
import { measure, seed } from './review.js';

const count = Number(process.argv[2] ?? 1_000_000);
const pg = await startThrowawayPostgres();
if (!pg) throw new Error('PostgreSQL is not installed');
const store = await openStore({ databaseUrl: pg.url });
try {
  const t0 = performance.now();
  await seed(store, 1, count);
  console.log(`seeded ${count} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const setting of [
    `session_preload_libraries = 'auto_explain'`,
    'auto_explain.log_min_duration = 5',
    'auto_explain.log_analyze = on',
    'auto_explain.log_buffers = on',
  ])
    await store.db.execute(sql.raw(`ALTER DATABASE app SET ${setting}`));
  await store.close();
  const explained = await openStore({ databaseUrl: pg.url });
  try {
    console.log(JSON.stringify((await measure('PostgreSQL', explained, count, 0)).endpoints, null, 2));
  } finally {
    await explained.close();
  }
  const log = readFileSync(pg.logFile, 'utf8');
  console.log(
    log
      .split(/\n(?=\S+ \S+ UTC \[)/)
      .filter((entry) => entry.includes('duration:'))
      .slice(-200)
      .join('\n'),
  );
} finally {
  pg.stop();
}

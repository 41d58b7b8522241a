/**
 * Review API latency with a large store: 100k cases (two vendor checks each) seeded with one SQL
 * statement per table, then the queue (GET /api/cases, first page and filtered pages, a deep cursor
 * page) and the case API (GET /api/cases/:id) timed through HTTP with a signed-in reviewer, on PGlite
 * and, when installed, on a throwaway PostgreSQL cluster.
 */
import { sql } from 'drizzle-orm';
import { openStore, type Store } from '../server/db/client.js';
import { startThrowawayPostgres } from '../server/test-support/postgres.js';
import { loginAdmin, type TestSession } from '../server/test-support/session.js';
import { startTestServer } from '../server/test-support/test-server.js';
import { median, percentile, round } from './stats.js';

const CASES = 100_000;
const SAMPLES = 60;

async function seed(store: Store): Promise<void> {
  await store.db.execute(sql`
    INSERT INTO cases (id, created_at, status, capture_token_hash, telemetry, review_status, media_expires_at)
    SELECT 'bench-' || lpad(g::text, 6, '0'), now() - make_interval(secs => g * 30), 'done', md5(g::text),
           '{}'::jsonb, (ARRAY['new', 'in_review', 'decided'])[1 + g % 3], now() + interval '30 days'
    FROM generate_series(1, ${CASES}) g`);
  await store.db.execute(sql`
    INSERT INTO checks (id, case_id, provider_id, mode, status, attempts, idempotency_key, outcome, created_at, finished_at)
    SELECT 'chk-' || g || '-' || p, 'bench-' || lpad(g::text, 6, '0'), p, 'simulated', 'done', 1, 'k-' || g || '-' || p,
           jsonb_build_object('kind', 'result', 'verdict', CASE WHEN (g + length(p)) % 7 = 0 THEN 'fail' ELSE 'pass' END,
                              'score', 0.1, 'latencyMs', 120, 'riskTags', '[]'::jsonb, 'raw', '{}'::jsonb),
           now(), now()
    FROM generate_series(1, ${CASES}) g, unnest(ARRAY['tencent', 'finauth']) p`);
  await store.db.execute(sql`ANALYZE`);
}

async function timeGets(reviewer: TestSession, paths: () => string): Promise<{ p50Ms: number; p95Ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + 5; i++) {
    const path = paths();
    const t0 = performance.now();
    const res = await reviewer.fetch(path);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    if (i >= 5) times.push(performance.now() - t0); // the first few warm caches and plans
  }
  return { p50Ms: round(median(times), 1), p95Ms: round(percentile(times, 95), 1) };
}

async function measure(kind: string, store: Store) {
  const seededAt = performance.now();
  await seed(store);
  const seedS = round((performance.now() - seededAt) / 1000, 1);
  const t = await startTestServer({ LOCAL_SCREENING: 'off' }, { store });
  try {
    const reviewer = await loginAdmin(t);
    const first = await reviewer.get<{ nextCursor?: string }>('/api/cases');
    // A cursor ~400 pages deep: keyset pagination should cost the same as the first page.
    let deep = first.nextCursor ?? '';
    for (let i = 0; i < 3; i++) {
      const page = await reviewer.get<{ nextCursor?: string }>(`/api/cases?limit=100&cursor=${encodeURIComponent(deep)}`);
      deep = page.nextCursor ?? deep;
    }
    let n = 0;
    const anyCase = () => `/api/cases/bench-${String(1 + ((n++ * 7919) % CASES)).padStart(6, '0')}`;
    return {
      store: kind,
      cases: CASES,
      seedSeconds: seedS,
      queueFirstPage: await timeGets(reviewer, () => '/api/cases'),
      queueFiltered: await timeGets(reviewer, () => '/api/cases?status=new&verdict=fail&vendor=tencent'),
      queueDisagreement: await timeGets(reviewer, () => '/api/cases?disagreement=true'),
      queueSearchPrefix: await timeGets(reviewer, () => '/api/cases?q=bench-0123'),
      queueLaterPage: await timeGets(reviewer, () => `/api/cases?cursor=${encodeURIComponent(deep)}`),
      caseDetail: await timeGets(reviewer, anyCase),
    };
  } finally {
    await t.close();
  }
}

export async function benchReviewApi(): Promise<unknown[]> {
  const results: unknown[] = [];
  const pglite = await openStore({});
  try {
    results.push(await measure('PGlite (in memory)', pglite));
  } finally {
    await pglite.close();
  }
  const pg = await startThrowawayPostgres();
  if (!pg) return [...results, { store: 'PostgreSQL', skipped: 'not installed' }];
  const store = await openStore({ databaseUrl: pg.url });
  try {
    results.push(await measure('PostgreSQL 15 (throwaway cluster)', store));
  } finally {
    await store.close();
    pg.stop();
  }
  return results;
}

/**
 * Tencent's quota across processes (#14 item 2): N server processes on one throwaway PostgreSQL, the Tencent
 * simulator (enforcing 5 requests/s on arrival) in a process of its own, captures submitted round-robin. Prints the
 * requests per second the simulator admitted, the share of the 5/s quota and how many it throttled.
 * Run: `npx tsx bench/shared-quota.ts [processes=3] [captures=60]`.
 */
import pg from 'pg';
import { openStore } from '../server/db/client.js';
import { startThrowawayPostgres } from '../server/test-support/postgres.js';
import { spawnTestServer } from '../server/test-support/server-process.js';
import { TEST_CONSENT } from '../server/test-support/test-server.js';
import { oneMegabyteClip, realFetch, variant } from './media.js';
import { startSeparateTencentSim } from './separate-sim.js';
import { round } from './stats.js';

const processes = Number(process.argv[2] ?? 3);
const captures = Number(process.argv[3] ?? 60);
const keys = { id: 'AKIDquotaBench', key: 'quota-bench-secret' };

const postgres = await startThrowawayPostgres();
if (!postgres) throw new Error('PostgreSQL is not installed');
await (await openStore({ databaseUrl: postgres.url })).close();
const sim = await startSeparateTencentSim(keys);
const env = {
  DATABASE_URL: postgres.url,
  MEDIA_LINK_SECRET: 'q'.repeat(32),
  LOCAL_SCREENING: 'off',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
  TENCENT_SECRET_ID: keys.id,
  TENCENT_SECRET_KEY: keys.key,
  TENCENT_ENDPOINT: `${sim.url}/sim/tencent/`,
};
const servers = await Promise.all(Array.from({ length: processes }, () => spawnTestServer(env)));
const pool = new pg.Pool({ connectionString: postgres.url, max: 1 });
try {
  const clip = oneMegabyteClip();
  await realFetch(`${sim.url}/sim/tencent/_control`, { method: 'DELETE' });
  // Submitted as fast as the servers take them, so every process has Tencent checks queued at once.
  await Promise.all(
    Array.from({ length: captures }, async (_, i) => {
      const form = new FormData();
      form.append('meta', JSON.stringify({ providers: ['tencent'], consent: TEST_CONSENT }));
      form.append('video', new Blob([new Uint8Array(variant(clip, 3000 + i))], { type: 'video/mp4' }), 'clip.mp4');
      const res = await realFetch(`${servers[i % processes]!.baseUrl}/api/captures`, { method: 'POST', body: form });
      if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
    }),
  );
  for (;;) {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM checks WHERE status = 'pending' OR status = 'running'`,
    );
    if (Number(rows[0]!.n) === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const control = (await (await realFetch(`${sim.url}/sim/tencent/_control`)).json()) as {
    rate: { limited: number; admitted: number; firstAdmittedAt: number; lastAdmittedAt: number };
  };
  const seconds = (control.rate.lastAdmittedAt - control.rate.firstAdmittedAt) / 1000;
  const requestsPerSecond = (control.rate.admitted - 1) / seconds;
  const { rows } = await pool.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM checks GROUP BY status`);
  console.log(
    JSON.stringify(
      {
        processes,
        captures,
        admitted: control.rate.admitted,
        seconds: round(seconds, 2),
        requestsPerSecond: round(requestsPerSecond, 2),
        quotaShare: round(requestsPerSecond / 5, 3),
        vendorThrottled: control.rate.limited,
        checks: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
      },
      null,
      2,
    ),
  );
} finally {
  await pool.end();
  await Promise.all(servers.map((s) => s.stop()));
  sim.stop();
  postgres.stop();
}

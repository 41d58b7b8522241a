/**
 * Two servers on one PostgreSQL (issue 14 item 1): a server that starts while the other is working
 * through its checks takes none of them (today's start-up recovery re-ran every pending check,
 * paying each vendor twice); every check reaches its vendor once.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { rowsOf } from '../db/client.js';
import { startThrowawayPostgres } from '../test-support/postgres.js';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';
import { sleep } from './gateway.test-helpers.js';

const pg = await startThrowawayPostgres();
const servers: TestServer[] = [];
let dataDir: string | undefined;
afterAll(async () => {
  for (const s of servers) await s.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  pg?.stop();
});

const CAPTURES = 4;

it.skipIf(!pg)(
  'a second server starting mid-work doubles no check: each is sent to its vendor once',
  async () => {
    // One media volume for both (as a shared store would be); each its own connection pool.
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'two-servers-'));
    const env = { DATABASE_URL: pg!.url, MEDIA_LINK_SECRET: 'm'.repeat(32), LOCAL_SCREENING: 'off' };
    // A sends one Tencent request a second, so its checks are still pending or running when B starts.
    const a = await startTestServer({ ...env, TENCENT_RATE_LIMIT: '1' }, { dataDir });
    servers.push(a);
    const clip = await readFile(sharedFixture('face_640x480.mp4'));
    const caseIds: string[] = [];
    for (let i = 0; i < CAPTURES; i++) {
      const res = await postCapture(a.baseUrl, clip, { providers: ['tencent'] });
      expect(res.status).toBe(202);
      caseIds.push(res.body.caseId as string);
    }
    const b = await startTestServer(env, { dataDir });
    servers.push(b);

    const db = a.server.store.db;
    const unfinished = async () =>
      rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from checks where status in ('pending', 'running')`),
      )[0]!.n;
    const deadline = Date.now() + 30_000;
    while ((await unfinished()) > 0 && Date.now() < deadline) await sleep(100);
    await Promise.all([a.server.runner.idle(), b.server.runner.idle()]);

    const checks = rowsOf<{ id: string; status: string; attempts: number }>(
      await db.execute(sql`select id, status, attempts from checks order by id`),
    );
    expect(checks).toHaveLength(CAPTURES);
    for (const c of checks) expect(c).toMatchObject({ status: 'done', attempts: 1 });
    const sends = rowsOf<{ check_id: string; n: number }>(
      await db.execute(sql`
      select detail->>'checkId' as check_id, count(*)::int as n from audit_events
      where action = 'check.started' group by 1 order by 1`),
    );
    expect(sends).toEqual(checks.map((c) => ({ check_id: c.id, n: 1 })));
  },
  90_000,
);

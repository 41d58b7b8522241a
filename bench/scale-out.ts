/**
 * Scale-out (issue 14): N app processes on one PostgreSQL with media in an S3-compatible store (s3rver), the
 * zero-latency simulators in a process of their own and the load from another. For N = 1, 2, 3: submissions/s
 * (upload accepted), checks/s (every check final) and each process's peak RSS; then Tencent's 5 requests/s across
 * three processes: the share of the quota used and how many requests the simulator throttled.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { startThrowawayPostgres } from '../server/test-support/postgres.js';
import { startTestS3 } from '../server/test-support/s3-test-server.js';
import { spawnTestServer, type ServerProcess } from '../server/test-support/server-process.js';
import { startSimulatorsProcess } from '../server/test-support/simulators-process.js';
import { TEST_CONSENT } from '../server/test-support/test-server.js';
import { oneMegabyteClip, repoRoot } from './media.js';
import { round } from './stats.js';

async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

/** Runs ./scale-out-load.ts in a process of its own with `env`; resolves with what it printed. */
export function runLoad(env: Record<string, string>): Promise<{ submitMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench', 'scale-out-load.ts')], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as { submitMs: number }) : reject(new Error(`load exited ${code}`)),
    );
  });
}

interface Deployment {
  servers: ServerProcess[];
  pool: pg.Pool;
  simUrls: Record<string, string>;
  stop(): Promise<void>;
}

async function deploy(processes: number, vendors: string[], env: Record<string, string>): Promise<Deployment> {
  const postgres = await startThrowawayPostgres();
  if (!postgres) throw new Error('PostgreSQL is not installed');
  const s3 = await startTestS3();
  const sims = await startSimulatorsProcess(vendors, { SIMULATOR_RATE_LIMITS: env.SIMULATOR_RATE_LIMITS ?? 'on' });
  const shared = {
    ...sims.appEnv,
    ...s3.env,
    DATABASE_URL: postgres.url,
    MEDIA_LINK_SECRET: 'b'.repeat(32),
    LOCAL_SCREENING: 'off',
    ...env,
  };
  const servers = await Promise.all(Array.from({ length: processes }, () => spawnTestServer(shared, () => {})));
  const pool = new pg.Pool({ connectionString: postgres.url, max: 1 });
  return {
    servers,
    pool,
    simUrls: sims.urls,
    async stop() {
      await pool.end();
      await Promise.all(servers.map((s) => s.stop()));
      sims.stop();
      await s3.stop();
      postgres.stop();
    },
  };
}

async function unfinished(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM checks WHERE status IN ('pending', 'running')`);
  return Number(rows[0]!.n);
}

async function allFinal(pool: pg.Pool): Promise<void> {
  while ((await unfinished(pool)) > 0) await new Promise((r) => setTimeout(r, 100));
}

const clipPath = path.join(repoRoot, '.cache', 'bench', 'clip_1mb_3s_v2.mp4');

/** Submissions/s and checks/s of `processes` servers: 120 captures × 2 vendors with no published rate (FinAuth, GLAIR). */
async function throughput(processes: number, captures = 120) {
  oneMegabyteClip(); // made once, cached at clipPath
  const vendors = ['finauth', 'glair'];
  const d = await deploy(processes, vendors, {
    SIMULATOR_RATE_LIMITS: 'off',
    FINAUTH_MAX_CONCURRENCY: '64',
    GLAIR_MAX_CONCURRENCY: '64',
  });
  try {
    const t0 = performance.now();
    const { submitMs } = await runLoad({
      SERVER_URLS: JSON.stringify(d.servers.map((s) => s.baseUrl)),
      CAPTURES: String(captures),
      CONCURRENCY: '16',
      META: JSON.stringify({ providers: vendors, consent: TEST_CONSENT }),
      CLIP_PATH: clipPath,
    });
    await allFinal(d.pool);
    const totalMs = performance.now() - t0;
    const { rows } = await d.pool.query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM checks GROUP BY status`,
    );
    return {
      processes,
      captures,
      submissionsPerSecond: round((captures / submitMs) * 1000, 1),
      checksPerSecond: round(((captures * vendors.length) / totalMs) * 1000, 1),
      checks: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
      peakRssMbPerProcess: await Promise.all(d.servers.map(async (s) => round((await peakRss(s.pid)) / 2 ** 20, 0))),
    };
  } finally {
    await d.stop();
  }
}

/** Tencent's 5 requests/s across three processes: 100 captures submitted at once, round-robin. */
export async function benchTencentQuota(processes = 3, captures = 100) {
  const d = await deploy(processes, ['tencent'], {});
  try {
    await runLoad({
      SERVER_URLS: JSON.stringify(d.servers.map((s) => s.baseUrl)),
      CAPTURES: String(captures),
      CONCURRENCY: '16',
      META: JSON.stringify({ providers: ['tencent'], consent: TEST_CONSENT }),
      CLIP_PATH: clipPath,
    });
    await allFinal(d.pool);
    const control = (await (await fetch(`${d.simUrls.tencent}/_control`)).json()) as {
      rate: { limited: number; admitted: number; firstAdmittedAt: number; lastAdmittedAt: number };
    };
    const seconds = (control.rate.lastAdmittedAt - control.rate.firstAdmittedAt) / 1000;
    const requestsPerSecond = (control.rate.admitted - 1) / seconds;
    return {
      processes,
      captures,
      admitted: control.rate.admitted,
      seconds: round(seconds, 2),
      requestsPerSecond: round(requestsPerSecond, 2),
      quotaShare: round(requestsPerSecond / 5, 3),
      vendorThrottled: control.rate.limited,
    };
  } finally {
    await d.stop();
  }
}

export async function benchScaleOut() {
  const rows = [];
  for (const n of [1, 2, 3]) rows.push(await throughput(n));
  const quota = await benchTencentQuota();
  const result = { throughput: rows, tencentQuota: quota };
  await writeFile(path.join(repoRoot, '.cache', 'bench', 'scale-out.json'), JSON.stringify(result, null, 2));
  return result;
}

/**
 * The proxy's own cost, measured honestly: the server in a process of its own (its CPU time and memory are its
 * own), the zero-latency vendor simulators in another and the load generator in a third. Figures: CPU time per
 * check (the server's process CPU ÷ checks), against a floor measured in the same run (SHA-256 + base64 + JSON +
 * HMAC of the same clip: the least any proxy must do per check); submissions/s and checks/s with 64 submissions at
 * once to all five vendors; the server's peak RSS then; the share of its CPU per stage from a CPU profile of that
 * run; and Tencent's 5 requests/s quota used by a burst against its simulator in its own process.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SERVER_ARGS, serverEnv } from '../scripts/server-command.mjs';
import { spawnTestServer, type ServerProcess } from '../server/test-support/server-process.js';
import { startSimulatorsProcess } from '../server/test-support/simulators-process.js';
import { TEST_CONSENT, startTestServer, type TestServer } from '../server/test-support/test-server.js';
import { checks } from '../server/db/schema.js';
import { inArray } from 'drizzle-orm';
import { formatShares, stageShares, type CpuProfile, type StageShares } from './cpu-profile.js';
import { recordGoal } from './goals.js';
import { oneMegabyteClip, realFetch, repoRoot, submitCapture, variant } from './media.js';
import { runLoad } from './scale-out.js';
import { median, round } from './stats.js';

const VENDORS = ['tencent', 'finauth', 'glair', 'alibaba-intl', 'alibaba-cn'];
const clipPath = path.join(repoRoot, '.cache', 'bench', 'clip_1mb_3s_v2.mp4');
const profilePath = path.join(repoRoot, '.cache', 'bench', 'proxy.cpuprofile');
const progress = (what: string) => process.stderr.write(`[proxy bench] ${what}\n`);

/** Runs `start` with process.env set to `env` (a child started meanwhile inherits it), then restores it. */
async function withEnv<T>(env: Record<string, string | undefined>, start: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await start();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/** CPU ms of `work` in this process (one thread: no other work runs meanwhile). */
function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * The floor per check: what any proxy sending this clip as signed base64 JSON must do — SHA-256 of the upload,
 * base64, the JSON body, and an HMAC-SHA256 over it. Median of `runs`, after a warm-up.
 */
export function cryptoFloorMs(clip: Buffer, runs = 25): number {
  const once = () => {
    createHash('sha256').update(clip).digest('hex');
    const body = JSON.stringify({ FaceInput: clip.toString('base64'), FaceInputType: 2 });
    createHmac('sha256', 'bench-secret').update(body).digest('hex');
  };
  for (let i = 0; i < 3; i++) once();
  return median(Array.from({ length: runs }, () => cpuMs(once)));
}

const cpuOf = async (server: ServerProcess) => {
  const u = await server.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function peakRssDuring<T>(server: ServerProcess, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = await server.rss();
  const sampler = setInterval(
    () =>
      void server.rss().then(
        (r) => (peak = Math.max(peak, r)),
        () => {},
      ),
    25,
  );
  try {
    const result = await work();
    return { result, peakMb: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(sampler);
  }
}

/** `captures` submissions to `vendors`, `concurrency` at a time, from the load process; then every check final. */
async function load(server: ServerProcess, vendors: string[], captures: number, concurrency: number, first: number) {
  const cpu0 = await cpuOf(server);
  const t0 = performance.now();
  const { submitMs } = await runLoad({
    SERVER_URLS: JSON.stringify([server.baseUrl]),
    CAPTURES: String(captures),
    CONCURRENCY: String(concurrency),
    FIRST: String(first),
    META: JSON.stringify({ providers: vendors, consent: TEST_CONSENT }),
    CLIP_PATH: clipPath,
  });
  const statuses = await server.checksIdle();
  const totalMs = performance.now() - t0;
  const cpu = (await cpuOf(server)) - cpu0;
  return { submitMs, totalMs, cpuMs: cpu, checks: captures * vendors.length, statuses };
}

export interface ProxyCpu {
  floorMsPerCheck: number;
  perVendor: Array<{ vendor: string; cpuMsPerCheck: number; ratioToFloor: number }>;
  concurrent: {
    submissions: number;
    checks: number;
    submissionsPerSecond: number;
    checksPerSecond: number;
    cpuMsPerCheck: number;
    ratioToFloor: number;
    peakRssMb: number;
    statuses: Record<string, number>;
  };
  profile: StageShares & { file: string };
}

export async function benchProxyCpu(): Promise<ProxyCpu> {
  const clip = oneMegabyteClip(); // made once, cached at clipPath
  const floorMsPerCheck = cryptoFloorMs(clip);
  const sims = await startSimulatorsProcess(VENDORS, { SIMULATOR_RATE_LIMITS: 'off' });
  // Vendors' rate limits lifted: pacing to a quota is waiting, not work (the burst measures the pacing).
  // On-box screening off: these figures are the proxy's own (the `local` group measures the screening).
  const lift = Object.fromEntries(
    ['TENCENT', 'FINAUTH', 'GLAIR', 'ALIBABA_INTL', 'ALIBABA_CN'].flatMap((p) => [
      [`${p}_RATE_LIMIT`, '100000'],
      [`${p}_MAX_CONCURRENCY`, '64'],
    ]),
  );
  // As `npm start` runs it: its memory settings, the embedded database in files under the data dir.
  const server = await withEnv(serverEnv({}), () =>
    spawnTestServer({ ...sims.appEnv, ...lift, LOCAL_SCREENING: 'off' }, () => {}, {
      nodeArgs: SERVER_ARGS.slice(0, SERVER_ARGS.indexOf('--import')),
      diskStore: true,
    }),
  );
  try {
    progress('warm-up');
    await load(server, VENDORS, 10, 2, 0);
    const perVendor = [];
    let first = 100;
    for (const vendor of VENDORS) {
      progress(vendor);
      const run = await load(server, [vendor], 25, 1, first);
      first += 25;
      const perCheck = run.cpuMs / run.checks;
      perVendor.push({ vendor, cpuMsPerCheck: round(perCheck, 1), ratioToFloor: round(perCheck / floorMsPerCheck, 2) });
    }
    progress('64 concurrent submissions × 5 vendors, profiled');
    await server.startProfile();
    const { result: run, peakMb } = await peakRssDuring(server, () => load(server, VENDORS, 64, 64, 1000));
    await mkdir(path.dirname(profilePath), { recursive: true });
    await server.stopProfile(profilePath);
    const shares = stageShares(JSON.parse(await readFile(profilePath, 'utf8')) as CpuProfile);
    const perCheck = run.cpuMs / run.checks;
    const result: ProxyCpu = {
      floorMsPerCheck: round(floorMsPerCheck, 2),
      perVendor,
      concurrent: {
        submissions: 64,
        checks: run.checks,
        submissionsPerSecond: round((64 / run.submitMs) * 1000, 1),
        checksPerSecond: round((run.checks / run.totalMs) * 1000, 1),
        cpuMsPerCheck: round(perCheck, 1),
        ratioToFloor: round(perCheck / floorMsPerCheck, 2),
        peakRssMb: peakMb,
        statuses: run.statuses,
      },
      profile: { ...shares, busyMs: Math.round(shares.busyMs), file: path.relative(repoRoot, profilePath) },
    };
    recordGoal({
      what: 'Proxy CPU per check, 1 MB clip',
      measured: `${result.concurrent.cpuMsPerCheck} ms = ${result.concurrent.ratioToFloor}× the floor (${result.floorMsPerCheck} ms); ${result.concurrent.submissionsPerSecond} submissions/s, ${result.concurrent.checksPerSecond} checks/s; ${formatShares(shares)}`,
      goal: '≤ 2× the floor',
      pass: result.concurrent.ratioToFloor <= 2,
    });
    recordGoal({
      what: 'Peak RSS, 64 concurrent 1 MB submissions',
      measured: `${peakMb} MB`,
      goal: '≤ 400 MB',
      pass: peakMb <= 400,
    });
    await writeFile(path.join(repoRoot, '.cache', 'bench', 'proxy.json'), JSON.stringify(result, null, 2));
    return result;
  } finally {
    await server.stop();
    sims.stop();
  }
}

export interface QuotaUse {
  checks: number;
  seconds: number;
  requestsPerSecond: number;
  quotaShare: number;
  vendorThrottled: number;
  failedChecks: number;
}

async function submit(t: TestServer, clip: Buffer): Promise<string> {
  return submitCapture(t, clip, { providers: ['tencent'], consent: TEST_CONSENT });
}

/**
 * A burst of `n` Tencent checks at once against the Tencent simulator in its own process, enforcing Tencent's
 * 5 req/s (its arrival clock is not stalled by the proxy's own work); the proxy configured as for a live vendor.
 */
export async function benchTencentBurst(n = 100): Promise<QuotaUse> {
  const clip = oneMegabyteClip();
  const sims = await startSimulatorsProcess(['tencent']);
  const simUrl = sims.urls.tencent!;
  const t = await startTestServer({ ...sims.appEnv, LOCAL_SCREENING: 'off' });
  try {
    // Steady state, as for a long-running server: one warm-up check, a quiet second, fresh counters.
    await submit(t, variant(clip, 1999));
    await t.server.runner.idle();
    await new Promise((r) => setTimeout(r, 1200));
    await realFetch(`${simUrl}/_control`, { method: 'DELETE' });
    const ids = [];
    for (let i = 0; i < n; i++) ids.push(await submit(t, variant(clip, 2000 + i)));
    await t.server.runner.idle();
    const rows = await t.server.store.db.select().from(checks).where(inArray(checks.caseId, ids));
    // Arrivals as the vendor (simulator) counted them.
    const control = (await (await realFetch(`${simUrl}/_control`)).json()) as {
      rate: { limited: number; admitted: number; firstAdmittedAt: number; lastAdmittedAt: number };
    };
    const seconds = (control.rate.lastAdmittedAt - control.rate.firstAdmittedAt) / 1000;
    const requestsPerSecond = (control.rate.admitted - 1) / seconds;
    return {
      checks: n,
      seconds: round(seconds, 2),
      requestsPerSecond: round(requestsPerSecond, 2),
      quotaShare: round(requestsPerSecond / 5, 3),
      vendorThrottled: control.rate.limited,
      failedChecks: rows.filter((r) => r.status !== 'done').length,
    };
  } finally {
    await t.close();
    sims.stop();
  }
}

/**
 * `npx tsx bench/idle-rss.ts`: the idle memory of `npm start` on its defaults (PGlite, simulators,
 * local screening on). Runs `node scripts/start.mjs` (what `npm start` runs, minus npm's own
 * process) twice on one fresh DATA_DIR — a first start (the database is created) and a restart —
 * and prints the server process's RSS while it sits idle, its split (/proc smaps_rollup) and every
 * process of the tree. Linux only (reads /proc).
 *
 * After the restart's idle figures it uploads one capture (../shared/fixtures/face_640x480.mp4, the
 * `local` provider) and prints the RSS while it is screened and once the screening's workers have
 * been released (LOCAL_SCREENING_IDLE_SECONDS, set to 10 here).
 *
 * Settings (environment): IDLE_RSS_PORT (default 8295), IDLE_RSS_SETTLE_S (default 30: V8 and
 * glibc give memory back a while after the start's work), IDLE_RSS_CMD (default
 * `node scripts/start.mjs`; e.g. `npx tsx server/main.ts` to measure another way of starting).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.IDLE_RSS_PORT ?? 8295);
const settleS = Number(process.env.IDLE_RSS_SETTLE_S ?? 30);
const command = (process.env.IDLE_RSS_CMD ?? 'node scripts/start.mjs').split(' ');

const mb = (kb: number) => Math.round(kb / 1024);
const RELEASE_S = 10;

interface ProcInfo {
  pid: number;
  rssKb: number;
  cmd: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, rssKb, cmd };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** `pid` and all its descendants. */
function processTree(pid: number): ProcInfo[] {
  const out: ProcInfo[] = [];
  const visit = (p: number) => {
    const info = readProc(p);
    if (!info) return;
    out.push(info);
    for (const tid of safeList(`/proc/${p}/task`)) {
      const children = safeRead(`/proc/${p}/task/${tid}/children`).trim();
      for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
    }
  };
  visit(pid);
  return out;
}

const safeList = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};
const safeRead = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** The process that runs server/main.ts (the largest one, when wrappers name it too). */
function serverProcess(tree: ProcInfo[]): ProcInfo | undefined {
  return tree.filter((p) => p.cmd.includes('server/main.ts')).sort((a, b) => b.rssKb - a.rssKb)[0];
}

function rollup(pid: number): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const line of safeRead(`/proc/${pid}/smaps_rollup`).split('\n')) {
    const m = /^(\w+):\s+(\d+) kB/.exec(line);
    if (m?.[1] && ['Rss', 'Anonymous', 'Private_Dirty', 'Shared_Clean'].includes(m[1])) fields[m[1]] = mb(Number(m[2]));
  }
  const status = safeRead(`/proc/${pid}/status`);
  fields.VmHWM = mb(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
  fields.Threads = Number(/Threads:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return fields;
}

async function waitHealthy(child: ChildProcess, log: () => string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 180_000) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log()}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`the server did not answer /api/health within 180 s:\n${log()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-pid, 'SIGTERM'); // the group: start.mjs and the server it started
  const timedOut = await Promise.race([exited.then(() => false), sleep(20_000).then(() => true)]);
  if (timedOut) process.kill(-pid, 'SIGKILL');
  await sleep(500);
}

/** Uploads one capture for the local screening and follows the server's RSS until its workers are released. */
async function screenOnce(serverPid: number): Promise<void> {
  const clip = await readFile(path.join(repoRoot, '..', 'shared', 'fixtures', 'face_640x480.mp4'));
  const form = new FormData();
  const consent = { version: 'bench', acceptedAt: new Date().toISOString(), locale: 'en' };
  form.append('meta', JSON.stringify({ providers: ['local'], consent }));
  form.append('video', new Blob([clip], { type: 'video/mp4' }), 'capture.mp4');
  const res = await fetch(`http://127.0.0.1:${port}/api/captures`, { method: 'POST', body: form });
  if (res.status !== 202) throw new Error(`capture refused: ${res.status} ${await res.text()}`);
  const rss = () => mb(readProc(serverPid)?.rssKb ?? 0);
  let peak = 0;
  const started = performance.now();
  // The screening takes a few seconds; its workers go RELEASE_S after it, and memory settles after that.
  while (performance.now() - started < (RELEASE_S + 25) * 1000) {
    peak = Math.max(peak, rss());
    await sleep(500);
  }
  console.log(
    `one capture screened: peak RSS ${peak} MB; ${RELEASE_S + 25} s later (workers released after ${RELEASE_S} s idle): ${rss()} MB`,
  );
}

async function measure(label: string, dataDir: string, screen = false): Promise<void> {
  let output = '';
  const [cmd = 'node', ...args] = command;
  const child = spawn(cmd, args, {
    cwd: repoRoot,
    detached: true, // own process group, so that stop() ends every process it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: 'bench@example.test',
      ADMIN_PASSWORD: 'bench-password-not-secret',
      LOCAL_SCREENING_IDLE_SECONDS: String(RELEASE_S),
    },
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    const readyMs = await waitHealthy(child, () => output);
    const samples: string[] = [];
    let server: ProcInfo | undefined;
    for (let t = 0; t <= settleS; t += 5) {
      if (t > 0) await sleep(5_000);
      server = serverProcess(processTree(child.pid ?? 0));
      samples.push(`${t}s ${server ? mb(server.rssKb) : '?'}`);
    }
    const tree = processTree(child.pid ?? 0);
    server = serverProcess(tree);
    console.log(`\n## ${label}: ready in ${(readyMs / 1000).toFixed(1)} s`);
    console.log(`server RSS after start, MB: ${samples.join(' · ')}`);
    if (server) console.log(`server process ${server.pid}: ${JSON.stringify(rollup(server.pid))} (MB)`);
    console.log('process tree (RSS MB):');
    for (const p of tree) console.log(`  ${String(mb(p.rssKb)).padStart(5)}  ${p.cmd.slice(0, 140)}`);
    console.log(`  ${String(mb(tree.reduce((s, p) => s + p.rssKb, 0))).padStart(5)}  total`);
    if (screen && server) await screenOnce(server.pid);
  } finally {
    await stop(child);
  }
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'idle-rss-'));
try {
  console.log(`idle RSS of \`${command.join(' ')}\` on port ${port}, settling ${settleS} s, DATA_DIR ${dataDir}`);
  await measure('first start (new database)', dataDir);
  await measure('restart (same DATA_DIR)', dataDir, true);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

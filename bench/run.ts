/**
 * `npm run bench`: every figure the README reports, from one run on this machine. The machine is
 * shared and noisy: compare medians and ratios from the same run, not absolute times across runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { benchCapture, benchRecordingEnd, recordRecordingEndGoal } from './capture.js';
import { formatCaptureBench, formatRecordingEnd } from './capture-report.js';
import { benchDetector } from './detector.js';
import { benchFirstHint } from './first-hint.js';
import { benchReviewApi } from './review.js';
import { benchScreeningTime, benchVendorCallDelay, prepareLocalBench, screeningGoal } from './local.js';
import { oneMegabyteClip, oneMegabyteClipPath, repoRoot } from './media.js';
import { benchProxyCpu, benchTencentBurst } from './proxy.js';
import { benchScaleOut, benchTencentQuota } from './scale-out.js';
import { benchUpload } from './upload.js';
import { formatGoals, recordGoal } from './goals.js';
import { createServer } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openStore } from '../server/db/client.js';
import os from 'node:os';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const log = (title: string, value: unknown) => console.log(`\n## ${title}\n${JSON.stringify(value, null, 2)}`);

/** Builds the app (the capture figures must describe the current source, not a stale dist/). */
function buildApp() {
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0 || !existsSync(path.join(repoRoot, 'dist', 'index.html'))) throw new Error('vite build failed');
}

/** The app server (built SPA + API + vendor simulators) on BENCH_PORT (default 8093) while `fn` runs. */
async function withAppServer<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  const store = await openStore({});
  const port = process.env.BENCH_PORT ?? '8093';
  // RATE_LIMITS off: the capture runs submit more captures from one address than a person would.
  const server = await createServer(
    loadConfig({ PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMITS: 'off' }),
    {
      store,
      announce: () => {}, // no one-time admin password in the bench report
    },
  );
  const url = await server.start();
  try {
    return await fn(url.replace(/\/$/, ''));
  } finally {
    await server.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function detector() {
  const result = await withAppServer(benchDetector);
  log('Face detection, 640x480 fake camera at 25 fps, headless Chromium (tasks-vision 1.1.0, CPU)', result);
}

async function capture() {
  const result = await withAppServer(benchCapture);
  console.log(`\n## Capture page\n${formatCaptureBench(result)}`);
  const f = result.fitting;
  recordRecordingEndGoal({
    'stream-copy': f.streamCopy,
    'stream-copy-ffmpeg': f.streamCopyFfmpeg,
    'live-encode': f.liveEncode,
    're-encode': f.reEncode,
    're-encode-ffmpeg': f.reEncodeFfmpeg,
  });
  const out = path.join(repoRoot, '.cache', 'bench', 'capture.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(result, null, 2));
  console.log(`\n(raw figures: ${path.relative(repoRoot, out)})`);
}

async function proxy() {
  log(
    'Proxy CPU per check (server, simulators and load in processes of their own; 1 MB clip; floor = SHA-256 + base64 + JSON + HMAC of it)',
    await benchProxyCpu(),
  );
  log('Tencent burst of 100 checks (simulator in its own process enforcing 5 req/s)', await benchTencentBurst(100));
}

async function local() {
  prepareLocalBench();
  const clip = oneMegabyteClip();
  const time = await benchScreeningTime(oneMegabyteClipPath(), '3 s 640x480 H.264, 1 MB', 7);
  log(
    'Local screening of a 3 s 640x480 capture (1 MB), one worker host in a process of its own, median of 7 after a first run',
    time,
  );
  const [off, on] = await benchVendorCallDelay(clip);
  log('Vendor call start with and without the screening: 10 captures 1.5 s apart to simulated Tencent (ms from upload)', [
    off,
    on,
  ]);
  recordGoal(screeningGoal(time, 3, off!, on!));
}

console.log(
  `# npm run bench${only.length ? ` ${only.join(' ')}` : ''} — ${new Date().toISOString()}, ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, Node ${process.version}`,
);
// `encode` (only when named; `capture` includes it): the recording end → upload-ready paths alone.
const encodeOnly = only.includes('encode');
if (want('detector') || want('capture') || want('first-hint') || encodeOnly) buildApp();
if (want('detector')) await detector();
if (want('capture')) await capture();
if (encodeOnly) {
  const result = await withAppServer(benchRecordingEnd);
  console.log(`\n## Recording end → upload-ready\n${formatRecordingEnd(result)}`);
  recordRecordingEndGoal(result.paths);
}
if (want('first-hint'))
  log(
    'Phone link (4 Mbit/s down, 150 ms RTT), 5 s on the consent: tap on "Start camera" → first judged hint, first and repeat visit',
    await withAppServer(benchFirstHint),
  );
if (want('proxy')) await proxy();
if (want('review'))
  log(
    'Review API with 100k cases (PGlite, PostgreSQL) and 1M (PostgreSQL), 2 checks each, ms over 60 requests (the dashboard 20) after 5 warm-up',
    await benchReviewApi(),
  );
if (want('local')) await local();
if (want('upload'))
  log(
    'Upload ingest: idle RSS, peak RSS with 64 concurrent 20 MB uploads, time to refuse (server in its own process)',
    await benchUpload(),
  );
if (want('scale-out'))
  log(
    'Scale-out on PostgreSQL + S3 (s3rver): 1, 2, 3 app processes, simulators and load in processes of their own; Tencent 5/s across 3',
    await benchScaleOut(),
  );
// Not part of a full run (scale-out measures it too): the quota alone, quicker to repeat.
if (only.includes('quota'))
  log(
    'Tencent 5/s across 3 app processes on PostgreSQL + S3 (s3rver), simulator in a process of its own',
    await benchTencentQuota(),
  );
if (want('idle')) {
  // Its own script: it starts `npm start`'s command twice and reads /proc; its report is text.
  console.log('\n## Idle memory of npm start (first start, restart, one screening)');
  spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench', 'idle-rss.ts')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

// #16's goal rows, each recorded by its group above: one table with a pass/miss mark.
const goals = formatGoals();
if (goals) console.log(`\n## Goals\n${goals}`);

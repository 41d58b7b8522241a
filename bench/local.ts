/**
 * The local capture-integrity screening: how long a 3 s capture takes to screen, how much memory
 * the process peaks at while it does, and whether screening captures delays their vendor calls.
 */
import { spawn } from 'node:child_process';
import { SERVER_ARGS, serverEnv } from '../scripts/server-command.mjs';
import { loginAdmin } from '../server/test-support/session.js';
import { TEST_CONSENT, startTestServer, type TestServer } from '../server/test-support/test-server.js';
import { realFetch, repoRoot, submitCapture, variant } from './media.js';
import type { GoalRow } from './goals.js';
import { median, round } from './stats.js';

export interface ScreeningTime {
  clip: string;
  runs: number;
  firstRunMs: number;
  medianMs: number;
  medianDecodeMs: number;
  medianDetectMs: number;
  /** CPU time of the whole screening process (all threads) per clip: the work, whatever the box's load. */
  medianCpuMs: number;
  verdicts: string[];
  /** The screening process before its first clip (Node + tsx + the screening modules). */
  rssBeforeMb: number;
  /** Its peak (VmHWM) over all runs: workers, decoder and detector included. */
  peakRssMb: number;
}

/**
 * Sequential screenings of distinct copies of `clip` through one worker host (detector loaded
 * once), in a process of its own started as the server runs (bench/local-screening-process.ts).
 */
export async function benchScreeningTime(clipPath: string, label: string, runs: number): Promise<ScreeningTime> {
  const child = spawn(
    process.execPath,
    [...SERVER_ARGS.slice(0, -1), 'bench/local-screening-process.ts', clipPath, String(runs)],
    {
      cwd: repoRoot,
      env: serverEnv(),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the screening process exited with ${code}`);
  const r = JSON.parse(out) as {
    totals: number[];
    cpuMs: number[];
    decode: number[];
    detect: number[];
    verdicts: string[];
    rssBeforeMb: number;
    peakRssMb: number;
  };
  // Run 0 includes loading the detector (blazeface + facemesh on tfjs-wasm): reported apart.
  const [first = 0, ...rest] = r.totals;
  return {
    clip: label,
    runs,
    firstRunMs: Math.round(first),
    medianMs: Math.round(median(rest)),
    medianDecodeMs: Math.round(median(r.decode.slice(1))),
    medianDetectMs: Math.round(median(r.detect.slice(1))),
    medianCpuMs: Math.round(median(r.cpuMs.slice(1))),
    verdicts: r.verdicts,
    rssBeforeMb: r.rssBeforeMb,
    peakRssMb: r.peakRssMb,
  };
}

/** When each outgoing request to the Tencent simulator started (providers capture `fetch` when built). */
const vendorCallStarts: number[] = [];
function instrumentVendorCalls(): void {
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/sim/tencent')) vendorCallStarts.push(performance.now());
    return realFetch(input, init);
  };
}

async function submit(t: TestServer, clip: Buffer): Promise<void> {
  await submitCapture(t, clip, {
    providers: ['tencent'],
    consent: TEST_CONSENT,
    telemetry: { cameraLabel: 'Integrated Webcam' },
  });
}

export interface VendorCallDelay {
  screening: 'on' | 'off';
  captures: number;
  /** From sending the upload to the vendor request leaving the proxy. */
  medianVendorCallStartMs: number;
  maxVendorCallStartMs: number;
  /** Screenings finished when the last vendor call had returned (on: they are still queued behind). */
  screenedWhenChecksDone?: number;
}

/**
 * Captures arrive every `gapMs` (less than a screening takes, so screenings run and queue while the
 * next captures' vendor calls go out); each capture goes to simulated Tencent.
 */
async function vendorCallDelay(screening: 'on' | 'off', clip: Buffer, captures: number, gapMs: number): Promise<VendorCallDelay> {
  const t = await startTestServer({ LOCAL_SCREENING: screening, SIMULATOR_RATE_LIMITS: 'off' });
  const delays: number[] = [];
  try {
    for (let i = 0; i < captures; i++) {
      const before = vendorCallStarts.length;
      const t0 = performance.now();
      await submit(t, variant(clip, 5000 + i));
      while (vendorCallStarts.length === before) await new Promise((r) => setTimeout(r, 2));
      delays.push((vendorCallStarts[before] ?? Number.NaN) - t0);
      await new Promise((r) => setTimeout(r, Math.max(0, gapMs - (performance.now() - t0))));
    }
    await t.server.runner.idle();
    const screened = screening === 'on' ? await countScreened(t) : undefined;
    return {
      screening,
      captures,
      medianVendorCallStartMs: round(median(delays), 1),
      maxVendorCallStartMs: round(Math.max(...delays), 1),
      ...(screened !== undefined ? { screenedWhenChecksDone: screened } : {}),
    };
  } finally {
    await t.close();
  }
}

async function countScreened(t: TestServer): Promise<number> {
  // Reviewer routes need a session: the test server's first admin.
  const reviewer = await loginAdmin(t);
  const list = await reviewer.get<{ cases: Array<{ id: string }> }>('/api/cases?limit=100');
  let done = 0;
  for (const c of list.cases) {
    const detail = await reviewer.get<{ integrity?: { status: string } }>(`/api/cases/${c.id}`);
    if (detail.integrity?.status === 'done') done += 1;
  }
  return done;
}

/** Runs before any server is built (providers capture `fetch` when they are built). */
export function prepareLocalBench(): void {
  instrumentVendorCalls();
}

export async function benchVendorCallDelay(clip: Buffer, captures = 10, gapMs = 1500): Promise<VendorCallDelay[]> {
  // Off first, so the comparison is not helped by a warm detector worker in the same process.
  return [await vendorCallDelay('off', clip, captures, gapMs), await vendorCallDelay('on', clip, captures, gapMs)];
}

/** Slack for "never delaying any vendor call": the median start may move by the noise of a shared box, no more. */
const VENDOR_CALL_SLACK_MS = 50;

/**
 * #16's row: a median ≤ 0.25× the clip's length, peak RSS ≤ 250 MB, and the vendor calls' median start
 * with the screening on within {@link VENDOR_CALL_SLACK_MS} of it with the screening off.
 */
export function screeningGoal(time: ScreeningTime, clipS: number, off: VendorCallDelay, on: VendorCallDelay): GoalRow {
  const ratio = time.medianMs / (clipS * 1000);
  const delayMs = on.medianVendorCallStartMs - off.medianVendorCallStartMs;
  return {
    what: 'Local screening of a 3 s clip',
    measured: `${(time.medianMs / 1000).toFixed(2)} s median (${ratio.toFixed(2)}× the clip), peak RSS ${time.peakRssMb} MB, vendor call start ${delayMs < 0 ? '−' : '+'}${Math.abs(Math.round(delayMs))} ms with it on`,
    goal: `≤ ${(clipS * 0.25).toFixed(2)} s (≤ 0.25×), ≤ 250 MB, vendor calls not delayed (≤ +${VENDOR_CALL_SLACK_MS} ms)`,
    pass: ratio <= 0.25 && time.peakRssMb <= 250 && delayMs <= VENDOR_CALL_SLACK_MS,
  };
}

/**
 * The local capture-integrity screening: how long a 3 s capture takes to screen, how much memory
 * the process peaks at while it does, and whether screening captures delays their vendor calls.
 */
import { createScreeningHost } from '../server/providers/local/screening-host.js';
import { createScreeningService } from '../server/providers/local/screening-service.js';
import { loginAdmin } from '../server/test-support/session.js';
import { TEST_CONSENT, startTestServer, type TestServer } from '../server/test-support/test-server.js';
import { realFetch, submitCapture, variant } from './media.js';
import { median, round } from './stats.js';

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(peak / 1048576);
    },
  };
}

export interface ScreeningTime {
  clip: string;
  runs: number;
  firstRunMs: number;
  medianMs: number;
  medianDecodeMs: number;
  medianDetectMs: number;
  verdicts: string[];
  rssBeforeMb: number;
  peakRssMb: number;
}

/** Sequential screenings of distinct copies of `clip` through one worker host (detector loaded once). */
export async function benchScreeningTime(clip: Buffer, label: string, runs: number): Promise<ScreeningTime> {
  const host = createScreeningHost();
  // The server's own service; each run is a distinct clip (sha256 key), so nothing is shared.
  const service = createScreeningService({ host, keepMs: 0 });
  const rssBeforeMb = Math.round(process.memoryUsage().rss / 1048576);
  const rss = rssSampler();
  const totals: number[] = [];
  const decode: number[] = [];
  const detect: number[] = [];
  const verdicts = new Set<string>();
  try {
    for (let i = 0; i <= runs; i++) {
      const r = await service.screen({ sha256: `bench-${i}`, bytes: variant(clip, i) }, { cameraLabel: 'Integrated Webcam' });
      totals.push(r.timingsMs.total);
      decode.push(r.timingsMs.decode ?? Number.NaN);
      detect.push(r.timingsMs.detect ?? Number.NaN);
      verdicts.add(`${r.verdict}:${r.findings.map((f) => f.code).join('+') || 'no finding'}`);
    }
  } finally {
    await host.close();
  }
  // Run 0 includes loading the detector (blazeface + facemesh on tfjs-wasm): reported apart.
  const [first = 0, ...rest] = totals;
  return {
    clip: label,
    runs,
    firstRunMs: Math.round(first),
    medianMs: Math.round(median(rest)),
    medianDecodeMs: Math.round(median(decode.slice(1))),
    medianDetectMs: Math.round(median(detect.slice(1))),
    verdicts: [...verdicts],
    rssBeforeMb,
    peakRssMb: rss.stop(),
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

/**
 * What the proxy itself adds to a check, and how it behaves under load, measured in-process
 * against the built-in simulators (zero added vendor latency).
 */
import { TEST_CONSENT, startTestServer, type TestServer } from '../server/test-support/test-server.js';
import { realFetch, submitCapture, variant } from './media.js';
import { checks } from '../server/db/schema.js';
import { eq, inArray } from 'drizzle-orm';
import { median, round } from './stats.js';

/** Time spent waiting on outermost outgoing HTTP calls (the vendor's side of a check). */
const wire = { ms: 0, depth: 0 };

/** Providers capture `fetch` when they are built, so this must run before any server starts. */
export function instrumentFetch(): void {
  globalThis.fetch = async (input, init) => {
    const outer = wire.depth === 0;
    wire.depth += 1;
    const started = performance.now();
    try {
      const res = await realFetch(input, init);
      const body = res.status === 204 || res.status === 304 ? null : await res.arrayBuffer();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } finally {
      wire.depth -= 1;
      if (outer) wire.ms += performance.now() - started;
    }
  };
}

function submit(t: TestServer, clip: Buffer, providers: string[]): Promise<string> {
  return submitCapture(t, clip, { providers, consent: TEST_CONSENT });
}

export interface AddedTime {
  provider: string;
  ingestMs: number;
  checkMs: number;
  addedMs: number;
  outcomes: string[];
}

/**
 * Per check, sequentially: ingest (multipart read, content probe, sha256, write, insert) plus the
 * check's own time in the runner minus the time spent waiting on the vendor's HTTP answers
 * (so: gateway, sign, encode, parse, map, store). Median of `runs`.
 */
export async function benchAddedTime(t: TestServer, provider: string, clip: Buffer, runs: number): Promise<AddedTime> {
  const ingest: number[] = [];
  const own: number[] = [];
  const outcomes = new Set<string>();
  for (let i = 0; i < runs; i++) {
    const unique = variant(clip, i);
    const t0 = performance.now();
    const caseId = await submit(t, unique, [provider]);
    ingest.push(performance.now() - t0);
    wire.ms = 0;
    await t.server.runner.idle();
    const [row] = await t.server.store.db.select().from(checks).where(eq(checks.caseId, caseId));
    const runMs = row!.finishedAt!.getTime() - row!.startedAt!.getTime();
    own.push(Math.max(0, runMs - wire.ms));
    const o = row!.outcome as { kind: string; verdict?: string; category?: string };
    outcomes.add(o.kind === 'result' ? o.verdict! : `error:${o.category}`);
  }
  const ingestMs = median(ingest);
  const checkMs = median(own);
  return {
    provider,
    ingestMs: round(ingestMs, 1),
    checkMs: round(checkMs, 1),
    addedMs: round(ingestMs + checkMs, 1),
    outcomes: [...outcomes],
  };
}

export interface Throughput {
  submissions: number;
  providersPerSubmission: number;
  submissionsPerSecond: number;
  peakRssMb: number;
}

/** 64 submissions in flight at once, each fanned out to every enabled vendor; all checks finished. */
export async function benchThroughput(t: TestServer, clip: Buffer, concurrency: number): Promise<Throughput> {
  const providers = [...t.server.gateways.keys()];
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => submit(t, variant(clip, 1000 + i), providers)));
  await t.server.runner.idle();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return {
    submissions: concurrency,
    providersPerSubmission: providers.length,
    submissionsPerSecond: round(concurrency / seconds, 1),
    peakRssMb: Math.round(peak / 1048576),
  };
}

export interface QuotaUse {
  checks: number;
  seconds: number;
  requestsPerSecond: number;
  quotaShare: number;
  vendorThrottled: number;
  failedChecks: number;
}

/**
 * A burst of `n` Tencent checks at once against the Tencent simulator in its own process
 * (`simUrl`), enforcing Tencent's 5 req/s; the proxy is configured as for a live vendor.
 */
export async function benchTencentBurst(t: TestServer, simUrl: string, clip: Buffer, n: number): Promise<QuotaUse> {
  // Steady state, as for a long-running server: one warm-up check, a quiet second, fresh counters.
  await submit(t, variant(clip, 1999), ['tencent']);
  await t.server.runner.idle();
  await new Promise((r) => setTimeout(r, 1200));
  await realFetch(`${simUrl}/sim/tencent/_control`, { method: 'DELETE' });
  const ids = [];
  for (let i = 0; i < n; i++) ids.push(await submit(t, variant(clip, 2000 + i), ['tencent']));
  await t.server.runner.idle();
  const rows = await t.server.store.db.select().from(checks).where(inArray(checks.caseId, ids));
  // Arrivals as the vendor (simulator) counted them.
  const control = (await (await realFetch(`${simUrl}/sim/tencent/_control`)).json()) as {
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
}

export { startTestServer };

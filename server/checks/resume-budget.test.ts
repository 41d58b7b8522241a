/**
 * Issue 11 item 5, as it happened: checks queued behind a slow vendor, the server killed five times, then a vendor
 * that throttles a few times before answering. Waiting must cost nothing, so no check ends `throttled` early.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCaseRepository, type CaseRepository } from '../cases/repository.js';
import { openStore, releaseStaleLeases, type Store } from '../db/client.js';
import type { MediaLinks } from '../media/links.js';
import { createMediaStore, type MediaStore } from '../media/store.js';
import { TEST_VIDEO_PROBE } from '../test-support/media-probes.js';
import { fetchingProvider, sleep, testPolicy } from './gateway.test-helpers.js';
import { createRateLimitedFetch } from './rate-limited-fetch.js';
import { createCheckRunner } from './runner.js';
import { createVendorGateway } from './vendor-gateway.js';

const KEYS = ['idem-a', 'idem-b', 'idem-c'];
const THROTTLED_BEFORE_ANSWER = 3;
// One request at a time, so the other checks wait for their slot while the server is killed.
// The circuit stays out of it: the dead processes' failures must not hold up the test.
const policy = { ...testPolicy, maxConcurrent: 1, maxAttempts: 4, breaker: { failureThreshold: 1000, cooldownMs: 1 } };
const silentLog = { info() {}, error() {}, warn() {}, debug() {} } as unknown as FastifyBaseLogger;

let store: Store;
let dataDir: string;
let repo: CaseRepository;
let media: MediaStore;
beforeAll(async () => {
  store = await openStore({});
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'resume-budget-'));
  repo = createCaseRepository(store.db);
  media = createMediaStore(path.join(dataDir, 'media'));
}, 60_000);
afterAll(async () => {
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A process's view of the store: after its "kill -9", none of its writes land. */
function storeOfProcess(alive: { value: boolean }): CaseRepository {
  const writes = new Set<PropertyKey>(['markRunning', 'markThrottled', 'finish']);
  return new Proxy(repo, {
    get(target, name) {
      const value = Reflect.get(target, name) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        !alive.value && writes.has(name) ? Promise.resolve() : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
}

/** One server process whose vendor answers with `answer(key)`; `kill()` stops it as kill -9 would. */
async function startProcess(answer: (key: string, signal: AbortSignal | undefined) => Promise<Response>) {
  // A start reopens the embedded store, which frees the leases the killed process held (db/client.ts).
  await releaseStaleLeases(store.db);
  const alive = { value: true };
  const received: string[] = [];
  const vendorFetch: typeof fetch = (_url, init) => {
    const key = new Headers(init?.headers).get('x-idempotency-key') ?? '';
    if (!alive.value) return Promise.reject(new TypeError('fetch failed')); // the process is gone
    received.push(key);
    return answer(key, init?.signal ?? undefined);
  };
  const limiter = createRateLimitedFetch(vendorFetch, 50);
  const gateway = createVendorGateway(fetchingProvider(limiter.fetch), policy, limiter);
  const runner = createCheckRunner({
    repo: storeOfProcess(alive),
    media,
    gateways: new Map([['tencent', gateway]]),
    links: {} as MediaLinks,
    publicBaseUrl: () => undefined,
    log: silentLog,
  });
  return { alive, received, runner };
}

it('attempts are charged only for requests sent, across five restarts, and no check ends throttled early', async () => {
  const { sha256 } = await media.put(Buffer.from('clip'));
  for (const [i, key] of KEYS.entries()) {
    await repo.create({
      id: `case-${i}`,
      captureTokenHash: `x${i}`,
      telemetry: {},
      media: [{ role: 'video', sha256, mime: 'video/mp4', byteLength: 4, probe: TEST_VIDEO_PROBE }],
      checks: [{ id: `check-${i}`, providerId: 'tencent', mode: 'simulated', idempotencyKey: key }],
    });
  }

  // Five runs killed while one request hangs at the vendor and the other checks wait for the slot.
  const sentBeforeKill = new Map(KEYS.map((k) => [k, 0]));
  for (let round = 0; round < 5; round++) {
    let release!: () => void;
    const killed = new Promise<void>((r) => (release = r));
    const hang = () => new Promise<Response>((_, reject) => void killed.then(() => reject(new TypeError('fetch failed'))));
    const server = await startProcess(hang);
    await server.runner.resumeUnfinished();
    while (server.received.length === 0) await sleep(10);
    await sleep(200); // the request's record lands, as it would while the vendor works
    for (const key of server.received) sentBeforeKill.set(key, (sentBeforeKill.get(key) ?? 0) + 1);
    server.alive.value = false;
    release();
    await server.runner.idle(); // what the dead process still "does" reaches neither the vendor nor the store
    for (const [i, key] of KEYS.entries()) {
      expect((await repo.check(`check-${i}`))?.attempts, `${key} after kill ${round + 1}`).toBe(sentBeforeKill.get(key));
    }
  }

  // The last start: the vendor throttles each check a few times, then answers.
  const answered = new Map<string, number>();
  const last = await startProcess(async (key) => {
    const n = (answered.get(key) ?? 0) + 1;
    answered.set(key, n);
    return new Response('{}', { status: n <= THROTTLED_BEFORE_ANSWER ? 429 : 200 });
  });
  await last.runner.resumeUnfinished();
  await last.runner.idle();
  expect(new Set(last.received)).toEqual(new Set([...answered.keys()]));
  for (const [i, key] of KEYS.entries()) {
    const check = await repo.check(`check-${i}`);
    const before = sentBeforeKill.get(key) ?? 0;
    if (before >= policy.maxAttempts) {
      // Every attempt went out and was lost with a killed process: not sent a fifth time.
      expect(check).toMatchObject({ status: 'error', attempts: before, outcome: { vendorCode: 'Client.AttemptsSpent' } });
      expect(answered.get(key)).toBeUndefined();
    } else {
      expect(check, key).toMatchObject({
        status: 'done',
        attempts: before + THROTTLED_BEFORE_ANSWER + 1,
        outcome: { verdict: 'pass' },
      });
      expect(check?.throttledAnswers).toBe(THROTTLED_BEFORE_ANSWER);
    }
  }
}, 60_000);

/**
 * Backlogs are bounded and visible: the screening queue holds at most LOCAL_SCREENING_MAX_QUEUE
 * cases (a case past it is recorded as not screened, at schedule time and at a restart), and the
 * screening queue and the check runner report their depth for admission control.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseRepository, type CaseRepository } from '../cases/repository.js';
import { openStore, type Store } from '../db/client.js';
import { createMediaLinks } from '../media/links.js';
import { createMediaStore, type MediaStore } from '../media/store.js';
import type { ScreeningService } from '../providers/local/screening-service.js';
import type { LocalScreeningResult } from '../providers/local/types.js';
import { caseDetailOf } from '../test-support/case-detail.js';
import { TEST_VIDEO_PROBE } from '../test-support/media-probes.js';
import type { VendorGateway } from './vendor-gateway.js';
import { createCaptureIntegrity, PENDING_INTEGRITY } from './capture-integrity.js';
import { createCheckRunner } from './runner.js';

let store: Store;
let repo: CaseRepository;
let media: MediaStore;
let dir: string;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  store = await openStore({});
  repo = createCaseRepository(store.db);
  dir = await mkdtemp(path.join(os.tmpdir(), 'backlog-test-'));
  media = createMediaStore(dir);
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const result: LocalScreeningResult = {
  verdict: 'review',
  label: PENDING_INTEGRITY.label,
  findings: [],
  frames: [],
  timingsMs: { queued: 0, total: 1 },
};

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A screening that holds every clip until `release()`. */
function heldScreening(): ScreeningService & { release(): void; calls: number } {
  const gate = deferred();
  const s = {
    calls: 0,
    release: gate.resolve,
    async screen() {
      s.calls++;
      await gate.promise;
      return result;
    },
  };
  return s;
}

async function newCase(id: string, checks: Array<{ id: string; providerId: 'tencent' }> = []): Promise<void> {
  const put = await media.put(Buffer.from(`clip ${id}`));
  await repo.create({
    id,
    captureTokenHash: 'h',
    telemetry: {},
    integrity: PENDING_INTEGRITY,
    media: [{ role: 'video', sha256: put.sha256, mime: 'video/mp4', byteLength: 10, probe: TEST_VIDEO_PROBE }],
    checks: checks.map((c) => ({ ...c, mode: 'simulated' as const, idempotencyKey: `idem-${c.id}` })),
  });
}

const integrityOf = async (id: string) => (await caseDetailOf(repo, id))?.integrity;

describe('the capture screening queue', () => {
  it('holds at most maxQueue cases; one past it is recorded as not screened, with the reason', async () => {
    for (const id of ['q1', 'q2', 'q3', 'q4']) await newCase(id);
    const screenings = heldScreening();
    const q = createCaptureIntegrity({ repo, media, screenings, log, maxQueue: 2 });
    expect(['q1', 'q2', 'q3', 'q4'].map((id) => q.schedule(id))).toEqual([true, true, false, false]);
    expect(q.backlog()).toBe(2);
    screenings.release();
    await q.idle();
    expect(q.backlog()).toBe(0);
    expect(screenings.calls).toBe(2);
    expect(await integrityOf('q1')).toMatchObject({ status: 'done' });
    expect(await integrityOf('q2')).toMatchObject({ status: 'done' });
    for (const id of ['q3', 'q4']) {
      expect(await integrityOf(id)).toMatchObject({
        status: 'error',
        findings: [],
        error: expect.stringMatching(/^Not screened: 2 captures were already waiting/),
      });
    }
    // A slot that frees up takes the next capture again.
    await newCase('q5');
    expect(q.schedule('q5')).toBe(true);
    screenings.release();
    await q.idle();
    expect(await integrityOf('q5')).toMatchObject({ status: 'done' });
  });

  it('resumes at most maxQueue pending cases at a start, oldest first, and records the rest as not screened', async () => {
    for (const id of ['r1', 'r2', 'r3']) await newCase(id);
    const screenings = heldScreening();
    const q = createCaptureIntegrity({ repo, media, screenings, log, maxQueue: 2 });
    expect(await q.resumePending()).toBe(2);
    expect(q.backlog()).toBe(2);
    screenings.release();
    await q.idle();
    expect((await integrityOf('r1'))?.status).toBe('done');
    expect((await integrityOf('r2'))?.status).toBe('done');
    expect(await integrityOf('r3')).toMatchObject({ status: 'error', error: expect.stringMatching(/Not screened/) });
    expect(await repo.pendingIntegrityCaseIds()).toEqual([]);
  });
});

describe('the check runner', () => {
  it('reports the checks enqueued and not finished as its backlog', async () => {
    await newCase('c1', [{ id: 'check-1', providerId: 'tencent' }]);
    const gate = deferred();
    const gateway = {
      provider: { id: 'tencent', displayName: 'Tencent', mode: 'simulated', limits: { preferred: 'video', video: {} } },
      async run() {
        await gate.promise;
        return { kind: 'result', verdict: 'pass', riskTags: [], latencyMs: 1, raw: null };
      },
    } as unknown as VendorGateway;
    const runner = createCheckRunner({
      repo,
      media,
      gateways: new Map([['tencent', gateway]]),
      links: createMediaLinks(Buffer.alloc(32)),
      publicBaseUrl: () => undefined,
      log,
    });
    expect(runner.backlog()).toBe(0);
    runner.enqueue('check-1');
    expect(runner.backlog()).toBe(1);
    gate.resolve();
    await runner.idle();
    expect(runner.backlog()).toBe(0);
    expect((await repo.check('check-1'))?.status).toBe('done');
  });
});

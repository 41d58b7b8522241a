/**
 * Checks and screenings shared by several processes on one PostgreSQL (issue 14 item 1): each store
 * handle below is one process's connection pool. A claimed check runs in one process only while
 * its lease is renewed; a process that dies loses it after the lease time and another resumes it
 * with the same idempotency key; new work from any process is picked up at once.
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
import type { CheckContext } from '../providers/types.js';
import { TEST_VIDEO_PROBE } from '../test-support/media-probes.js';
import { startThrowawayPostgres } from '../test-support/postgres.js';
import { createCaptureIntegrity, PENDING_INTEGRITY } from './capture-integrity.js';
import { passOutcome, sleep } from './gateway.test-helpers.js';
import { createCheckRunner } from './runner.js';
import type { AttemptRecorder, VendorGateway } from './vendor-gateway.js';

const pg = await startThrowawayPostgres();
const log = pino({ level: 'silent' });
const LEASES = { leaseMs: 600, pollMs: 60_000 };

let dir: string;
let media: MediaStore;
const stores: Store[] = [];
async function processStore(): Promise<Store> {
  const store = await openStore({ databaseUrl: pg!.url });
  stores.push(store);
  return store;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'claims-'));
  media = createMediaStore(dir);
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close().catch(() => {})));
  await rm(dir, { recursive: true, force: true });
  pg?.stop();
});

/** A vendor gateway that records each request's idempotency key and answers when `release()` is called. */
function heldGateway() {
  let release = () => {};
  const answered = new Promise<void>((r) => (release = r));
  const keys: string[] = [];
  const gateway = {
    provider: { id: 'tencent', displayName: 'Tencent', mode: 'simulated', limits: { preferred: 'video', video: {} } },
    async run(_m: unknown, ctx: CheckContext, recorder: AttemptRecorder, ledger: { sent: number }) {
      keys.push(ctx.idempotencyKey);
      await recorder.sent?.(ledger.sent + 1);
      await answered;
      return passOutcome;
    },
  } as unknown as VendorGateway;
  return { gateway, keys, release };
}

function runnerOf(store: Store, gateway: VendorGateway) {
  return createCheckRunner({
    repo: createCaseRepository(store.db),
    media,
    gateways: new Map([['tencent', gateway]]),
    links: createMediaLinks(Buffer.alloc(32)),
    publicBaseUrl: () => undefined,
    log,
    leases: LEASES,
  });
}

async function newCase(repo: CaseRepository, id: string, withCheck = true): Promise<void> {
  const put = await media.put(Buffer.from(`clip ${id}`));
  await repo.create({
    id,
    captureTokenHash: 'h',
    telemetry: {},
    integrity: withCheck ? undefined : PENDING_INTEGRITY,
    media: [{ role: 'video', sha256: put.sha256, mime: 'video/mp4', byteLength: 10, probe: TEST_VIDEO_PROBE }],
    checks: withCheck ? [{ id: `check-${id}`, providerId: 'tencent', mode: 'simulated', idempotencyKey: `idem-${id}` }] : [],
  });
}

async function until(what: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

describe.skipIf(!pg)('work leases on PostgreSQL, two processes', () => {
  it('a check one process runs is not run by another while its lease is renewed, however long it takes', async () => {
    const [a, b] = [await processStore(), await processStore()];
    const repo = createCaseRepository(a.db);
    await newCase(repo, 'held');
    const vendorA = heldGateway();
    const vendorB = heldGateway();
    const runnerA = runnerOf(a, vendorA.gateway);
    const runnerB = runnerOf(b, vendorB.gateway);
    runnerA.enqueue('check-held');
    await until(() => vendorA.keys.length === 1);
    // Three lease times: only A's heartbeat keeps the check from B.
    for (let i = 0; i < 3; i++) {
      await sleep(LEASES.leaseMs);
      expect(await runnerB.resumeUnfinished()).toBe(0);
    }
    runnerB.enqueue('check-held');
    await runnerB.idle();
    expect(vendorB.keys).toEqual([]);
    vendorA.release();
    await runnerA.idle();
    expect(await repo.check('check-held')).toMatchObject({ status: 'done', attempts: 1, leaseOwner: null, leaseUntil: null });
  });

  it('a process that dies mid-check loses it after the lease time, and another resumes it with the same idempotency key', async () => {
    const [doomed, b] = [await processStore(), await processStore()];
    const repo = createCaseRepository(b.db);
    await newCase(repo, 'orphan');
    const vendorA = heldGateway();
    const runnerA = runnerOf(doomed, vendorA.gateway);
    runnerA.enqueue('check-orphan');
    await until(async () => (await repo.check('check-orphan'))?.status === 'running');
    await doomed.close(); // the process is gone: no heartbeat, no more writes

    const vendorB = heldGateway();
    vendorB.release();
    const runnerB = runnerOf(b, vendorB.gateway);
    // The start-up recovery of a process starting now leaves a live lease alone…
    expect(await runnerB.resumeUnfinished()).toBe(0);
    await sleep(LEASES.leaseMs + 200);
    // …and takes the check over once it has run out.
    expect(await runnerB.resumeUnfinished()).toBe(1);
    await runnerB.idle();
    expect(vendorA.keys).toEqual(['idem-orphan']);
    expect(vendorB.keys).toEqual(['idem-orphan']);
    expect(await repo.check('check-orphan')).toMatchObject({ status: 'done', attempts: 2, idempotencyKey: 'idem-orphan' });
    vendorA.release(); // the dead process's late answer lands nowhere
    await runnerA.idle();
    expect(await repo.check('check-orphan')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a check stored by another process is picked up at once on its notification, not at the next poll', async () => {
    const [a, b] = [await processStore(), await processStore()];
    const vendorB = heldGateway();
    vendorB.release();
    const runnerB = runnerOf(b, vendorB.gateway); // polls once a minute
    await runnerB.start(b.listen.bind(b));
    try {
      const repo = createCaseRepository(a.db);
      const started = Date.now();
      await newCase(repo, 'notified');
      await until(async () => (await repo.check('check-notified'))?.status === 'done', 10_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(vendorB.keys).toEqual(['idem-notified']);
    } finally {
      await runnerB.stop();
      await runnerB.idle();
    }
  });

  it('a capture screening one process holds is not screened by another; shutdown gives queued ones back', async () => {
    const [a, b] = [await processStore(), await processStore()];
    const repo = createCaseRepository(a.db);
    await newCase(repo, 'screen-1', false);
    await newCase(repo, 'screen-2', false);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const screened: string[] = [];
    const screening = (who: string): ScreeningService => ({
      async screen(clip) {
        screened.push(`${who}:${clip.sha256.slice(0, 6)}`);
        await held;
        return {
          verdict: 'review',
          label: PENDING_INTEGRITY.label,
          findings: [],
          frames: [],
          timingsMs: { queued: 0, total: 1 },
        };
      },
    });
    const qa = createCaptureIntegrity({ repo, media, screenings: screening('a'), log, leases: LEASES });
    const qb = createCaptureIntegrity({
      repo: createCaseRepository(b.db),
      media,
      screenings: screening('b'),
      log,
      leases: LEASES,
    });
    qa.schedule('screen-1');
    qa.schedule('screen-2');
    await until(() => screened.length === 1);
    await sleep(LEASES.leaseMs * 2);
    expect(await qb.resumePending()).toBe(0);
    // A stops while screening screen-1: screen-2 (queued) is given back at once, and B takes it.
    const stopping = qa.stop();
    await until(async () => (await qb.resumePending()) === 1);
    release();
    await stopping;
    await qb.idle();
    expect(screened.filter((s) => s.startsWith('b:'))).toHaveLength(1);
    expect(screened).toHaveLength(2);
    const statusOf = async (id: string) => (await repo.caseRow(id))?.integrity?.status;
    expect([await statusOf('screen-1'), await statusOf('screen-2')]).toEqual(['done', 'done']);
  });
});

/**
 * A capture sent to several vendors: its checks run together on one read of its file (./shared-reads.ts), which
 * is dropped once they are done.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseRepository } from '../cases/repository.js';
import { openStore, type Store } from '../db/client.js';
import { createMediaLinks } from '../media/links.js';
import { createMediaStore, type MediaStore } from '../media/store.js';
import type { CheckContext, MediaInput, ProviderId } from '../providers/types.js';
import { TEST_VIDEO_PROBE } from '../test-support/media-probes.js';
import { passOutcome, sleep } from './gateway.test-helpers.js';
import { createCheckRunner } from './runner.js';
import type { AttemptRecorder, VendorGateway } from './vendor-gateway.js';

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shared-read-'));
  store = await openStore({});
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A gateway for `id` that records the bytes it was given and answers when every vendor has its request. */
function heldGateway(id: string, seen: Uint8Array[], allIn: Promise<void>): VendorGateway {
  return {
    provider: { id, displayName: id, mode: 'simulated', limits: { preferred: 'video', video: {} } },
    async run(media: MediaInput, _ctx: CheckContext, recorder: AttemptRecorder, ledger: { sent: number }) {
      seen.push(media.bytes);
      await recorder.sent?.(ledger.sent + 1);
      await allIn;
      return passOutcome;
    },
  } as unknown as VendorGateway;
}

describe('check runner', () => {
  it('reads a capture’s file once for all its checks in flight', async () => {
    const disk = createMediaStore(dir);
    let reads = 0;
    const media: MediaStore = { ...disk, read: (sha256) => (reads++, disk.read(sha256)) };
    const vendors: ProviderId[] = ['tencent', 'finauth', 'glair'];
    const seen: Uint8Array[] = [];
    let allIn = () => {};
    const all = new Promise<void>((resolve) => (allIn = resolve));
    const repo = createCaseRepository(store.db);
    const runner = createCheckRunner({
      repo,
      media,
      gateways: new Map(vendors.map((v) => [v, heldGateway(v, seen, all)])),
      links: createMediaLinks(Buffer.alloc(32)),
      publicBaseUrl: () => undefined,
      log: pino({ level: 'silent' }),
      leases: { leaseMs: 5000, pollMs: 60_000 },
    });
    const put = await media.put(Buffer.from('one clip for three vendors'));
    await repo.create({
      id: 'shared',
      captureTokenHash: 'h',
      telemetry: {},
      media: [{ role: 'video', sha256: put.sha256, mime: 'video/mp4', byteLength: 26, probe: TEST_VIDEO_PROBE }],
      checks: vendors.map((v) => ({ id: `check-${v}`, providerId: v, mode: 'simulated' as const, idempotencyKey: `idem-${v}` })),
    });
    for (const v of vendors) runner.enqueue(`check-${v}`);
    for (let i = 0; seen.length < vendors.length; i++) {
      if (i > 500) throw new Error('the checks did not all start');
      await sleep(20);
    }
    allIn();
    await runner.idle();
    expect(reads).toBe(1);
    expect(new Set(seen).size).toBe(1);
    expect(Buffer.from(seen[0]!).toString()).toBe('one clip for three vendors');
    for (const v of vendors) expect(await repo.check(`check-${v}`)).toMatchObject({ status: 'done' });
  });
});

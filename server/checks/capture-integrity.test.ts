/** The screening queue with a stand-in screening (no workers): storage, failure, shutdown and resume. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseRepository, type CaseRepository } from '../cases/repository.js';
import { openStore, type Store } from '../db/client.js';
import { createMediaStore, type MediaStore } from '../media/store.js';
import type { ScreeningService } from '../providers/local/screening-service.js';
import type { LocalScreeningResult } from '../providers/local/types.js';
import { caseDetailOf } from '../test-support/case-detail.js';
import { TEST_VIDEO_PROBE } from '../test-support/media-probes.js';
import { createCaptureIntegrity, PENDING_INTEGRITY } from './capture-integrity.js';

let store: Store;
let repo: CaseRepository;
let media: MediaStore;
let dir: string;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  store = await openStore({});
  repo = createCaseRepository(store.db);
  dir = await mkdtemp(path.join(os.tmpdir(), 'integrity-test-'));
  media = createMediaStore(dir);
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const jpeg = (n: number) => Buffer.from([0xff, 0xd8, 0xff, n]);
const result: LocalScreeningResult = {
  verdict: 'fail',
  label: PENDING_INTEGRITY.label,
  findings: [{ code: 'virtual_camera', message: 'virtual', evidence: { cameraLabel: 'OBS Virtual Camera' } }],
  frames: [0, 1].map((index) => ({
    index,
    frameIndex: index * 10,
    timeS: index,
    width: 4,
    height: 3,
    jpeg: jpeg(index),
    faces: [],
  })),
  timingsMs: { queued: 0, total: 1 },
};

async function newCase(id: string): Promise<void> {
  const put = await media.put(Buffer.from(`clip ${id}`));
  await repo.create({
    id,
    captureTokenHash: 'h',
    telemetry: { cameraLabel: 'OBS Virtual Camera' },
    integrity: PENDING_INTEGRITY,
    media: [{ role: 'video', sha256: put.sha256, mime: 'video/mp4', byteLength: 10, probe: TEST_VIDEO_PROBE }],
    checks: [],
  });
}

describe('capture integrity queue', () => {
  it('stores the record and the frames, with the telemetry passed to the screening', async () => {
    const seen: unknown[] = [];
    const screenings: ScreeningService = { screen: async (_clip, telemetry) => (seen.push(telemetry), result) };
    await newCase('a');
    const q = createCaptureIntegrity({ repo, media, screenings, log });
    q.schedule('a');
    await q.idle();
    const detail = await caseDetailOf(repo, 'a');
    expect(seen).toEqual([{ cameraLabel: 'OBS Virtual Camera' }]);
    expect(detail?.integrity).toMatchObject({
      status: 'done',
      verdict: 'fail',
      findings: [{ code: 'virtual_camera', kind: 'suspected_fake' }],
    });
    expect(detail?.media.map((m) => m.role).sort()).toEqual(['frame.0', 'frame.1', 'video']);
  });

  it('records a screening that could not run as an error, not as a finding', async () => {
    await newCase('b');
    const q = createCaptureIntegrity({ repo, media, screenings: { screen: () => Promise.reject(new Error('boom')) }, log });
    q.schedule('b');
    await q.idle();
    expect((await caseDetailOf(repo, 'b'))?.integrity).toMatchObject({ status: 'error', findings: [] });
  });

  it('leaves queued cases pending on shutdown and screens them after the next start', async () => {
    await newCase('c');
    const stopped = createCaptureIntegrity({ repo, media, screenings: { screen: async () => result }, log });
    stopped.schedule('c');
    await stopped.stop();
    expect((await caseDetailOf(repo, 'c'))?.integrity?.status).toBe('pending');

    const restarted = createCaptureIntegrity({ repo, media, screenings: { screen: async () => result }, log });
    expect(await restarted.resumePending()).toBe(1);
    await restarted.idle();
    expect((await caseDetailOf(repo, 'c'))?.integrity?.status).toBe('done');
    expect(await repo.pendingIntegrityCaseIds()).toEqual([]);
  });
});

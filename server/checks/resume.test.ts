/** A crash between storing a check and finishing it loses nothing: the next start resumes it. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { probeMedia } from '@contract/media/probe.js';
import { createCaseRepository } from '../cases/repository.js';
import { openStore, type Store } from '../db/client.js';
import { createMediaStore } from '../media/store.js';
import { sharedFixture, startTestServer } from '../test-support/test-server.js';

let store: Store;
let dataDir: string;
beforeAll(async () => {
  store = await openStore({});
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'resume-'));
}, 60_000);
afterAll(async () => {
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('resumes pending and interrupted checks on start, with the same idempotency key', async () => {
  // State as a crashed server left it: one check never started, one sent once and never answered.
  const clip = await readFile(sharedFixture('face_640x480.mp4'));
  const { sha256 } = await createMediaStore(path.join(dataDir, 'media')).put(clip);
  const repo = createCaseRepository(store.db);
  await repo.create({
    id: 'case-crashed',
    captureTokenHash: 'x',
    telemetry: {},
    media: [{ role: 'video', sha256, mime: 'video/mp4', byteLength: clip.length, probe: probeMedia(clip) }],
    checks: [
      { id: 'check-pending', providerId: 'tencent', mode: 'simulated', idempotencyKey: 'idem-pending' },
      { id: 'check-running', providerId: 'tencent', mode: 'simulated', idempotencyKey: 'idem-running' },
    ],
  });
  await repo.markRunning('check-running', 1);

  const t = await startTestServer({}, { store, dataDir });
  try {
    await t.server.runner.idle();
    const pending = await repo.check('check-pending');
    const running = await repo.check('check-running');
    expect(pending).toMatchObject({ status: 'done', attempts: 1, idempotencyKey: 'idem-pending' });
    expect(running).toMatchObject({ status: 'done', attempts: 2, idempotencyKey: 'idem-running' });
    expect((await repo.captureStatus('case-crashed'))?.status).toBe('done');
  } finally {
    await t.close();
  }
});

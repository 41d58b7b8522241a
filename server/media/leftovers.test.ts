/**
 * `kill -9` during uploads leaves staged files and stored objects with no case. The next start
 * removes them — found through the media store's index — before it listens, and keeps every file
 * a case references. On PGlite and PostgreSQL.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@contract/api';
import { openStore, type Store } from '../db/client.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { loginNewUser } from '../test-support/session.js';
import { postCapture, sharedFixture, startTestServer } from '../test-support/test-server.js';
import { createDbMediaIndex } from './object-index.js';
import { createMediaStore } from './store.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

describe.each(stores)('leftovers of a crash on %s', (_name, open) => {
  it('are removed at the next start; media a case references stays', async () => {
    const store = await open();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'leftovers-'));
    const mediaRoot = path.join(dataDir, 'media');
    try {
      const clip = await readFile(sharedFixture('face_640x480.mp4'));
      const first = await startTestServer({}, { store, dataDir });
      const accepted = await postCapture(first.baseUrl, clip);
      expect(accepted.status).toBe(202);
      const caseId = String(accepted.body.caseId);
      await first.server.runner.idle();
      await first.close();

      // What kill -9 leaves: uploads half-streamed into staging, and a clip committed to the store
      // whose case row was never written.
      await mkdir(path.join(mediaRoot, '.staging'), { recursive: true });
      await writeFile(path.join(mediaRoot, '.staging', randomUUID()), clip.subarray(0, 5000));
      await writeFile(path.join(mediaRoot, '.staging', randomUUID()), clip.subarray(0, 9000));
      const orphan = await createMediaStore(mediaRoot, createDbMediaIndex(store.db)).put(Buffer.concat([clip, Buffer.from('x')]));

      const second = await startTestServer({}, { store, dataDir });
      try {
        expect(await readdir(path.join(mediaRoot, '.staging'))).toEqual([]);
        await expect(stat(path.join(mediaRoot, orphan.sha256.slice(0, 2), orphan.sha256))).rejects.toThrow();
        const reviewer = await loginNewUser(second);
        const detail = (await (await reviewer.fetch(`/api/cases/${caseId}`)).json()) as CaseDetail;
        const video = await reviewer.fetch(detail.media[0]!.url);
        expect(video.status).toBe(200);
        expect(Buffer.from(await video.arrayBuffer()).equals(clip)).toBe(true);
        expect((await second.mediaFiles()).sort()).toEqual([...new Set(detail.media.map((m) => m.sha256))].sort());
      } finally {
        await second.close();
      }
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

/**
 * A purge racing a capture that stores the same bytes (content-addressed: one object for both)
 * never deletes what the live case needs. Both interleavings, on both stores (disk, S3 via s3rver)
 * and both databases (PGlite, PostgreSQL).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit/log.js';
import { createCaseRepository } from '../cases/repository.js';
import { openStore, type Store } from '../db/client.js';
import { createDiskObjects } from '../media/disk-objects.js';
import type { ObjectBackend } from '../media/object-backend.js';
import { createDbMediaIndex } from '../media/object-index.js';
import { createS3Objects } from '../media/s3-objects.js';
import { createStaging } from '../media/staging.js';
import { storeThenSave } from '../media/store-then-save.js';
import { createIndexedMediaStore, type MediaStore } from '../media/store.js';
import { TEST_VIDEO_PROBE } from '../test-support/media-probes.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { startTestS3, type TestS3 } from '../test-support/s3-test-server.js';
import { createRetention } from './purge.js';

const pg = await startThrowawayPostgres();
let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.stop();
  await (pg as ThrowawayPostgres | undefined)?.stop();
});

const databases: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) databases.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
const backends: Array<[string, (root: string) => ObjectBackend]> = [
  ['disk', (root) => createDiskObjects(root)],
  ['s3', () => createS3Objects(s3.settings)],
];
const cases = databases.flatMap(([db, open]) => backends.map(([kind, at]) => [`${kind} on ${db}`, open, at] as const));

/** Resolves after `ms` with 'pending' — to prove a promise has not settled by then. */
const stillPendingAfter = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => 'settled'), new Promise((r) => setTimeout(() => r('pending'), ms))]);

describe.each(cases)('purge vs. a capture reusing the same object: %s', (_name, open, backendAt) => {
  let store: Store;
  let root: string;
  let objects: ObjectBackend;
  let media: MediaStore;
  beforeAll(async () => {
    store = await open();
    root = await mkdtemp(path.join(os.tmpdir(), 'purge-race-'));
  });
  afterAll(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  const setup = (wrap: (o: ObjectBackend) => ObjectBackend = (o) => o) => {
    objects = wrap(backendAt(root));
    media = createIndexedMediaStore(objects, createStaging(root), createDbMediaIndex(store.db));
    const repo = createCaseRepository(store.db);
    const retention = createRetention({ db: store.db, media, audit: createAuditLog(store.db), retentionDays: 30 });
    /** What a capture does: commit the bytes, then save the case naming them (pins released after). */
    const capture = async (bytes: Buffer, beforeSave: () => Promise<void> = async () => {}) => {
      const id = randomUUID();
      await storeThenSave(
        media,
        [bytes],
        (b) => media.put(b),
        async ([stored]) => {
          await beforeSave();
          await repo.create({
            id,
            captureTokenHash: 'x',
            telemetry: {},
            media: [
              { role: 'video', sha256: stored!.sha256, mime: 'video/mp4', byteLength: bytes.length, probe: TEST_VIDEO_PROBE },
            ],
            checks: [],
          });
        },
      );
      return id;
    };
    return { retention, capture };
  };

  it('a capture that committed the bytes before the purge keeps them: the purge leaves the object', async () => {
    const { retention, capture } = setup();
    const bytes = Buffer.from(`clip ${randomUUID()}`);
    const old = await capture(bytes);
    let purged: boolean | undefined;
    // The new capture found the object already stored (created: false) and is about to save its case
    // when the old case's purge runs.
    const live = await capture(bytes, async () => {
      purged = await retention.purgeCase(old, new Date(), { type: 'system' }, 'retention');
    });
    expect(purged).toBe(true);
    const sha256 = (await createCaseRepository(store.db).mediaOf(live))[0]!.sha256;
    expect((await media.read(sha256)).equals(bytes)).toBe(true);
    // Once the live case goes too, the object goes.
    expect(await retention.purgeCase(live, new Date(), { type: 'system' }, 'retention')).toBe(true);
    expect(await media.exists(sha256)).toBe(false);
  });

  it('a capture committing the bytes while the purge deletes them waits, then stores them afresh', async () => {
    let deleting!: () => void;
    const deleteStarted = new Promise<void>((r) => (deleting = r));
    let finishDelete!: () => void;
    const gate = new Promise<void>((r) => (finishDelete = r));
    const { retention, capture } = setup((o) => ({
      ...o,
      async delete(sha256) {
        deleting();
        await gate;
        await o.delete(sha256);
      },
    }));
    const bytes = Buffer.from(`clip ${randomUUID()}`);
    const old = await capture(bytes);
    const purge = retention.purgeCase(old, new Date(), { type: 'system' }, 'retention');
    await deleteStarted;
    const live = capture(bytes);
    // The commit's claim waits on the index row the purge holds until its delete is done.
    expect(await stillPendingAfter(live, 300)).toBe('pending');
    finishDelete();
    expect(await purge).toBe(true);
    const sha256 = (await createCaseRepository(store.db).mediaOf(await live))[0]!.sha256;
    expect((await media.read(sha256)).equals(bytes)).toBe(true);
  });
});

/**
 * The MediaStore contract, run against both implementations: the disk store (DATA_DIR/media) and the
 * S3 store against an S3-compatible server that verifies SigV4 (@20minutes/s3rver). Index on PGlite.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCaseRepository } from '../cases/repository.js';
import { openStore, type Store } from '../db/client.js';
import { cases, mediaObjects } from '../db/schema.js';
import { TEST_VIDEO_PROBE } from '../test-support/media-probes.js';
import { startTestS3, type TestS3 } from '../test-support/s3-test-server.js';
import type { ObjectBackend } from './object-backend.js';
import { createDbMediaIndex } from './object-index.js';
import { createS3Objects } from './s3-objects.js';
import { createStaging } from './staging.js';
import { createDiskObjects } from './disk-objects.js';
import { createIndexedMediaStore, sha256Hex, type MediaStore } from './store.js';

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(() => s3?.stop());

const backends: Array<[string, (root: string) => ObjectBackend]> = [
  ['disk', (root) => createDiskObjects(root)],
  ['s3', () => createS3Objects(s3.settings)],
];

describe.each(backends)('MediaStore contract: %s', (kind, backendAt) => {
  let db: Store;
  let root: string;
  let objects: ObjectBackend;
  let media: MediaStore;
  beforeAll(async () => {
    db = await openStore({});
  });
  afterAll(() => db.close());
  const newMedia = async () => {
    root = await mkdtemp(path.join(os.tmpdir(), `contract-${kind}-`));
    objects = backendAt(root);
    media = createIndexedMediaStore(objects, createStaging(root), createDbMediaIndex(db.db));
    return media;
  };
  afterEach(async () => {
    // Each test stores bytes of its own (unique()), so objects left in the bucket meet no other test.
    await db.db.delete(cases);
    await db.db.delete(mediaObjects);
    await rm(root, { recursive: true, force: true });
  });
  const unique = (label: string) => Buffer.from(`${label} ${kind} ${Math.random()}`);
  const chunks = (...parts: Buffer[]) => Readable.from(parts);

  it('put stores bytes once under their sha256; size, exists and read find them', async () => {
    await newMedia();
    const bytes = unique('clip');
    expect(await media.put(bytes)).toEqual({ sha256: sha256Hex(bytes), created: true });
    expect(await media.put(bytes)).toEqual({ sha256: sha256Hex(bytes), created: false });
    expect(media.kind).toBe(kind);
    expect(await media.size(sha256Hex(bytes))).toBe(bytes.length);
    expect(await media.exists(sha256Hex(bytes))).toBe(true);
    expect((await media.read(sha256Hex(bytes))).equals(bytes)).toBe(true);
    const absent = sha256Hex(Buffer.from('never stored'));
    expect([await media.size(absent), await media.exists(absent)]).toEqual([undefined, false]);
    await expect(media.read(absent)).rejects.toThrow();
    await expect(media.stream(absent)).rejects.toThrow();
  });

  it('stages a stream, commits it (then the same bytes again: not created), and discards', async () => {
    await newMedia();
    const parts = [Buffer.from('hello '), unique('streamed')];
    const staged = await media.stage(chunks(...parts), { maxBytes: 1000 });
    expect((await media.readStaged(staged)).equals(Buffer.concat(parts))).toBe(true);
    expect(await media.exists(staged.sha256)).toBe(false); // not in the store before commit
    expect(await media.commit(staged)).toEqual({ sha256: staged.sha256, created: true });
    const again = await media.stage(chunks(Buffer.concat(parts)), { maxBytes: 1000 });
    expect(await media.commit(again)).toEqual({ sha256: staged.sha256, created: false });
    const dropped = await media.stage(chunks(unique('dropped')), { maxBytes: 1000 });
    await media.discard(dropped);
    expect(await media.exists(dropped.sha256)).toBe(false);
    expect(await media.removeLeftovers(new Date(Date.now() + 1000))).toMatchObject({ staged: 0 });
  });

  it('streams the whole object or an inclusive byte range', async () => {
    await newMedia();
    const bytes = Buffer.from(`0123456789abcdef ${kind} ${Math.random()}`);
    const { sha256 } = await media.put(bytes);
    expect(await text(await media.stream(sha256))).toBe(bytes.toString());
    expect(await text(await media.stream(sha256, { start: 2, end: 5 }))).toBe('2345');
    expect(await text(await media.stream(sha256, { start: bytes.length - 1, end: bytes.length - 1 }))).toBe(
      bytes.toString().at(-1),
    );
  });

  it('presigns a GET on S3 (signature checked by the store) and has none on disk', async () => {
    await newMedia();
    const bytes = unique('presigned');
    const { sha256 } = await media.put(bytes);
    const url = await media.presignedGet(sha256, 60, 'video/mp4');
    if (kind === 'disk') return expect(url).toBeUndefined();
    const answer = await fetch(url!);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);
    const tampered = new URL(url!);
    tampered.searchParams.set('X-Amz-Expires', '3600');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('removeIfUnused spares pinned and referenced objects; remove deletes regardless', async () => {
    await newMedia();
    const bytes = unique('shared');
    const { sha256 } = await media.put(bytes); // pinned until unpin: its rows are not saved yet
    expect(await media.removeIfUnused(sha256)).toBe(false);
    await createCaseRepository(db.db).create({
      id: `case-${sha256.slice(0, 8)}`,
      captureTokenHash: 'x',
      telemetry: {},
      media: [{ role: 'video', sha256, mime: 'video/mp4', byteLength: bytes.length, probe: TEST_VIDEO_PROBE }],
      checks: [],
    });
    await media.unpin(sha256);
    expect(await media.removeIfUnused(sha256)).toBe(false); // a case references it
    expect(await media.exists(sha256)).toBe(true);

    const loose = await media.put(unique('loose'));
    await media.unpin(loose.sha256);
    expect(await media.removeIfUnused(loose.sha256)).toBe(true);
    expect(await media.exists(loose.sha256)).toBe(false);

    await media.remove(sha256);
    expect(await media.exists(sha256)).toBe(false);
  });

  it('adopts objects stored before the index existed (disk: the only store older than its index) and removes orphans', async () => {
    await newMedia();
    if (!objects.list) return;
    // Written behind the index's back, as by a version without one.
    const old = await createIndexedMediaStore(objects, createStaging(root)).put(unique('old'));
    expect(await media.removeLeftovers(new Date(Date.now() + 1000))).toMatchObject({ adopted: 1, orphans: 1 });
    expect(await media.exists(old.sha256)).toBe(false);
  });

  it('refuses a key that is not a sha256', async () => {
    await newMedia();
    await expect(media.exists('../../etc/passwd')).rejects.toThrow('invalid media hash');
    await expect(media.read('a/../b')).rejects.toThrow('invalid media hash');
    await expect(media.presignedGet('x', 60)).rejects.toThrow('invalid media hash');
  });
});

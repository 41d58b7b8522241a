import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCaseRepository } from '../cases/repository.js';
import { openStore, type Store } from '../db/client.js';
import { mediaObjects } from '../db/schema.js';
import { TEST_VIDEO_PROBE } from '../test-support/media-probes.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { createDbMediaIndex } from './object-index.js';
import { MediaTooLargeError, createMediaStore, sha256Hex } from './store.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

let root = '';
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});
/** Where the disk store keeps an object (its layout is part of what these tests pin down). */
const fileOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
const newRoot = async () => (root = await mkdtemp(path.join(os.tmpdir(), 'media-')));
const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));
const stagingFiles = () => readdir(path.join(root, '.staging')).catch(() => []);

describe('media store', () => {
  it('stores bytes once under their sha256', async () => {
    const store = createMediaStore(await newRoot());
    const bytes = Buffer.from('hello clip');
    const first = await store.put(bytes);
    const second = await store.put(bytes);
    expect(first).toEqual({ sha256: sha256Hex(bytes), created: true });
    expect(second.created).toBe(false);
    expect(await readFile(fileOf(first.sha256), 'utf8')).toBe('hello clip');
    const dir = await readdir(path.dirname(fileOf(first.sha256)));
    expect(dir).toEqual([first.sha256]); // no temp files left behind
    expect(await stagingFiles()).toEqual([]);
  });

  it('refuses a path that is not a sha256', async () => {
    const store = createMediaStore('/tmp/x');
    await expect(store.exists('../../etc/passwd')).rejects.toThrow('invalid media hash');
    await expect(store.read('../../etc/passwd')).rejects.toThrow('invalid media hash');
  });

  it('stages a stream (mode 0600), hashing on the way, and commits it under its sha256', async () => {
    const store = createMediaStore(await newRoot());
    const staged = await store.stage(chunks('hello ', 'streamed ', 'clip'), { maxBytes: 100 });
    expect(staged).toMatchObject({ sha256: sha256Hex(Buffer.from('hello streamed clip')), byteLength: 19 });
    const [file] = await stagingFiles();
    expect((await stat(path.join(root, '.staging', file!))).mode & 0o777).toBe(0o600);
    expect((await store.readStaged(staged)).toString()).toBe('hello streamed clip');
    expect(await store.commit(staged)).toEqual({ sha256: staged.sha256, created: true });
    expect(await readFile(fileOf(staged.sha256), 'utf8')).toBe('hello streamed clip');
    expect(await stagingFiles()).toEqual([]);
    // The same bytes again: not created, and the staged copy is gone.
    const again = await store.stage(chunks('hello streamed clip'), { maxBytes: 100 });
    expect(await store.commit(again)).toEqual({ sha256: staged.sha256, created: false });
    expect(await stagingFiles()).toEqual([]);
  });

  it('refuses a stream past maxBytes and keeps nothing; discard removes a staged file', async () => {
    const store = createMediaStore(await newRoot());
    await expect(store.stage(chunks('12345', '67890', 'x'), { maxBytes: 10 })).rejects.toBeInstanceOf(MediaTooLargeError);
    expect(await stagingFiles()).toEqual([]);
    const staged = await store.stage(chunks('12345'), { maxBytes: 10 });
    await store.discard(staged);
    expect(await stagingFiles()).toEqual([]);
  });
});

describe.each(stores)('media store index on %s', (_name, open) => {
  let db: Store;
  afterEach(async () => db?.close());

  const rowOf = async (sha256: string) => (await db.db.select().from(mediaObjects).where(eq(mediaObjects.sha256, sha256)))[0];

  async function caseWith(sha256: string, byteLength: number): Promise<void> {
    const repo = createCaseRepository(db.db);
    await repo.create({
      id: `case-${sha256.slice(0, 8)}`,
      captureTokenHash: 'x',
      telemetry: {},
      media: [{ role: 'video', sha256, mime: 'video/mp4', byteLength, probe: TEST_VIDEO_PROBE }],
      checks: [],
    });
  }

  it('indexes every object before writing it, and forgets it with the file', async () => {
    db = await open();
    const store = createMediaStore(await newRoot(), createDbMediaIndex(db.db));
    const { sha256 } = await store.put(Buffer.from('indexed'));
    expect(await rowOf(sha256)).toMatchObject({ state: 'committed' });
    await store.remove(sha256);
    expect(await rowOf(sha256)).toBeUndefined();
    await expect(stat(fileOf(sha256))).rejects.toThrow();
  });

  it('removes what a crash left — staged files and objects no case references — and keeps referenced media', async () => {
    db = await open();
    const store = createMediaStore(await newRoot(), createDbMediaIndex(db.db));
    const kept = await store.put(Buffer.from('a clip with a case'));
    await caseWith(kept.sha256, 18);
    const orphan = await store.put(Buffer.from('stored, then the process died before its case'));
    await store.stage(chunks('half an upload'), { maxBytes: 100 });

    // While running, a grace period spares anything claimed recently (an upload in flight).
    expect(await store.removeLeftovers(new Date(Date.now() - 3600_000))).toMatchObject({ staged: 0, orphans: 0 });
    expect(await rowOf(orphan.sha256)).toBeDefined();

    expect(await store.removeLeftovers(new Date(Date.now() + 1000))).toMatchObject({ staged: 1, orphans: 1 });
    expect(await stagingFiles()).toEqual([]);
    await expect(stat(fileOf(orphan.sha256))).rejects.toThrow();
    expect(await rowOf(orphan.sha256)).toBeUndefined();
    expect(await readFile(fileOf(kept.sha256), 'utf8')).toBe('a clip with a case');
    expect(await rowOf(kept.sha256)).toBeDefined();
  });

  it('adopts files stored before the index existed, removing the unreferenced ones and old temp files', async () => {
    db = await open();
    await db.db.delete(mediaObjects); // an index that has never seen this store
    await newRoot();
    const write = async (content: string) => {
      const sha256 = sha256Hex(Buffer.from(content));
      await mkdir(path.join(root, sha256.slice(0, 2)), { recursive: true });
      await writeFile(path.join(root, sha256.slice(0, 2), sha256), content);
      return sha256;
    };
    const referenced = await write('an old clip with a case');
    const unreferenced = await write('an old clip without one');
    await writeFile(path.join(root, referenced.slice(0, 2), `${referenced}.0d3c1f.tmp`), 'half');
    await caseWith(referenced, 23);
    const store = createMediaStore(root, createDbMediaIndex(db.db));
    expect(await store.removeLeftovers(new Date(Date.now() + 1000))).toMatchObject({ adopted: 2, orphans: 1 });
    expect(await readdir(path.join(root, referenced.slice(0, 2)))).toEqual([referenced]);
    await expect(stat(fileOf(unreferenced))).rejects.toThrow();
    expect(await rowOf(referenced)).toMatchObject({ state: 'committed' });
  });
});

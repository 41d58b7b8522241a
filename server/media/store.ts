/**
 * Content-addressed media: each object is stored once under its sha256, on disk
 * (DATA_DIR/media/<aa>/<sha256>, the default) or in an S3 bucket (MEDIA_STORE=s3, ./s3-objects.ts).
 * Uploads stream into a local staging area, hashing on the way, and are committed only once every
 * check has passed; a crash never leaves a half-written clip under its final name. Every object is
 * recorded in the index (media_objects) before it is written, so leftovers are found by query.
 * No other module builds media paths or keys: callers read, stream, link and remove by sha256.
 *
 * Sharing by content means a purge can meet a capture that is committing the same bytes. Committing
 * pins the object (media_objects.pins, a lease renewed by claimed_at) until the rows naming it are
 * saved; `removeIfUnused` deletes only what no case references and nobody has pinned, under the
 * index row's lock, so a commit either sees the object gone and writes it afresh, or keeps it.
 */
import type { Readable } from 'node:stream';
import { createDiskObjects } from './disk-objects.js';
import { objectKey, type ByteRange, type ObjectBackend } from './object-backend.js';
import { createNullMediaIndex, type MediaIndex } from './object-index.js';
import { createStaging, type Staging, type StagedMedia } from './staging.js';

export { MediaTooLargeError, sha256Hex, type StagedMedia } from './staging.js';
export type { ByteRange } from './object-backend.js';

/** An object a request put in the store; `created` is false when the same bytes were already there. */
export interface StoredObject {
  sha256: string;
  created: boolean;
}

export interface LeftoverReport {
  staged: number;
  orphans: number;
  adopted: number;
}

export interface MediaStore {
  readonly kind: 'disk' | 's3';
  /**
   * Streams `source` into staging; rejects with MediaTooLargeError past `maxBytes`, or when `signal`
   * aborts (nothing is kept either way).
   */
  stage(source: Readable | AsyncIterable<Uint8Array>, opts: { maxBytes: number; signal?: AbortSignal }): Promise<StagedMedia>;
  /** A staged object's bytes (for the probe; callers bound how many they hold at once). */
  readStaged(staged: StagedMedia): Promise<Buffer>;
  /** Makes a staged object part of the store, pinned until `unpin`; `created` is false when the bytes were already stored. */
  commit(staged: StagedMedia): Promise<StoredObject>;
  discard(staged: StagedMedia): Promise<void>;
  /** Stores the bytes, pinned until `unpin`. */
  put(bytes: Uint8Array): Promise<StoredObject>;
  /** Ends a pin taken by commit/put: the rows naming the object are saved (or will not be). */
  unpin(sha256: string): Promise<void>;
  /** Size of a stored object; undefined when there is none. */
  size(sha256: string): Promise<number | undefined>;
  exists(sha256: string): Promise<boolean>;
  read(sha256: string): Promise<Buffer>;
  /** The object's bytes, or the inclusive `range` of them; rejects when there is no such object. */
  stream(sha256: string, range?: ByteRange): Promise<Readable>;
  /** A URL that GETs the object without credentials until it expires; undefined when the store cannot make one (disk). */
  presignedGet(sha256: string, ttlSeconds: number, contentType?: string): Promise<string | undefined>;
  /** Deletes the object and its index row, whoever uses it (tests, tools). */
  remove(sha256: string): Promise<void>;
  /** Deletes the object unless a case references it or a commit has it pinned; returns whether it did. */
  removeIfUnused(sha256: string): Promise<boolean>;
  /**
   * Removes what a crash or failure left: staged files last written before `before`, and indexed
   * objects no case references that were last claimed before `objectsBefore` (default `before`). Call
   * it at start, before listening, with `before` = now (nothing of this process is in flight), and
   * later with a grace period. Processes sharing one database: objects with the grace period always
   * (another process may be committing one), staging (each process's own DATA_DIR) with now at start.
   */
  removeLeftovers(before: Date, objectsBefore?: Date): Promise<LeftoverReport>;
}

/**
 * While running, leftovers are removed only once this old: far longer than any upload can take
 * (REQUEST_TIMEOUT_SECONDS ≤ 1 h) from staging to its case row, so one in flight is never touched.
 * Also the lease of a pin: a process that died holding one pins nothing after this.
 */
export const LEFTOVER_GRACE_MS = 2 * 3600_000;

/** The shared part of both stores: index, pins, staging and the leftover sweep around a backend. */
export function createIndexedMediaStore(
  objects: ObjectBackend,
  staging: Staging,
  index: MediaIndex = createNullMediaIndex(),
): MediaStore {
  async function commit(staged: StagedMedia): Promise<StoredObject> {
    const { sha256 } = staged;
    // Indexed (and pinned) first: a crash from here on leaves a row the leftover sweep finds. The
    // claim waits for a removal of the same object in flight, so what it sees next is settled.
    await index.claim(sha256);
    if ((await objects.size(sha256)) !== undefined) {
      await staging.discard(staged);
      return { sha256, created: false };
    }
    await objects.commitFrom(staging, staged);
    await index.markCommitted(sha256);
    return { sha256, created: true };
  }

  async function adoptUnindexed(): Promise<number> {
    const found: Array<{ sha256: string; claimedAt: Date }> = [];
    if (!objects.list) return 0;
    for await (const o of objects.list()) found.push({ sha256: o.sha256, claimedAt: o.lastModified });
    await index.adopt(found);
    return found.length;
  }

  return {
    kind: objects.kind,
    stage: (source, opts) => staging.stage(source, opts),
    readStaged: (staged) => staging.read(staged),
    commit,
    discard: (staged) => staging.discard(staged),
    async put(bytes) {
      const staged = await staging.write(bytes);
      try {
        return await commit(staged);
      } catch (err) {
        await staging.discard(staged);
        throw err;
      }
    },
    unpin: (sha256) => index.unpin(sha256),
    size: (sha256) => objects.size(sha256),
    exists: async (sha256) => (await objects.size(sha256)) !== undefined,
    read: (sha256) => objects.read(sha256),
    stream: (sha256, range) => objects.stream(sha256, range),
    async presignedGet(sha256, ttlSeconds, contentType) {
      objectKey(sha256); // refuses what is not a sha256 on every store
      return objects.presignedGet?.(sha256, ttlSeconds, contentType);
    },
    async remove(sha256) {
      await index.release(sha256, () => objects.delete(sha256));
    },
    removeIfUnused: (sha256) => index.release(sha256, () => objects.delete(sha256), { unused: true }),
    async removeLeftovers(stagedBefore, before = stagedBefore) {
      const report: LeftoverReport = { staged: await staging.sweep(stagedBefore), orphans: 0, adopted: 0 };
      // An empty index over a non-empty store: objects from before the index; record them first.
      if (await index.isEmpty()) report.adopted = await adoptUnindexed();
      for (;;) {
        const batch = await index.orphans(before, 200);
        let removed = 0;
        for (const sha256 of batch) {
          if (await index.release(sha256, () => objects.delete(sha256), { orphanClaimedBefore: before })) removed++;
        }
        report.orphans += removed;
        if (batch.length < 200 || removed === 0) break;
      }
      return report;
    },
  };
}

/** The disk store under `root` (DATA_DIR/media). */
export function createMediaStore(root: string, index?: MediaIndex): MediaStore {
  return createIndexedMediaStore(createDiskObjects(root), createStaging(root), index);
}

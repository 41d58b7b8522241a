/**
 * Content-addressed media on disk: DATA_DIR/media/<aa>/<sha256>. Uploads stream into a staging
 * area (DATA_DIR/media/.staging, mode 0600) hashing on the way, and are committed — renamed to
 * their final name — only once every check has passed; a crash never leaves a half-written clip
 * under its final name. Every object is recorded in the index (media_objects) before it is
 * written, so leftovers are found by query. The interface (stage/commit/discard/put/remove) is
 * what an object-store implementation (S3) would offer too; no other module builds media paths.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createNullMediaIndex, type MediaIndex } from './object-index.js';

/** An upload's bytes in the staging area: known size and hash, not yet part of the store. */
export interface StagedMedia {
  /** Opaque to callers. */
  readonly id: string;
  readonly sha256: string;
  readonly byteLength: number;
}

export interface LeftoverReport {
  staged: number;
  orphans: number;
  adopted: number;
}

export interface MediaStore {
  root: string;
  /**
   * Streams `source` into staging; rejects with MediaTooLargeError past `maxBytes`, or when `signal`
   * aborts (nothing is kept either way).
   */
  stage(source: Readable | AsyncIterable<Uint8Array>, opts: { maxBytes: number; signal?: AbortSignal }): Promise<StagedMedia>;
  /** A staged object's bytes (for the probe; callers bound how many they hold at once). */
  readStaged(staged: StagedMedia): Promise<Buffer>;
  /** Makes a staged object part of the store; `created` is false when the bytes were already stored. */
  commit(staged: StagedMedia): Promise<{ sha256: string; created: boolean }>;
  discard(staged: StagedMedia): Promise<void>;
  /** Stores the bytes; returns their sha256 and whether this call created the object. */
  put(bytes: Uint8Array): Promise<{ sha256: string; created: boolean }>;
  /** Absolute path of a stored file (does not check that it exists). */
  pathOf(sha256: string): string;
  remove(sha256: string): Promise<void>;
  /**
   * Removes what a crash or failure left: staged files last written before `before`, and indexed
   * objects no case references that were last claimed before `before`. Call it at start, before
   * listening, with `before` = now (nothing is in flight), and later with a grace period.
   */
  removeLeftovers(before: Date): Promise<LeftoverReport>;
}

export class MediaTooLargeError extends Error {
  override name = 'MediaTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

/**
 * While running, leftovers are removed only once this old: far longer than any upload can take
 * (REQUEST_TIMEOUT_SECONDS ≤ 1 h) from staging to its case row, so one in flight is never touched.
 */
export const LEFTOVER_GRACE_MS = 2 * 3600_000;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const STAGING_ID = /^[0-9a-f-]{36}$/;
const STAGING_DIR = '.staging';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Counts and hashes what passes through; errors past `maxBytes` without passing the excess on. */
function hashingLimiter(maxBytes: number) {
  const hash = createHash('sha256');
  let byteLength = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      byteLength += chunk.length;
      if (byteLength > maxBytes) return done(new MediaTooLargeError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { transform, result: () => ({ sha256: hash.digest('hex'), byteLength }) };
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

export function createMediaStore(root: string, index: MediaIndex = createNullMediaIndex()): MediaStore {
  const stagingRoot = path.join(root, STAGING_DIR);
  const pathOf = (sha256: string): string => {
    // The hash becomes a path: refuse anything that is not one, so no caller can escape root.
    if (!SHA256_HEX.test(sha256)) throw new Error('invalid media hash');
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  const stagedPath = (staged: StagedMedia): string => {
    if (!STAGING_ID.test(staged.id)) throw new Error('invalid staging id');
    return path.join(stagingRoot, staged.id);
  };

  async function newStagingFile(): Promise<{ id: string; file: string }> {
    await mkdir(stagingRoot, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    return { id, file: path.join(stagingRoot, id) };
  }

  async function commit(staged: StagedMedia): Promise<{ sha256: string; created: boolean }> {
    const { sha256 } = staged;
    const target = pathOf(sha256);
    // Indexed first: a crash from here on leaves a row the leftover sweep finds.
    await index.claim(sha256);
    if (await exists(target)) {
      await rm(stagedPath(staged), { force: true });
      return { sha256, created: false };
    }
    await mkdir(path.dirname(target), { recursive: true });
    await rename(stagedPath(staged), target);
    await index.markCommitted(sha256);
    return { sha256, created: true };
  }

  /** Files under <aa>/ with no index row: written before the index existed, or temp files of old versions. */
  async function adoptUnindexed(): Promise<number> {
    const found: Array<{ sha256: string; claimedAt: Date }> = [];
    for (const dir of await readdir(root, { withFileTypes: true })) {
      if (!dir.isDirectory() || !/^[0-9a-f]{2}$/.test(dir.name)) continue;
      for (const name of await readdir(path.join(root, dir.name))) {
        const file = path.join(root, dir.name, name);
        if (SHA256_HEX.test(name) && name.startsWith(dir.name)) {
          found.push({ sha256: name, claimedAt: (await stat(file)).mtime });
        } else if (name.endsWith('.tmp')) {
          await rm(file, { force: true });
        }
      }
    }
    await index.adopt(found);
    return found.length;
  }

  return {
    root,
    pathOf,
    async stage(source, { maxBytes, signal }) {
      const { id, file } = await newStagingFile();
      const limiter = hashingLimiter(maxBytes);
      try {
        signal?.throwIfAborted();
        await pipeline(source, limiter.transform, createWriteStream(file, { flags: 'wx', mode: 0o600 }), { signal });
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
      return { id, ...limiter.result() };
    },
    readStaged: (staged) => readFile(stagedPath(staged)),
    commit,
    async discard(staged) {
      await rm(stagedPath(staged), { force: true });
    },
    async put(bytes) {
      const { id, file } = await newStagingFile();
      await writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
      try {
        return await commit({ id, sha256: sha256Hex(bytes), byteLength: bytes.length });
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
    },
    async remove(sha256) {
      const target = pathOf(sha256);
      await index.release(sha256, () => rm(target, { force: true }));
    },
    async removeLeftovers(before) {
      const report: LeftoverReport = { staged: 0, orphans: 0, adopted: 0 };
      for (const name of await readdir(stagingRoot).catch(() => [] as string[])) {
        const file = path.join(stagingRoot, name);
        const mtime = await stat(file).then(
          (s) => s.mtime,
          () => undefined,
        );
        if (mtime && mtime < before) {
          await rm(file, { recursive: true, force: true });
          report.staged++;
        }
      }
      // An empty index over a non-empty store: objects from before the index; record them first.
      if (await index.isEmpty()) report.adopted = await adoptUnindexed();
      for (;;) {
        const batch = await index.orphans(before, 200);
        let removed = 0;
        for (const sha256 of batch) {
          if (await index.release(sha256, () => rm(pathOf(sha256), { force: true }), before)) removed++;
        }
        report.orphans += removed;
        if (batch.length < 200 || removed === 0) break;
      }
      return report;
    },
  };
}

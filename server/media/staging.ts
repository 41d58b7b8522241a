/**
 * The local staging area both media stores share (DATA_DIR/media/.staging, mode 0700, files 0600):
 * uploads stream in here, hashing on the way, and wait for every check before the store commits
 * them. Local even with S3: the probe reads the bytes, and a refused upload never reaches the bucket.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload's bytes in the staging area: known size and hash, not yet part of the store. */
export interface StagedMedia {
  /** Opaque to callers. */
  readonly id: string;
  readonly sha256: string;
  readonly byteLength: number;
}

export class MediaTooLargeError extends Error {
  override name = 'MediaTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const STAGING_ID = /^[0-9a-f-]{36}$/;
export const STAGING_DIR = '.staging';

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

export interface Staging {
  stage(source: Readable | AsyncIterable<Uint8Array>, opts: { maxBytes: number; signal?: AbortSignal }): Promise<StagedMedia>;
  /** Writes known bytes (put). */
  write(bytes: Uint8Array): Promise<StagedMedia>;
  read(staged: StagedMedia): Promise<Buffer>;
  open(staged: StagedMedia): Readable;
  /** The staged file's path, for the disk store's rename only. */
  fileOf(staged: StagedMedia): string;
  discard(staged: StagedMedia): Promise<void>;
  /** Removes staged files last written before `before`; returns how many. */
  sweep(before: Date): Promise<number>;
}

export function createStaging(mediaRoot: string): Staging {
  const stagingRoot = path.join(mediaRoot, STAGING_DIR);
  const fileOf = (staged: StagedMedia): string => {
    if (!STAGING_ID.test(staged.id)) throw new Error('invalid staging id');
    return path.join(stagingRoot, staged.id);
  };
  async function newFile(): Promise<{ id: string; file: string }> {
    await mkdir(stagingRoot, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    return { id, file: path.join(stagingRoot, id) };
  }
  return {
    fileOf,
    async stage(source, { maxBytes, signal }) {
      const { id, file } = await newFile();
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
    async write(bytes) {
      const { id, file } = await newFile();
      await writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
      return { id, sha256: sha256Hex(bytes), byteLength: bytes.length };
    },
    read: (staged) => readFile(fileOf(staged)),
    open: (staged) => createReadStream(fileOf(staged)),
    async discard(staged) {
      await rm(fileOf(staged), { force: true });
    },
    async sweep(before) {
      let removed = 0;
      for (const name of await readdir(stagingRoot).catch(() => [] as string[])) {
        const file = path.join(stagingRoot, name);
        const mtime = await stat(file).then(
          (s) => s.mtime,
          () => undefined,
        );
        if (mtime && mtime < before) {
          await rm(file, { recursive: true, force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

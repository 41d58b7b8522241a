/**
 * Content-addressed media on disk: DATA_DIR/media/<aa>/<sha256>. Writing the same bytes twice
 * stores them once; a write lands atomically (temp file + rename) so a crash never leaves a
 * half-written clip under its final name.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface MediaStore {
  root: string;
  /** Stores the bytes; returns their sha256 and whether this call created the file. */
  put(bytes: Uint8Array): Promise<{ sha256: string; created: boolean }>;
  /** Absolute path of a stored file (does not check that it exists). */
  pathOf(sha256: string): string;
  remove(sha256: string): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function createMediaStore(root: string): MediaStore {
  const pathOf = (sha256: string): string => {
    // The hash becomes a path: refuse anything that is not one, so no caller can escape root.
    if (!SHA256_HEX.test(sha256)) throw new Error('invalid media hash');
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  return {
    root,
    pathOf,
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const target = pathOf(sha256);
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (exists) return { sha256, created: false };
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomUUID()}.tmp`;
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, target);
      return { sha256, created: true };
    },
    async remove(sha256) {
      await rm(pathOf(sha256), { force: true });
    },
  };
}

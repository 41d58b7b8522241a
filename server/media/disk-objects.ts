/** Committed media as files: DATA_DIR/media/<aa>/<sha256>, renamed into place from staging (atomic). */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ObjectBackend } from './object-backend.js';
import { objectKey, shaOfKey } from './object-backend.js';

export function createDiskObjects(root: string): ObjectBackend {
  const fileOf = (sha256: string) => path.join(root, ...objectKey(sha256).split('/'));
  return {
    kind: 'disk',
    size: async (sha256) =>
      stat(fileOf(sha256)).then(
        (s) => s.size,
        () => undefined,
      ),
    async commitFrom(staging, staged) {
      const target = fileOf(staged.sha256);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(staging.fileOf(staged), target);
    },
    read: async (sha256) => readFile(fileOf(sha256)),
    async stream(sha256, range) {
      const file = fileOf(sha256);
      await stat(file); // a missing object rejects here, not later in the stream
      return createReadStream(file, range ? { start: range.start, end: range.end } : {});
    },
    async delete(sha256) {
      await rm(fileOf(sha256), { force: true });
    },
    async *list() {
      for (const dir of await readdir(root, { withFileTypes: true })) {
        if (!dir.isDirectory() || !/^[0-9a-f]{2}$/.test(dir.name)) continue;
        for (const name of await readdir(path.join(root, dir.name))) {
          const file = path.join(root, dir.name, name);
          const sha256 = shaOfKey(`${dir.name}/${name}`);
          if (sha256) yield { sha256, lastModified: (await stat(file)).mtime };
          // Temp files of old versions (written beside their final name, then renamed).
          else if (name.endsWith('.tmp')) await rm(file, { force: true });
        }
      }
    },
  };
}

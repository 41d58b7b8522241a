/**
 * An in-memory store (tests, benches) starts from a snapshot of a freshly migrated PGlite instead of
 * running initdb: initdb in wasm is most of an in-memory open (≈ 4× the cost of loading a snapshot),
 * and the API tests open one for nearly every server they start. The snapshot is made once per set of
 * migrations, PGlite version and settings, and kept under .cache/ so that every test worker reuses it.
 * It holds only what the migrations create: `prepare` (triggers, backfills) still runs on every open.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SNAPSHOT_DIR = path.join(repoRoot, '.cache', 'pglite-snapshots');

/** Names the snapshot after everything that shapes it, so a changed migration or PGlite makes a new one. */
export async function snapshotFile(migrationsFolder: string, conf: string[]): Promise<string> {
  const hash = createHash('sha256');
  const pglitePackage = path.join(repoRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  hash.update(await readFile(pglitePackage).catch(() => Buffer.from('unknown pglite')));
  hash.update(JSON.stringify(conf));
  const files = (await readdir(migrationsFolder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  for (const file of files.map((e) => path.join(e.parentPath, e.name)).sort()) {
    hash.update(path.relative(migrationsFolder, file));
    hash.update(await readFile(file));
  }
  return path.join(SNAPSHOT_DIR, `${hash.digest('hex').slice(0, 32)}.tar`);
}

/**
 * Opens a new in-memory PGlite with the migrations applied: from the snapshot when there is one, else
 * through initdb + `migrate`, then saving the snapshot for the next open (best effort: a read-only
 * checkout only loses the speed-up).
 */
export async function openMigratedMemoryPglite(
  create: (options: PGliteOptions) => Promise<PGlite>,
  migrate: (client: PGlite) => Promise<void>,
  options: { migrationsFolder: string; conf: string[] },
): Promise<PGlite> {
  const file = await snapshotFile(options.migrationsFolder, options.conf);
  const saved = await readFile(file).catch(() => undefined);
  if (saved) {
    try {
      const client = await create({ loadDataDir: new Blob([saved]), postgresqlconf: options.conf });
      await migrate(client); // nothing to do unless the snapshot is behind; cheap either way
      return client;
    } catch {
      await rm(file, { force: true }); // unreadable: make it again below
    }
  }
  const client = await create({ postgresqlconf: options.conf });
  await migrate(client);
  try {
    const dump = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
    await mkdir(SNAPSHOT_DIR, { recursive: true });
    // Written aside and renamed, so a worker opening at the same time never reads half a snapshot.
    const partial = `${file}.${process.pid}.${Date.now()}.partial`;
    await writeFile(partial, dump);
    await rename(partial, file);
  } catch {
    // no snapshot this time
  }
  return client;
}

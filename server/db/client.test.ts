/**
 * The embedded store's memory: PGlite's buffer pool is kept small, and a new data directory is
 * initialised in a child process, so initdb's wasm heaps (~500 MB) never enter the server process.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, rowsOf, type Store } from './client.js';

let dir: string;
let store: Store | undefined;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pglite-open-'));
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

it("opens a new data directory without initdb's heaps in this process, and with a 16 MB buffer pool", async () => {
  const externalBefore = process.memoryUsage().external;
  store = await openStore({ pgliteDir: path.join(dir, 'pglite') });
  // In-process, initdb left ~430 MB of wasm memory and buffers here (until a later GC, if ever returned).
  const addedMb = (process.memoryUsage().external - externalBefore) / 2 ** 20;
  expect(addedMb).toBeLessThan(250);
  expect(existsSync(path.join(dir, 'pglite', 'PG_VERSION'))).toBe(true);
  const [row] = rowsOf<{ shared_buffers: string }>(await store.db.execute(sql`show shared_buffers`));
  expect(row?.shared_buffers).toBe('16MB');
}, 120_000);

it('reopens the directory it created, with its data', async () => {
  await store?.db.execute(sql`create table if not exists reopen_probe (n int)`);
  await store?.db.execute(sql`insert into reopen_probe values (42)`);
  await store?.close();
  store = await openStore({ pgliteDir: path.join(dir, 'pglite') });
  const rows = rowsOf<{ n: number }>(await store.db.execute(sql`select n from reopen_probe`));
  expect(rows).toEqual([{ n: 42 }]);
}, 120_000);

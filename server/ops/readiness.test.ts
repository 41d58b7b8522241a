import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import type { MediaStore } from '../media/store.js';
import { createReadiness } from './readiness.js';

const media = {
  stage: async (source: Readable | AsyncIterable<Uint8Array>) => {
    for await (const chunk of source) void chunk;
    return { id: 'x', sha256: 'x', byteLength: 5 };
  },
  discard: async () => undefined,
} as Pick<MediaStore, 'stage' | 'discard'>;

const dbAnswering = (execute: () => Promise<unknown>) => ({ execute }) as unknown as Db;

describe('readiness', () => {
  it('fails the database and migrations parts, within its bound, when the database hangs', async () => {
    const readiness = createReadiness({ db: dbAnswering(() => new Promise(() => {})), media, timeoutMs: 50, latestMigration: 1 });
    const started = Date.now();
    const result = await readiness.check();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ ready: false, failed: ['database', 'migrations'], checks: { media: 'ok' } });
  });

  it('is ready when every part is, and not ready any more once draining', async () => {
    const readiness = createReadiness({ db: dbAnswering(async () => ({ rows: [{ latest: '5' }] })), media, latestMigration: 5 });
    expect(await readiness.check()).toMatchObject({ ready: true, failed: [] });
    readiness.drain();
    expect(await readiness.check()).toMatchObject({ ready: false, draining: true, failed: [] });
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeCreated, storeThenSave } from './store-then-save.js';
import { createMediaStore } from './store.js';

let root = '';
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});
const newStore = async () => createMediaStore((root = await mkdtemp(path.join(os.tmpdir(), 'store-then-save-'))));

describe('storeThenSave', () => {
  it('stores every item, then saves rows naming them', async () => {
    const media = await newStore();
    const { saved, stored } = await storeThenSave(
      media,
      ['a', 'b'],
      (s) => media.put(Buffer.from(s)),
      async (objects) => objects.map((o) => `${o.item}:${o.sha256.slice(0, 4)}`),
    );
    expect(saved).toHaveLength(2);
    expect(stored.every((s) => s.created)).toBe(true);
    for (const s of stored) expect(await media.exists(s.sha256)).toBe(true);
  });

  it('when saving fails, removes the objects it created but not bytes that were already stored', async () => {
    const media = await newStore();
    const shared = await media.put(Buffer.from('shared'));
    const failure = new Error('insert failed');
    let created = '';
    await expect(
      storeThenSave(
        media,
        ['shared', 'own'],
        (s) => media.put(Buffer.from(s)),
        async (objects) => {
          created = objects[1]!.sha256;
          throw failure;
        },
      ),
    ).rejects.toBe(failure);
    expect(await media.exists(shared.sha256)).toBe(true);
    expect(await media.exists(created)).toBe(false);
  });

  it('when storing fails part-way, removes what it had created', async () => {
    const media = await newStore();
    let first = '';
    await expect(
      storeThenSave(
        media,
        ['one', 'two'],
        async (s) => {
          if (s === 'two') throw new Error('disk full');
          const put = await media.put(Buffer.from(s));
          first = put.sha256;
          return put;
        },
        async () => 'saved',
      ),
    ).rejects.toThrow('disk full');
    expect(await media.exists(first)).toBe(false);
  });
});

describe('removeCreated', () => {
  it('keeps the objects named in keep', async () => {
    const media = await newStore();
    const a = await media.put(Buffer.from('a'));
    const b = await media.put(Buffer.from('b'));
    await removeCreated(media, [a, b], new Set([a.sha256]));
    expect([await media.exists(a.sha256), await media.exists(b.sha256)]).toEqual([true, false]);
  });
});

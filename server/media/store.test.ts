import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaStore, sha256Hex } from './store.js';

describe('media store', () => {
  let root = '';
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('stores bytes once under their sha256', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'media-'));
    const store = createMediaStore(root);
    const bytes = Buffer.from('hello clip');
    const first = await store.put(bytes);
    const second = await store.put(bytes);
    expect(first).toEqual({ sha256: sha256Hex(bytes), created: true });
    expect(second.created).toBe(false);
    expect(await readFile(store.pathOf(first.sha256), 'utf8')).toBe('hello clip');
    const dir = await readdir(path.dirname(store.pathOf(first.sha256)));
    expect(dir).toEqual([first.sha256]); // no temp files left behind
  });

  it('refuses a path that is not a sha256', () => {
    const store = createMediaStore('/tmp/x');
    expect(() => store.pathOf('../../etc/passwd')).toThrow('invalid media hash');
  });
});

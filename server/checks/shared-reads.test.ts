import { describe, expect, it, vi } from 'vitest';
import { createSharedReads } from './shared-reads.js';

describe('createSharedReads', () => {
  it('reads a file once for the checks that hold it together, and drops it when the last lets go', async () => {
    const read = vi.fn(async (sha: string) => new Uint8Array([sha.length]));
    const reads = createSharedReads(read);
    const [a, b] = await Promise.all([reads.acquire('aa'), reads.acquire('aa')]);
    expect(read).toHaveBeenCalledTimes(1);
    expect(a.bytes).toBe(b.bytes);
    a.release();
    a.release(); // idempotent: b still holds it
    expect(reads.held).toBe(1);
    b.release();
    expect(reads.held).toBe(0);
    await reads.acquire('aa');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed read: the next check reads again', async () => {
    const read = vi
      .fn()
      .mockRejectedValueOnce(new Error('gone'))
      .mockResolvedValue(new Uint8Array([1]));
    const reads = createSharedReads(read);
    await expect(reads.acquire('bb')).rejects.toThrow('gone');
    expect(reads.held).toBe(0);
    expect((await reads.acquire('bb')).bytes).toEqual(new Uint8Array([1]));
  });
});

import { describe, expect, it } from 'vitest';
import { oversizedRaw, readBoundedText } from './read-body.js';

/** A body delivered in `chunk`-byte pieces, counting how many bytes were pulled from it. */
function chunked(totalBytes: number, chunk: number, pulled = { bytes: 0 }): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= totalBytes) return controller.close();
      const size = Math.min(chunk, totalBytes - pulled.bytes);
      pulled.bytes += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
}

describe('readBoundedText', () => {
  it('reads an answer up to the cap whole, as response.text() would (UTF-8, BOM dropped)', async () => {
    expect(await readBoundedText(new Response('\uFEFF{"ok":"é"}'))).toEqual({ complete: true, text: '{"ok":"é"}' });
    expect(await readBoundedText(new Response(null, { status: 204 }))).toEqual({ complete: true, text: '' });
    expect(await readBoundedText(new Response(chunked(1000, 100)), 1000)).toEqual({ complete: true, text: 'a'.repeat(1000) });
  });

  it('stops one chunk past the cap and keeps only the head', async () => {
    const pulled = { bytes: 0 };
    const body = await readBoundedText(new Response(chunked(30 * 1024 * 1024, 64 * 1024, pulled)), 256 * 1024);
    expect(body).toEqual({ complete: false, head: 'a'.repeat(2048), limitBytes: 256 * 1024 });
    expect(pulled.bytes).toBeLessThan(512 * 1024);
  });

  it('does not read an answer whose Content-Length is over the cap', async () => {
    const pulled = { bytes: 0 };
    const response = new Response(chunked(10_000, 1000, pulled), { headers: { 'content-length': '10000' } });
    expect(await readBoundedText(response, 5000)).toEqual({ complete: false, head: '', limitBytes: 5000 });
    expect(pulled.bytes).toBeLessThanOrEqual(1000);
  });

  it('marks what it kept of an oversized answer', () => {
    expect(oversizedRaw('<html>', 256 * 1024)).toBe('<html>… [truncated: the answer was over 256 KB]');
    expect(oversizedRaw('', 256 * 1024)).toBe('[not read: the answer declared more than 256 KB]');
  });
});

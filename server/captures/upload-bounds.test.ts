/**
 * POST /api/captures under hostile bodies: bounded memory, a minimum rate, refusals at the part
 * header or before the body, an answer even for clients that write everything before reading,
 * and nothing left in the staging area afterwards.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  metaJson,
  metaPart,
  multipartBody,
  partHead,
  postMultipart,
  sendStreamed,
  writeAllThenRead,
} from '../test-support/raw-upload.js';
import { spawnTestServer, type ServerProcess } from '../test-support/server-process.js';
import { sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';

const MB = 1024 * 1024;
let t: TestServer;
let clip: Buffer;
beforeAll(async () => {
  t = await startTestServer();
  clip = await readFile(sharedFixture('face_640x480.mp4'));
}, 60_000);
afterAll(async () => t?.close());

/** Files under DATA_DIR/media, once the server has had a moment to clean up. */
async function mediaFilesSettled(server: TestServer = t): Promise<string[]> {
  for (let i = 0; i < 50; i++) {
    const files = await server.mediaFiles();
    if (files.length === 0) return files;
    await new Promise((r) => setTimeout(r, 100));
  }
  return server.mediaFiles();
}

describe('the server bounds', () => {
  it('sets a request timeout and a connection timeout (Fastify leaves both at 0, never)', () => {
    expect(t.server.app.server.requestTimeout).toBe(600_000);
    expect(t.server.app.server.timeout).toBe(120_000);
  });
});

/**
 * Sends `n` uploads of one `part`-byte file that never finish, and reports how the server's
 * memory grew: RSS (peak, sampled) and the ArrayBuffers it holds (exact: RSS after a collection
 * still counts freed pages that new buffers can reuse unseen).
 */
async function heldBackUploads(server: ServerProcess, n: number, part: number): Promise<{ rssMb: number; buffersMb: number }> {
  const controllers = Array.from({ length: n }, () => new AbortController());
  let allWritten = 0;
  await server.collectGarbage(); // the start's garbage would otherwise be freed during the test and hide growth
  const idle = await server.memory();
  let peak = await server.rss();
  const sampler = setInterval(
    () =>
      void server.rss().then(
        (rss) => (peak = Math.max(peak, rss)),
        () => {},
      ),
    50,
  );
  const uploads = controllers.map((c) =>
    sendStreamed(server.baseUrl, {
      head: Buffer.concat([metaPart(), partHead({ name: 'video', filename: 'clip.mp4', type: 'video/mp4' })]),
      filler: part,
      holdBack: 1024,
      signal: c.signal,
      onAllWritten: () => allWritten++,
    }).catch(() => undefined),
  );
  try {
    await expect.poll(() => allWritten, { timeout: 60_000, interval: 100 }).toBe(n);
    // Let the server read what is still in the sockets' buffers.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await server.memory();
    return { rssMb: (Math.max(peak, now.rss) - idle.rss) / MB, buffersMb: (now.arrayBuffers - idle.arrayBuffers) / MB };
  } finally {
    clearInterval(sampler);
    controllers.forEach((c) => c.abort());
    await Promise.all(uploads);
  }
}

describe('memory: uploads stream to disk', () => {
  it("12 concurrent 19.9 MB uploads that hold back their last KB grow the server's memory by far less than their size", async () => {
    const server = await spawnTestServer(); // its own process: its memory is the server's alone
    const staging = path.join(server.dataDir, 'media', '.staging');
    try {
      const grown = await heldBackUploads(server, 12, Math.round(19.9 * MB));
      // 12 × 19.9 MB = 239 MB would sit in memory if parts were buffered.
      expect(grown.buffersMb, `ArrayBuffers grew ${grown.buffersMb.toFixed(0)} MB`).toBeLessThan(32);
      // RSS also holds what the collector has not returned yet: 65 MB was seen on Node 24 with other test workers
      // running; the ArrayBuffers bound above is the sharp one.
      expect(grown.rssMb, `RSS grew ${grown.rssMb.toFixed(0)} MB`).toBeLessThan(96);
      // Aborted uploads leave nothing behind.
      await expect.poll(() => readdir(staging), { timeout: 5000 }).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 120_000);
});

describe('refusals come early and the answer arrives', () => {
  it('refuses a file for a provider that was not chosen when its part header arrives, before its body is sent', async () => {
    const res = await sendStreamed(t.baseUrl, {
      head: Buffer.concat([
        metaPart({ providers: ['tencent'] }),
        partHead({ name: 'video.glair', filename: 'g.mp4', type: 'video/mp4' }),
      ]),
      filler: 20 * MB,
      // ~6 MB/s: the whole body would take over 3 s.
      chunk: 64 * 1024,
      pauseMs: 10,
    });
    expect(res.status).toBe(400);
    expect(res.body?.code).toBe('unexpected_field');
    expect(res.writtenAtAnswer).toBeLessThan(4 * MB);
    expect(await mediaFilesSettled()).toEqual([]);
  }, 30_000);

  it('answers a client that writes its whole body before reading (the rest is read and discarded)', async () => {
    const body = multipartBody([
      { name: 'meta', body: metaJson() },
      { name: 'evil', filename: 'x.bin', type: 'application/octet-stream', body: Buffer.alloc(64 * 1024, 1) },
      { name: 'video', filename: 'clip.mp4', type: 'video/mp4', body: Buffer.alloc(8 * MB, 2) },
    ]);
    const res = await writeAllThenRead(t.baseUrl, body, 15_000);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'unexpected_field' });
    expect(await mediaFilesSettled()).toEqual([]);
  }, 30_000);

  it('answers a file over its cap with 413 to a client that writes its whole body before reading', async () => {
    const small = await startTestServer({ MAX_UPLOAD_BYTES: String(MB) });
    try {
      const body = multipartBody([
        { name: 'meta', body: metaJson() },
        { name: 'video', filename: 'clip.mp4', type: 'video/mp4', body: Buffer.alloc(3 * MB, 2) },
      ]);
      const res = await writeAllThenRead(small.baseUrl, body, 15_000);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.text)).toMatchObject({ code: 'file_too_large' });
      expect(await mediaFilesSettled(small)).toEqual([]);
    } finally {
      await small.close();
    }
  }, 60_000);

  it('refuses a Content-Length over what any provider set can take before reading the body, and closes', async () => {
    const started = performance.now();
    let closedAfterMs = Number.NaN;
    const res = await sendStreamed(t.baseUrl, {
      head: metaPart(),
      filler: 256 * MB, // sent as fast as the server takes it
      contentLength: 10 * 1024 * MB,
      keepWritingAfterAnswer: true,
      onClose: () => (closedAfterMs = performance.now() - started),
    });
    expect(res.status).toBe(413);
    expect(res.body?.code).toBe('request_too_large');
    expect(res.answeredAfterMs).toBeLessThan(1000);
    // A little more is read and discarded so the answer is not lost under a reset; then it closes.
    expect(res.written).toBeLessThan(128 * MB);
    expect(closedAfterMs).toBeLessThan(5000);
    expect(await mediaFilesSettled()).toEqual([]);
  });

  it('refuses a field while an earlier file is still being stored, and keeps none of it', async () => {
    const body = multipartBody([
      { name: 'meta', body: metaJson() },
      { name: 'video', filename: 'clip.mp4', type: 'video/mp4', body: Buffer.alloc(5 * MB, 3) },
      { name: 'video.glair', filename: 'g.mp4', type: 'video/mp4', body: Buffer.alloc(MB, 4) },
    ]);
    const res = await postMultipart(t.baseUrl, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('unexpected_field');
    expect(await mediaFilesSettled()).toEqual([]);
  });

  it('refuses a body past the request cap even when no part is refused (here: a 200 MB preamble, sent chunked)', async () => {
    const small = await startTestServer({ MAX_UPLOAD_BYTES: String(MB) });
    try {
      const res = await sendStreamed(small.baseUrl, {
        head: Buffer.from('preamble '),
        filler: 200 * MB,
        contentLength: 'chunked',
      });
      expect(res.status).toBe(413);
      expect(res.body?.code).toBe('request_too_large');
      expect(res.writtenAtAnswer).toBeLessThan(64 * MB);
    } finally {
      await small.close();
    }
  }, 60_000);

  it('refuses a file sent before meta with 400 meta_not_first', async () => {
    const body = multipartBody([
      { name: 'video', filename: 'clip.mp4', type: 'video/mp4', body: clip },
      { name: 'meta', body: metaJson() },
    ]);
    const res = await postMultipart(t.baseUrl, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('meta_not_first');
    expect(await mediaFilesSettled()).toEqual([]);
  });
});

describe('a minimum body rate', () => {
  it('closes an upload that trickles slower than UPLOAD_MIN_BYTES_PER_SECOND', async () => {
    const slow = await startTestServer({ UPLOAD_MIN_BYTES_PER_SECOND: '1000', UPLOAD_RATE_WINDOW_SECONDS: '1' });
    try {
      const started = performance.now();
      const res = await sendStreamed(slow.baseUrl, {
        head: Buffer.concat([metaPart(), partHead({ name: 'video', filename: 'clip.mp4', type: 'video/mp4' })]),
        filler: 100_000,
        chunk: 20,
        pauseMs: 100, // 200 bytes/s: the whole body would take over 8 minutes
      });
      const seconds = (performance.now() - started) / 1000;
      expect(res.status === 408 || res.cutOff).toBe(true);
      if (res.status !== undefined) expect(res.body?.code).toBe('upload_too_slow');
      expect(seconds).toBeLessThan(4);
      expect(await mediaFilesSettled(slow)).toEqual([]);
    } finally {
      await slow.close();
    }
  }, 60_000);
});

/**
 * Admission of new captures before their body is read: 503 `storage_full` when the media volume
 * would drop below MIN_FREE_DISK_MB (free space stubbed), 503 `busy` + Retry-After while the
 * vendor-check or screening backlog is at its depth (MAX_PENDING_CHECKS / MAX_PENDING_SCREENINGS).
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../db/client.js';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';
import { BUSY_RETRY_AFTER_S, createCaptureAdmission } from './admission.js';

const MB = 1024 * 1024;
let clip: Buffer;
let store: Store; // one database for every server below (each has its own media directory)
beforeAll(async () => {
  clip = await readFile(sharedFixture('face_640x480.mp4'));
  store = await openStore({});
}, 60_000);
afterAll(async () => store?.close());

/** A server whose media volume reports `freeBytes` free. */
const withFreeSpace = (freeBytes: number, env: Record<string, string> = {}) =>
  startTestServer({ LOCAL_SCREENING: 'off', ...env }, { store, statfs: async () => ({ bavail: freeBytes / 4096, bsize: 4096 }) });

describe('disk-space guard', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await withFreeSpace(100 * MB); // default MIN_FREE_DISK_MB is 512
  }, 60_000);
  afterAll(async () => t?.close());

  it('refuses an upload with 503 storage_full when free space is below MIN_FREE_DISK_MB, storing nothing', async () => {
    const res = await postCapture(t.baseUrl, clip);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      code: 'storage_full',
      message: expect.stringMatching(/no room to store your video.*Nothing was saved/),
    });
    expect(await t.mediaFiles()).toEqual([]);
  });

  it('answers before reading the body', async () => {
    const url = new URL('/api/captures', t.baseUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(20 * MB) },
      });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('--x\r\n'); // and never the rest of the 20 MB
    });
    expect(status).toBe(503);
  });

  it("counts the upload's own size on top of the threshold", async () => {
    const tight = await withFreeSpace(1 * MB + clip.length - 1, { MIN_FREE_DISK_MB: '1' }); // a byte short
    const roomy = await withFreeSpace(1 * MB + 2 * clip.length, { MIN_FREE_DISK_MB: '1' });
    try {
      expect((await postCapture(tight.baseUrl, clip)).body.code).toBe('storage_full');
      expect((await postCapture(roomy.baseUrl, clip)).status).toBe(202);
      await roomy.server.runner.idle();
    } finally {
      await tight.close();
      await roomy.close();
    }
  });
});

describe('free-space reading', () => {
  const log = { warn: vi.fn() } as unknown as FastifyBaseLogger;
  const request = (contentLength?: number) =>
    ({
      headers: contentLength === undefined ? {} : { 'content-length': String(contentLength) },
      log: { warn: vi.fn() },
    }) as unknown as FastifyRequest;
  const reply = { header: vi.fn() } as unknown as FastifyReply;

  it('asks the file system at most once per 2 s, and lets uploads through when it cannot answer', async () => {
    let clock = 0;
    const statfs = vi.fn(async () => ({ bavail: 1000, bsize: 1 }));
    const admit = createCaptureAdmission({
      mediaDir: '/media',
      minFreeBytes: 500,
      maxUploadBytes: 100,
      maxPendingChecks: 10,
      maxPendingScreenings: 10,
      checkBacklog: () => 0,
      screeningBacklog: () => 0,
      log,
      statfs,
      now: () => clock,
    });
    const run = (contentLength?: number) =>
      (admit as unknown as (r: FastifyRequest, p: FastifyReply) => Promise<void>)(request(contentLength), reply);
    await expect(run(500)).resolves.toBeUndefined();
    await expect(run(501)).rejects.toMatchObject({ statusCode: 503, code: 'storage_full' });
    await expect(run()).resolves.toBeUndefined(); // no Content-Length: MAX_UPLOAD_BYTES (100) assumed
    expect(statfs).toHaveBeenCalledTimes(1);
    clock = 2_000;
    statfs.mockRejectedValueOnce(new Error('EIO'));
    await expect(run(10_000)).resolves.toBeUndefined();
    expect(statfs).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenCalledOnce();
  });
});

describe('admission control', () => {
  it('answers 503 busy with Retry-After while MAX_PENDING_CHECKS checks are pending', async () => {
    const t = await startTestServer({ LOCAL_SCREENING: 'off', MAX_PENDING_CHECKS: '1', SIMULATOR_CONTROL: 'open' }, { store });
    try {
      await fetch(`${t.baseUrl}/sim/tencent/_control/next`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome: 'real', delayMs: 3000 }),
      });
      expect((await postCapture(t.baseUrl, clip)).status).toBe(202);
      expect(t.server.runner.backlog()).toBe(1);
      const busy = await fetch(`${t.baseUrl}/api/captures`, { method: 'POST', body: new FormData() });
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe(String(BUSY_RETRY_AFTER_S));
      expect(await busy.json()).toMatchObject({ code: 'busy', message: expect.stringMatching(/busy/) });
      await t.server.runner.idle();
      expect((await postCapture(t.baseUrl, clip)).status).toBe(202);
      await t.server.runner.idle();
    } finally {
      await t.close();
    }
  }, 60_000);

  it('answers 503 busy while MAX_PENDING_SCREENINGS captures wait for the local screening', async () => {
    const t = await startTestServer({ MAX_PENDING_SCREENINGS: '1' }, { store });
    try {
      expect((await postCapture(t.baseUrl, clip)).status).toBe(202);
      expect(t.server.integrity?.backlog()).toBe(1);
      const busy = await postCapture(t.baseUrl, clip);
      expect(busy).toMatchObject({ status: 503, body: { code: 'busy' } });
      await t.server.runner.idle();
      await t.server.integrity?.idle();
      expect((await postCapture(t.baseUrl, clip)).status).toBe(202);
      await t.server.runner.idle();
      await t.server.integrity?.idle();
    } finally {
      await t.close();
    }
  }, 120_000);
});

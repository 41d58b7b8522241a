import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendThread, type SendThread } from './send-thread.js';

interface Arrival {
  at: number;
  method: string;
  url: string;
  contentType: string;
  bodyBytes: number;
  bodyHead: string;
}

/**
 * The vendor, in a thread of its own: it must stamp arrivals while this thread is blocked on purpose. It answers
 * `/big` with 64 KiB, `/status/<n>` with that status, anything else with a small JSON echo.
 */
function startVendorThread(): Promise<{ url: string; arrivals: Arrival[]; stop(): Promise<number> }> {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const http = require('node:http');
    const server = http.createServer((req, res) => {
      const at = performance.timeOrigin + performance.now();
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        parentPort.postMessage({ at, method: req.method, url: req.url, contentType: req.headers['content-type'] ?? '',
          bodyBytes: body.length, bodyHead: body.subarray(0, 200).toString() });
        if (req.url === '/big') return res.end(Buffer.alloc(64 * 1024, 97));
        const status = /^\\/status\\/(\\d+)/.exec(req.url);
        res.writeHead(status ? Number(status[1]) : 200, { 'content-type': 'application/json', 'x-vendor': 'yes' });
        res.end(status && ['204', '304'].includes(status[1]) ? undefined : JSON.stringify({ ok: true, bytes: body.length }));
      });
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  `;
  const worker = new Worker(source, { eval: true });
  const arrivals: Arrival[] = [];
  return new Promise((resolve) => {
    worker.on('message', (message: Arrival | { port: number }) => {
      if ('port' in message) resolve({ url: `http://127.0.0.1:${message.port}`, arrivals, stop: () => worker.terminate() });
      else arrivals.push(message);
    });
  });
}

const blockFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('send thread', () => {
  let vendor: Awaited<ReturnType<typeof startVendorThread>>;
  let thread: SendThread;

  beforeAll(async () => {
    vendor = await startVendorThread();
    thread = createSendThread({ maxAnswerBytes: 1000 });
    // Warm: the thread starts and its connection pool opens once.
    await (
      await thread.send(await thread.prepare(`${vendor.url}/warm`, {}), {})
    ).response;
  });

  afterAll(async () => {
    await thread.close();
    await vendor.stop();
  });

  it('sends at its slot even while this thread is blocked past it', async () => {
    const request = await thread.prepare(`${vendor.url}/slot`, { method: 'POST', body: 'x'.repeat(1_400_000) });
    const sendAt = performance.now() + 80;
    const send = thread.send(request, { sendAt, sendBy: sendAt + 30 });
    blockFor(300); // the main thread's ingest stalls: the send must not wait for it
    expect(await send.sent).toBe(true);
    const response = await send.response;
    expect(response.status).toBe(200);
    expect(response.headers.get('x-vendor')).toBe('yes');
    expect(await response.json()).toEqual({ ok: true, bytes: 1_400_000 });
    await waitFor(() => vendor.arrivals.some((a) => a.url === '/slot'));
    const arrival = vendor.arrivals.find((a) => a.url === '/slot')!;
    const slotWall = performance.timeOrigin + sendAt;
    expect(arrival.at).toBeGreaterThanOrEqual(slotWall - 2);
    expect(arrival.at).toBeLessThan(slotWall + 150); // well before the block ended (slot + 220 ms)
  });

  it('sends nothing when the slot is already over, and says so', async () => {
    const request = await thread.prepare(`${vendor.url}/late`, { method: 'POST', body: 'late' });
    const send = thread.send(request, { sendAt: performance.now() - 100, sendBy: performance.now() - 50 });
    expect(await send.sent).toBe(false);
    await expect(send.response).rejects.toThrow(/missed/);
    // The same prepared request goes out with the next slot.
    const retry = thread.send(request, { sendBy: performance.now() + 1000 });
    expect(await retry.sent).toBe(true);
    expect((await retry.response).status).toBe(200);
    await waitFor(() => vendor.arrivals.some((a) => a.url === '/late'));
    expect(vendor.arrivals.filter((a) => a.url === '/late')).toHaveLength(1);
  });

  it('sends multipart bodies with their boundary and answers statuses without a body', async () => {
    const form = new FormData();
    form.set('video', new Blob([Buffer.from('clip-bytes')], { type: 'video/mp4' }), 'clip.mp4');
    const send = thread.send(await thread.prepare(`${vendor.url}/status/204`, { method: 'POST', body: form }), {});
    const response = await send.response;
    expect(response.status).toBe(204);
    await waitFor(() => vendor.arrivals.some((a) => a.url === '/status/204'));
    const arrival = vendor.arrivals.find((a) => a.url === '/status/204')!;
    expect(arrival.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(arrival.bodyHead).toContain('clip-bytes');
  });

  it('sends a byte view as exactly its own bytes (not the buffer around it), typed as the caller said', async () => {
    const around = Buffer.alloc(10_000, 120);
    around.write('view-start', 3_000);
    const view = around.subarray(3_000, 7_000);
    const request = await thread.prepare(`${vendor.url}/view`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: view,
    });
    const response = await thread.send(request, {}).response;
    expect(await response.json()).toEqual({ ok: true, bytes: 4_000 });
    await waitFor(() => vendor.arrivals.some((a) => a.url === '/view'));
    const arrival = vendor.arrivals.find((a) => a.url === '/view')!;
    expect(arrival.contentType).toBe('application/octet-stream');
    expect(arrival.bodyHead.startsWith('view-start')).toBe(true);
  });

  it('reads an answer only up to its bound (one byte over: the caller sees it is oversized)', async () => {
    const response = await thread.send(await thread.prepare(`${vendor.url}/big`, {}), {}).response;
    expect((await response.arrayBuffer()).byteLength).toBe(1001);
  });

  it('rejects as fetch does when the vendor cannot be reached, with the cause the adapters report', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const send = thread.send(await thread.prepare(`http://127.0.0.1:${closed}/unreachable`, {}), {});
    const error = (await send.response.catch((e: unknown) => e)) as TypeError & { cause?: { code?: string } };
    expect(error).toBeInstanceOf(TypeError);
    expect(error.cause?.code).toBe('ECONNREFUSED');
  });

  it('an abort before the slot sends nothing and rejects with the caller’s reason', async () => {
    const controller = new AbortController();
    const request = await thread.prepare(`${vendor.url}/aborted`, { signal: controller.signal });
    const send = thread.send(request, { sendAt: performance.now() + 100 });
    controller.abort(new Error('check cancelled'));
    await expect(send.sent).rejects.toThrow('check cancelled');
    await expect(send.response).rejects.toThrow('check cancelled');
    await new Promise((r) => setTimeout(r, 200));
    expect(vendor.arrivals.some((a) => a.url === '/aborted')).toBe(false);
  });

  it('a closed thread fails what is waiting and starts again for the next send', async () => {
    const waiting = thread.send(await thread.prepare(`${vendor.url}/closed`, {}), { sendAt: performance.now() + 5000 });
    await thread.close();
    await expect(waiting.response).rejects.toThrow(/closed/);
    const again = thread.send(await thread.prepare(`${vendor.url}/again`, {}), {});
    expect((await again.response).status).toBe(200);
    await waitFor(() => vendor.arrivals.some((a) => a.url === '/again'));
    expect(vendor.arrivals.some((a) => a.url === '/closed')).toBe(false);
  });
});

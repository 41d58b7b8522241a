import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorFetch } from './vendor-fetch.js';

interface Seen {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  remotePort: number;
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];
let holdBody: (() => void) | undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, headers: req.headers, body: Buffer.concat(chunks), remotePort: req.socket.remotePort! });
      if (req.url === '/redirect') res.writeHead(302, { location: '/elsewhere' }).end();
      else if (req.url === '/empty') res.writeHead(204).end();
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2_000);
      else if (req.url === '/stream') {
        res.writeHead(200, { 'content-type': 'text/plain', 'x-multi': 'a' });
        res.write('first;');
        holdBody = () => res.end('second');
      } else res.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-echo': 'yes' }).end('{"ok":true}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

describe('vendorFetch', () => {
  it('writes a byte body unchanged with its content-length and the caller’s headers', async () => {
    const body = new Uint8Array(1_400_000).map((_, i) => (i * 7) & 0xff);
    const response = await vendorFetch(`${base}/bytes`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: 'Sig abc' },
      body,
    });
    const last = seen.at(-1)!;
    expect(last.method).toBe('POST');
    expect(last.headers['content-length']).toBe('1400000');
    expect(last.headers['content-type']).toBe('application/octet-stream');
    expect(last.headers.authorization).toBe('Sig abc');
    // What fetch adds when the caller does not say: vendors' gateways saw these before.
    expect(last.headers.accept).toBe('*/*');
    expect(last.headers['user-agent']).toBe('node');
    expect(Buffer.compare(last.body, Buffer.from(body))).toBe(0);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(await response.json()).toEqual({ ok: true });
  });

  it('gives a string the content-type fetch gives it, and a FormData its multipart boundary', async () => {
    await (await vendorFetch(`${base}/text`, { method: 'POST', body: '{"a":"é"}' })).text();
    expect(seen.at(-1)!.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(seen.at(-1)!.body.toString()).toBe('{"a":"é"}');

    const form = new FormData();
    form.append('field', 'value');
    await (await vendorFetch(`${base}/form`, { method: 'POST', body: form })).text();
    const last = seen.at(-1)!;
    expect(last.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(last.body.toString()).toContain('name="field"\r\n\r\nvalue');
    expect(last.headers['content-length']).toBe(String(last.body.byteLength));
  });

  it('streams the answer as it arrives', async () => {
    const response = await vendorFetch(`${base}/stream`);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first;');
    holdBody!();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe('second');
  });

  it('returns a redirect as it is, never following it', async () => {
    const count = seen.length;
    const response = await vendorFetch(`${base}/redirect`, { method: 'POST', body: 'x', redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
    expect(seen.length).toBe(count + 1);
  });

  it('answers a null-body status without a body', async () => {
    const response = await vendorFetch(`${base}/empty`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('rejects with the signal’s reason when aborted before sending, and sends nothing', async () => {
    const count = seen.length;
    const reason = new DOMException('gone', 'TimeoutError');
    await expect(vendorFetch(`${base}/x`, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    const plain = new AbortController();
    plain.abort();
    await expect(vendorFetch(`${base}/x`, { signal: plain.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.length).toBe(count);
  });

  it('rejects with the signal’s reason when aborted while waiting for the answer', async () => {
    const controller = new AbortController();
    const pending = vendorFetch(`${base}/slow`, { method: 'POST', body: 'x', signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 100);
    await expect(pending).rejects.toThrow('stop');
  });

  it('errors the body stream when aborted while the answer streams', async () => {
    const controller = new AbortController();
    const response = await vendorFetch(`${base}/stream`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort(new Error('stop reading'));
    await expect(reader.read()).rejects.toThrow('stop reading');
    holdBody!();
  });

  it('rejects a refused connection as fetch does: TypeError "fetch failed" with cause.code', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    const error = await vendorFetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('reuses one keep-alive connection for consecutive requests to the same origin', async () => {
    await (await vendorFetch(`${base}/a`, { method: 'POST', body: 'one' })).text();
    await (await vendorFetch(`${base}/b`, { method: 'POST', body: 'two' })).text();
    const [first, second] = seen.slice(-2);
    expect(second!.remotePort).toBe(first!.remotePort);
    expect(second!.headers.connection).toBe('keep-alive');
  });
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkWebhookUrl, createWebhookSender, type Resolver, type WebhookSender } from './outgoing.js';

interface Received {
  url: string;
  localAddress: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let receiver: Server;
let port = 0;
const received: Received[] = [];
let answer: (url: string) => { status: number; headers?: Record<string, string> } | 'hang' = () => ({ status: 204 });

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', localAddress: req.socket.localAddress ?? '', headers: req.headers, body });
      const a = answer(req.url ?? '');
      if (a === 'hang') return;
      res.writeHead(a.status, a.headers).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(() => {
  receiver.closeAllConnections();
  return new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const senders: WebhookSender[] = [];
function sender(options: Parameters<typeof createWebhookSender>[0]): WebhookSender {
  const s = createWebhookSender(options);
  senders.push(s);
  return s;
}
afterEach(async () => {
  received.length = 0;
  answer = () => ({ status: 204 });
  await Promise.all(senders.splice(0).map((s) => s.close()));
});

/** A resolver that answers each call with the next list (the last one repeats) and counts calls. */
function scripted(...answers: string[][]): Resolver & { calls: number } {
  const resolve = Object.assign(
    async () => {
      const list = answers[Math.min(resolve.calls, answers.length - 1)]!;
      resolve.calls += 1;
      return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
    { calls: 0 },
  );
  return resolve;
}

describe('checkWebhookUrl (endpoint creation)', () => {
  it.each([
    ['not a url', /not a valid/],
    ['http://hooks.example.com/x', /must use https/],
    ['ftp://hooks.example.com/x', /must use https/],
    ['https://user:pw@hooks.example.com/x', /credentials/],
    ['https://127.0.0.1/hook', /loopback/],
    ['https://10.0.0.7/hook', /private/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://[::1]/hook', /loopback/],
    ['https://[::ffff:127.0.0.1]/hook', /IPv4-mapped loopback/],
    ['https://[fd00::1]/hook', /unique local/],
    ['https://localhost/hook', /localhost/],
    ['https://0x7f.1/hook', /loopback/],
  ])('refuses %s', (url, why) => {
    expect(() => checkWebhookUrl(url, false)).toThrow(why);
  });

  it('accepts public https URLs, and http and private ones only when private targets are allowed', () => {
    expect(checkWebhookUrl('https://hooks.example.com/x?y=1', false).hostname).toBe('hooks.example.com');
    expect(checkWebhookUrl('http://127.0.0.1:9000/hook', true).port).toBe('9000');
  });
});

describe('webhook sender', () => {
  it('posts the body as JSON with the given headers; a 2xx is delivered', async () => {
    const s = sender({ allowPrivate: true });
    const result = await s.post(`http://127.0.0.1:${port}/hook`, { 'webhook-id': 'msg_1' }, '{"a":1}');
    expect(result).toMatchObject({ delivered: true, status: 204 });
    expect(received[0]).toMatchObject({ body: '{"a":1}' });
    expect(received[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': 'msg_1' });
  });

  it.each([
    ['https://127.0.0.1/hook', /loopback/],
    ['https://[::1]/hook', /loopback/],
    ['https://[::ffff:127.0.0.1]/hook', /IPv4-mapped loopback/],
    ['http://127.0.0.1:9/hook', /must use https/],
  ])('refuses %s without connecting', async (url, why) => {
    const result = await sender({ allowPrivate: false }).post(url, {}, '{}');
    expect(result.delivered).toBe(false);
    expect(result.error).toMatch(why);
  });

  it.each([
    [['10.0.0.5'], /private address \(10\.0\.0\.5\)/],
    [['192.168.1.20'], /private/],
    [['169.254.169.254'], /link-local/],
    [['fd00::5'], /unique local/],
    [['::ffff:10.0.0.5'], /IPv4-mapped private/],
    [['64:ff9b::7f00:1'], /NAT64 loopback/],
    [['93.184.215.14', '127.0.0.1'], /loopback/],
  ])('refuses a hostname that resolves to %s', async (addresses, why) => {
    const resolve = scripted(addresses);
    const result = await sender({ allowPrivate: false, resolve }).post('https://hooks.example.com/x', {}, '{}');
    expect(result.delivered).toBe(false);
    expect(result.error).toMatch(why);
    expect(resolve.calls).toBe(1);
  });

  // 127.0.0.1 plays a public address here (the receiver listens there), 127.0.0.2 a private one.
  const testPolicy = (ip: string) => (ip === '127.0.0.1' ? undefined : 'private');

  it('connects to exactly the address it checked: a rebinding answer later is never asked for', async () => {
    const resolve = scripted(['127.0.0.1'], ['127.0.0.2']);
    const s = sender({ allowPrivate: true, addressPolicy: testPolicy, resolve });
    const result = await s.post(`http://rebind.example:${port}/hook`, {}, '{}');
    expect(result).toMatchObject({ delivered: true, status: 204 });
    expect(resolve.calls).toBe(1);
    expect(received.map((r) => r.localAddress)).toEqual(['127.0.0.1']);
  });

  it('refuses when the first answer is private, even if a later one would be public', async () => {
    const resolve = scripted(['127.0.0.2'], ['127.0.0.1']);
    const s = sender({ allowPrivate: true, addressPolicy: testPolicy, resolve });
    const result = await s.post(`http://rebind.example:${port}/hook`, {}, '{}');
    expect(result).toMatchObject({ delivered: false });
    expect(result.error).toMatch(/resolves to a private address \(127\.0\.0\.2\)/);
    expect(received).toEqual([]);
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    answer = (url) =>
      url === '/hook' ? { status: 302, headers: { location: `http://127.0.0.1:${port}/elsewhere` } } : { status: 200 };
    const result = await sender({ allowPrivate: true }).post(`http://127.0.0.1:${port}/hook`, {}, '{}');
    expect(result).toMatchObject({ delivered: false, status: 302, error: 'redirect not followed (HTTP 302)' });
    expect(received.map((r) => r.url)).toEqual(['/hook']);
  });

  it('records a non-2xx answer and a timeout as failed attempts', async () => {
    answer = () => ({ status: 500 });
    expect(await sender({ allowPrivate: true }).post(`http://127.0.0.1:${port}/hook`, {}, '{}')).toMatchObject({
      delivered: false,
      status: 500,
      error: 'HTTP 500',
    });
    answer = () => 'hang';
    const result = await sender({ allowPrivate: true, timeoutMs: 300 }).post(`http://127.0.0.1:${port}/hook`, {}, '{}');
    expect(result).toMatchObject({ delivered: false, error: 'no answer within 0.3 s' });
    expect(result.status).toBeUndefined();
  });
});

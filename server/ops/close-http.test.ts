/**
 * closeHttp: a keep-alive connection whose response was still finishing when closing started must not hold the
 * close for fastify's 72 s keep-alive time (it did: a flaky afterAll in CI on a loaded machine).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { closeHttp } from './shutdown.js';

it('closes a keep-alive connection that turns idle after closing started, once its response is done', async () => {
  const app = Fastify();
  let release: () => void = () => {};
  let entered: () => void = () => {};
  const inHandler = new Promise<void>((resolve) => (entered = resolve));
  app.get('/slow', async () => {
    const released = new Promise<void>((resolve) => (release = resolve));
    entered();
    await released;
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true });
  const answered = new Promise<number>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/slow', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
  // Closing starts while the request is under way (in its handler: one arriving after would get fastify's 503), so
  // Node's one pass over idle connections does not see it.
  await inHandler;
  const started = Date.now();
  const closed = closeHttp(app, 20);
  await new Promise((r) => setTimeout(r, 50));
  release();
  expect(await answered).toBe(200);
  await closed;
  expect(Date.now() - started).toBeLessThan(5_000);
  agent.destroy();
});

/** The vendor clients' tests (../<vendor>/client.test.ts): their simulators on one local server, and odd answers. */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface VendorTestServer {
  app: FastifyInstance;
  /** http://127.0.0.1:<port>, once the server listens (read it inside tests and handlers, not at import). */
  baseUrl: string;
  port: number;
}

/**
 * One Fastify server on a free port for the file's tests: `register` mounts the simulators and any odd answers before
 * it listens; it closes after the file; every control is cleared before each test.
 */
export function useVendorTestServer(
  register: (app: FastifyInstance) => Promise<void>,
  controls: ReadonlyArray<{ clear(): void }> = [],
): VendorTestServer {
  const server: VendorTestServer = { app: undefined as unknown as FastifyInstance, baseUrl: '', port: 0 };
  beforeAll(async () => {
    server.app = Fastify();
    await register(server.app);
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    server.port = (server.app.server.address() as AddressInfo).port;
    server.baseUrl = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.app.close());
  beforeEach(() => {
    for (const control of controls) control.clear();
  });
  return server;
}

/** Not the vendor's answer: a gateway in the way answers the path's `:status` with an HTML page. */
export async function badGatewayPage(request: FastifyRequest, reply: FastifyReply) {
  const status = Number((request.params as { status: string }).status);
  return reply.code(status).type('text/html').send('<html><body>Bad Gateway</body></html>');
}

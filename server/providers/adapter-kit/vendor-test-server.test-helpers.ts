/** The vendor clients' tests (../<vendor>/client.test.ts): their simulators on one local server, and odd answers. */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { CheckOutcome } from '../types.js';

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

/**
 * The caller's signal wins over a slow vendor (the test enqueues answers slower than 50 ms): its deadline → `deadline`
 * (a timeout), its cancelling → `cancelled` (unavailable, the adapter's aborted code).
 */
export async function expectCallerSignalsHonoured(
  check: (signal: AbortSignal) => Promise<CheckOutcome>,
  expected: { deadline: Record<string, unknown>; cancelled: Record<string, unknown> },
): Promise<void> {
  const deadline = await check(AbortSignal.timeout(50));
  expect(deadline).toMatchObject(expected.deadline);
  const cancel = new AbortController();
  setTimeout(() => cancel.abort(), 50);
  const cancelled = await check(cancel.signal);
  expect(cancelled).toMatchObject(expected.cancelled);
}

/** Nobody listens at the endpoint: unavailable (Client.NetworkError), with no HTTP status. */
export function expectConnectionRefused(outcome: CheckOutcome): void {
  expect(outcome).toMatchObject({ kind: 'error', category: 'unavailable', vendorCode: 'Client.NetworkError' });
  expect(outcome).not.toHaveProperty('httpStatus');
}

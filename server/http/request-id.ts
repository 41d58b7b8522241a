/**
 * Request ids: a caller's `X-Request-Id` is taken when it is 1–128 visible ASCII characters (anything else, or
 * none, gets a fresh UUID), echoed on the answer, logged as `reqId` on the request's log lines, and carried through
 * AsyncLocalStorage into the work the request starts (vendor calls log it too: ../checks/vendor-calls.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The id of the request whose work is running now, if any. */
export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;

/** Fastify's `genReqId`: the caller's id when valid, else a new one. */
export function requestIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && VALID_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Echoes the id and runs the rest of the request (handler, and what it starts) inside its context. */
export function installRequestIds(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    requestContext.run({ requestId: request.id }, done);
  });
}

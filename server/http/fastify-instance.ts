/** The Fastify instance of createServer (../app.ts): logging with secrets redacted, timeouts, proxy trust, request ids. */
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.js';
import { createPrettyLogStream, usePrettyLogs } from '../ops/pretty-log.js';
import { serializeRequest } from './request-log.js';
import { installRequestIds, requestIdOf } from './request-id.js';

/** Headers that must never reach a log line. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-capture-token"]',
  'req.headers["x-session-token"]',
  // Whoever holds an upload's key can obtain a fresh capture token for its case.
  'req.headers["idempotency-key"]',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'req.headers["x-simulator-control-token"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'body.password',
  'csrfToken',
  '*.csrfToken',
];

export function createFastify(config: AppConfig, logStream: NodeJS.WritableStream | undefined): FastifyInstance {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED, censor: '[redacted]' },
      serializers: { req: serializeRequest },
      ...(logStream
        ? { stream: logStream }
        : usePrettyLogs(config.logFormat, process.stdout.isTTY === true)
          ? { stream: createPrettyLogStream(process.stdout, { color: process.stdout.hasColors?.() === true }) }
          : {}),
    },
    // Vendor simulators accept base64 bodies up to their documented maximum (10 MB) and a bit more.
    bodyLimit: 16 * 1024 * 1024,
    // Signed media-link tokens (/api/media-links/:token) are ~250 characters; the default is 100.
    routerOptions: { maxParamLength: 512 },
    // Fastify's defaults (0) never time out: a trickling or idle connection would be held forever.
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
    // Behind a reverse proxy: request.ip (rate limits, login throttle, audit) is the client, not the proxy.
    trustProxy: config.trustProxy,
    // The caller's X-Request-Id when valid, else a new one (http/request-id.ts); logged as reqId.
    requestIdHeader: false,
    genReqId: requestIdOf,
  });
  installRequestIds(app);
  return app;
}

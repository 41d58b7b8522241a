/**
 * What the request log records of a request: Fastify's own fields, with the URL of a signed media
 * link cut down to its route. The token in it is a bearer credential for a clip (valid for minutes),
 * so it must not reach log files, shippers and whoever reads them.
 */
import type { FastifyRequest } from 'fastify';

const MEDIA_LINKS = '/api/media-links/';
/** A capture session's client token (in its link and the capture page's calls) is its holder's key to it. */
const SESSION_TOKEN_PATHS = ['/api/session-capture/', '/s/'];

export function redactRequestUrl(url: string): string {
  if (url.startsWith(MEDIA_LINKS)) return `${MEDIA_LINKS}[redacted]`;
  const prefix = SESSION_TOKEN_PATHS.find((p) => url.startsWith(p));
  return prefix ? prefix + url.slice(prefix.length).replace(/^[^/?]+/, '[redacted]') : url;
}

/** Drop-in for Fastify's default `req` serializer (same fields). */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactRequestUrl(request.url),
    version: [request.headers['accept-version']].flat()[0],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

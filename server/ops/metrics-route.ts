/**
 * `GET /metrics` (Prometheus text format), off unless METRICS_TOKEN or METRICS_ALLOW is set. A scrape passes with
 * `Authorization: Bearer <METRICS_TOKEN>` or from an address in METRICS_ALLOW (CIDRs; the address is Fastify's
 * `request.ip`, so behind a proxy set TRUST_PROXY); anything else is 401 (a token is configured) or 403.
 * Outside /api: not part of the API document, and not rate-limited (the check before any work is a comparison).
 */
import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http-error.js';
import type { Metrics } from './metrics.js';

export const METRICS_URL = '/metrics';

export interface MetricsAccess {
  token?: string;
  /** CIDRs (`10.0.0.0/8`, `::1/128`) or single addresses. */
  allow: string[];
}

/** Parses METRICS_ALLOW entries; throws naming the first bad one. */
export function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`${entry} is not an IP address or CIDR`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) {
      throw new Error(`${entry}: the prefix length must be 0–${max}`);
    }
    list.addSubnet(address, prefix, type);
  }
  return list;
}

/** Whether `ip` (as Node reports it; IPv4-mapped IPv6 counts as IPv4) is in the list. */
export function isAllowed(list: BlockList, ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Registers the HTTP latency hook and the route; does nothing when neither a token nor an allow-list is set. */
export function installMetrics(app: FastifyInstance, metrics: Metrics, access: MetricsAccess): void {
  if (!access.token && access.allow.length === 0) return;
  const allowed = allowList(access.allow);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.get(METRICS_URL, { schema: { hide: true } }, async (request, reply) => {
    const byToken = access.token !== undefined && bearerMatches(request.headers.authorization, access.token);
    if (!byToken && !isAllowed(allowed, request.ip)) {
      if (access.token) {
        reply.header('www-authenticate', 'Bearer');
        throw new HttpError(401, 'unauthenticated', 'Metrics need Authorization: Bearer <METRICS_TOKEN>.');
      }
      throw new HttpError(403, 'forbidden', 'Metrics are not served to this address (METRICS_ALLOW).');
    }
    return reply
      .header('content-type', metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(await metrics.registry.metrics());
  });
}

/**
 * Per-client request limits on the public API routes (@fastify/rate-limit, in memory, fixed
 * one-minute windows, client = `request.ip`). Guarded routes need a session and are not limited
 * here. An answer over the limit is 429 `rate_limited` with `Retry-After` (seconds).
 *
 * Not limited, on purpose: the SPA's static files (no database, vendor or CPU work behind them, and
 * one page load fetches dozens of them — a shared office address would lock its users out before
 * an attacker noticed; floods of those are for the reverse proxy), and the vendor simulators
 * (their only caller is this server; each enforces its vendor's published rate itself).
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, onRequestHookHandler, RouteOptions } from 'fastify';
import { HttpError } from '../http-error.js';
import { OPENAPI_URL, isApiReference } from './api-reference.js';

/** Requests per minute per client, by route group. */
export interface RateLimitSettings {
  /** POST /api/captures: each one starts paid vendor calls and a screening. */
  captures: number;
  /** GET /api/captures/:id and /api/session-capture/:clientToken/status: pages poll them. */
  status: number;
  /** POST /api/auth/login, besides the failed-login throttle. */
  login: number;
  /**
   * GET /api/health, /api/providers, /api/capture-settings, a session's capture config, /api/openapi.json
   * and the /api/docs page's files (each route counted on its own).
   */
  reads: number;
  /** GET /api/media-links/:token: vendors fetching clips, many cases from one vendor address. */
  mediaLinks: number;
  /**
   * GET /api/health/live and /ready: probes of load balancers and orchestrators, several every few seconds from
   * one address; a separate, generous limit so they never starve (and never starve the other reads).
   */
  probes: number;
}

const WINDOW_MS = 60_000;

/** Which limit a route gets; undefined = none. `url` is the route pattern as registered. */
export function rateLimitGroup(method: string, url: string): keyof RateLimitSettings | undefined {
  const read = method === 'GET' || method === 'HEAD';
  if (method === 'POST' && url === '/api/captures') return 'captures';
  if (read && (url === '/api/captures/:id' || url === '/api/session-capture/:clientToken/status')) return 'status';
  if (method === 'POST' && url === '/api/auth/login') return 'login';
  if (read && (url === '/api/health/live' || url === '/api/health/ready')) return 'probes';
  if (read && (url === '/api/health' || url === '/api/providers' || url === '/api/capture-settings')) return 'reads';
  if (read && (url === '/api/session-capture/:clientToken' || url === OPENAPI_URL || isApiReference(url))) return 'reads';
  if (read && url.startsWith('/api/media-links/')) return 'mediaLinks';
  return undefined;
}

/**
 * Registers the limiter and attaches it to every route registered afterwards that has a group
 * (call before the routes). GET and HEAD of one URL share a counter.
 */
export async function installRateLimits(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new HttpError(429, 'rate_limited', `Too many requests from your address; please try again in ${seconds} s.`);
    },
  });
  const limiters = new Map<string, onRequestHookHandler>();
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = [route.method].flat();
    const group = methods.map((m) => rateLimitGroup(m, route.url)).find((g) => g !== undefined);
    if (!group) return;
    let limiter = limiters.get(route.url);
    if (!limiter) {
      limiter = app.rateLimit({ max: settings[group], timeWindow: WINDOW_MS }) as onRequestHookHandler;
      limiters.set(route.url, limiter);
    }
    // Route-level onRequest: after the access guard, before the body is read.
    route.onRequest = [...[route.onRequest ?? []].flat(), limiter];
  });
}

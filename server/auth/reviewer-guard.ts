/**
 * Access control for the whole API, deny by default: one onRequest hook sees every route, and
 * only the explicit public list below goes through without a session. Everything else needs a
 * live session cookie (401 `unauthenticated`), a matching `x-csrf-token` header when it changes
 * state (403 `csrf_failed`, synchronizer-token pattern), and role admin under /api/admin (403).
 * The simulators' control routes (`/sim/<vendor>/_control…`) steer what every later check sees:
 * admins only, or whoever sends the configured control token, or anyone with SIMULATOR_CONTROL=open.
 * The integrator API (/api/v1) takes no cookie: `apiKeyAuth` (an API key) decides there, and
 * without one every /api/v1 call is refused (401 `invalid_api_key`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditActor } from '@contract/api';
import { HttpError } from '../http-error.js';
import { OPENAPI_URL, isApiReference } from '../http/api-reference.js';
import type { Accounts, ActiveSession } from './accounts.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's session on every non-public route (set by the access guard). */
    auth?: ActiveSession;
  }
}

export const SESSION_COOKIE = 'review_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes anyone may call. `url` is the route pattern as registered (e.g. /api/captures/:id). */
const PUBLIC_ROUTES: ReadonlyArray<{ methods: string[]; url: string }> = [
  { methods: ['GET', 'HEAD'], url: '/api/health' },
  // Probes of load balancers and orchestrators (server/ops/readiness.ts).
  { methods: ['GET', 'HEAD'], url: '/api/health/live' },
  { methods: ['GET', 'HEAD'], url: '/api/health/ready' },
  { methods: ['GET', 'HEAD'], url: '/api/providers' },
  // The end user's capture: status only for the holder of the capture token.
  { methods: ['POST'], url: '/api/captures' },
  { methods: ['GET', 'HEAD'], url: '/api/captures/:id' },
  { methods: ['POST'], url: '/api/auth/login' },
  // Signed, expiring links vendors fetch clips from.
  { methods: ['GET', 'HEAD'], url: '/api/media-links/:token' },
  // The capture page bound to a session: only the holder of its client token gets anything.
  { methods: ['GET', 'HEAD'], url: '/api/session-capture/:clientToken' },
  { methods: ['GET', 'HEAD'], url: '/api/session-capture/:clientToken/status' },
  { methods: ['GET', 'HEAD'], url: '/api/capture-settings' },
  // The API's own description (http/openapi.ts); its reference page is public too (below).
  { methods: ['GET', 'HEAD'], url: OPENAPI_URL },
];

/**
 * All a session with a pending step (a temporary password, two-factor sign-in to set up) may call
 * until the step is done: everything else answers 403 `password_change_required` / `totp_setup_required`.
 */
const PENDING_ALLOWED = new Set([
  'GET /api/auth/me',
  'HEAD /api/auth/me',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/auth/totp/setup',
  'POST /api/auth/totp/confirm',
]);

export const isAllowedWhilePending = (method: string, url: string): boolean => PENDING_ALLOWED.has(`${method} ${url}`);

/** Routes for admins only (403 `forbidden` to reviewers). */
export const isAdminRoute = (url: string): boolean => url === '/api/admin' || url.startsWith('/api/admin/');

export const isSimulatorControlRoute = (url: string): boolean => /^\/sim\/[^/]+\/_control(\/|$)/.test(url);

export function isPublicRoute(method: string, url: string): boolean {
  // Vendor simulators stand in for the vendors' own hosts; steering them is not public.
  if (url === '/sim' || url.startsWith('/sim/')) return !isSimulatorControlRoute(url);
  // The built SPA's static files (every GET outside /api and /sim).
  if ((method === 'GET' || method === 'HEAD') && !url.startsWith('/api/') && url !== '/api') return true;
  // The API reference page and its files: documentation of a public API, read-only.
  if ((method === 'GET' || method === 'HEAD') && isApiReference(url)) return true;
  return PUBLIC_ROUTES.some((r) => r.url === url && r.methods.includes(method));
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function sameToken(given: unknown, expected: string | undefined): boolean {
  if (typeof given !== 'string' || expected === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The audit actor for the caller of a guarded route. */
export function actorOf(request: FastifyRequest): AuditActor {
  const user = request.auth?.user;
  if (!user) throw new HttpError(401, 'unauthenticated', 'Please sign in.');
  return { type: 'user', id: user.id, email: user.email };
}

export interface SimulatorControlAccess {
  /** Anyone may steer the simulators (tests, demos). */
  open: boolean;
  /** Sent as `x-simulator-control-token`, opens the control routes without a session. */
  token?: string;
}

export const isIntegratorRoute = (url: string): boolean => url === '/api/v1' || url.startsWith('/api/v1/');

export function installAccessGuard(
  app: FastifyInstance,
  accounts: Accounts,
  simulatorControl: SimulatorControlAccess = { open: false },
  apiKeyAuth?: (request: FastifyRequest) => Promise<void>,
): void {
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const url = request.routeOptions.url;
    if (url !== undefined && isIntegratorRoute(url)) {
      if (!apiKeyAuth) throw new HttpError(401, 'invalid_api_key', 'Send a valid API key: Authorization: Bearer <key>.');
      return apiKeyAuth(request);
    }
    // No such route: the not-found handler answers (404 or the SPA shell), nothing to protect.
    if (url === undefined || isPublicRoute(request.method, url)) return;
    const control = isSimulatorControlRoute(url);
    if (control && (simulatorControl.open || sameToken(request.headers['x-simulator-control-token'], simulatorControl.token)))
      return;
    const sessionId = readCookie(request, SESSION_COOKIE);
    const session = sessionId ? await accounts.findSession(sessionId) : undefined;
    if (!session) throw new HttpError(401, 'unauthenticated', 'Please sign in.');
    if (!SAFE_METHODS.has(request.method) && !sameToken(request.headers['x-csrf-token'], session.csrfToken)) {
      throw new HttpError(403, 'csrf_failed', 'Missing or wrong x-csrf-token header; reload the page and try again.');
    }
    if (session.user.pending && !isAllowedWhilePending(request.method, url)) {
      throw session.user.pending === 'password_change'
        ? new HttpError(403, 'password_change_required', 'Choose a new password first (POST /api/auth/password).')
        : new HttpError(403, 'totp_setup_required', 'Set up two-factor sign-in first (POST /api/auth/totp/setup).');
    }
    if ((isAdminRoute(url) || control) && session.user.role !== 'admin') {
      throw new HttpError(403, 'forbidden', 'This needs an administrator account.');
    }
    request.auth = session;
  });
}

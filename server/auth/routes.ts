/** POST /api/auth/login (public, throttled: see throttle.ts), POST /api/auth/logout and GET /api/auth/me. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loginRequestSchema, type SessionResponse } from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { HttpError } from '../http-error.js';
import { normalizeEmail, type Accounts } from './accounts.js';
import { actorOf, readCookie, SESSION_COOKIE } from './reviewer-guard.js';
import type { LoginThrottle } from './throttle.js';

export interface AuthRouteDeps {
  accounts: Accounts;
  audit: AuditLog;
  throttle: LoginThrottle;
  sessionTtlMs: number;
  /** PUBLIC_BASE_URL is https: the cookie is Secure even behind a TLS-terminating proxy. */
  publicHttps: boolean;
}

function sessionCookie(value: string, maxAgeS: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeS}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export async function authRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const secure = (request: FastifyRequest) => deps.publicHttps || request.protocol === 'https';

  app.post('/api/auth/login', async (request, reply: FastifyReply) => {
    const parsed = loginRequestSchema.safeParse(request.body);
    if (!parsed.success) throw new HttpError(400, 'invalid_request', 'Send JSON { "email": …, "password": … }.');
    const email = normalizeEmail(parsed.data.email);
    // Counted before the (slow) password check, so parallel guesses cannot slip past the limit.
    const slot = await deps.throttle.reserve(email, request.ip);
    if (!slot.allowed) {
      const seconds = Math.ceil(slot.retryAfterMs / 1000);
      reply.header('retry-after', String(seconds));
      throw new HttpError(429, 'too_many_attempts', `Too many failed sign-ins. Try again in ${seconds} seconds.`);
    }
    const user = await deps.accounts.verifyCredentials(email, parsed.data.password);
    if (!user) {
      await deps.audit.record({ actor: { type: 'system' }, action: 'auth.login_failed', detail: { email, ip: request.ip } });
      throw new HttpError(401, 'invalid_credentials', 'Wrong email or password.');
    }
    await deps.throttle.succeeded(email, request.ip);
    const previous = readCookie(request, SESSION_COOKIE);
    if (previous) {
      const old = await deps.accounts.findSession(previous);
      if (old) await deps.accounts.closeSession(old.idHash);
    }
    const session = await deps.accounts.openSession(user.id);
    await deps.audit.record({
      actor: { type: 'user', id: user.id, email: user.email },
      action: 'auth.login',
      detail: { ip: request.ip },
    });
    reply.header('set-cookie', sessionCookie(session.sessionId, Math.floor(deps.sessionTtlMs / 1000), secure(request)));
    reply.header('cache-control', 'no-store');
    const body: SessionResponse = { user, csrfToken: session.csrfToken };
    return body;
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const actor = actorOf(request);
    await deps.accounts.closeSession(request.auth!.idHash);
    await deps.audit.record({ actor, action: 'auth.logout' });
    reply.header('set-cookie', sessionCookie('', 0, secure(request)));
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (request, reply) => {
    const auth = request.auth!;
    reply.header('cache-control', 'no-store');
    const body: SessionResponse = { user: auth.user, csrfToken: auth.csrfToken };
    return body;
  });
}

/** POST /api/auth/login (public, throttled: see throttle.ts), POST /api/auth/logout and GET /api/auth/me. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginRequestSchema, sessionResponseSchema, type SessionResponse } from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { HttpError } from '../http-error.js';
import { errorAnswers, noContent } from '../http/answers.js';
import type { AccountActions } from './account-actions.js';
import { accountRoutes } from './account-routes.js';
import { normalizeEmail, type Accounts } from './accounts.js';
import { actorOf, readCookie, SESSION_COOKIE } from './reviewer-guard.js';
import type { LoginThrottle } from './throttle.js';

export interface AuthRouteDeps {
  accounts: Accounts;
  actions: AccountActions;
  audit: AuditLog;
  throttle: LoginThrottle;
  sessionTtlMs: number;
  /** PUBLIC_BASE_URL is https: the cookie is Secure even behind a TLS-terminating proxy. */
  publicHttps: boolean;
}

export function sessionCookie(value: string, maxAgeS: number, secure: boolean): string {
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
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const secure = (request: FastifyRequest) => deps.publicHttps || request.protocol === 'https';
  await accountRoutes(app, deps);

  api.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in: sets the session cookie and answers the CSRF token (throttled)',
        body: loginRequestSchema,
        response: {
          200: sessionResponseSchema,
          // The route's own 429 (the failed-login throttle) besides the rate limit's.
          ...errorAnswers({
            400: ['invalid_request'],
            401: ['invalid_credentials', 'totp_required', 'invalid_totp_code'],
            403: ['account_disabled'],
            429: ['too_many_attempts', 'rate_limited'],
          }),
        },
      },
      config: { validationHint: 'Send JSON { "email": …, "password": … } (and "totpCode" with two-factor sign-in)' },
    },
    async (request, reply) => {
      const email = normalizeEmail(request.body.email);
      // Counted before the (slow) password check, so parallel guesses cannot slip past the limit.
      const slot = await deps.throttle.reserve(email, request.ip);
      if (!slot.allowed) {
        const seconds = Math.ceil(slot.retryAfterMs / 1000);
        reply.header('retry-after', String(seconds));
        throw new HttpError(429, 'too_many_attempts', `Too many failed sign-ins. Try again in ${seconds} seconds.`);
      }
      const match = await deps.accounts.verifyCredentials(email, request.body.password);
      if (!match) {
        await deps.audit.record({ actor: { type: 'system' }, action: 'auth.login_failed', detail: { email, ip: request.ip } });
        throw new HttpError(401, 'invalid_credentials', 'Wrong email or password.');
      }
      const user = match.user;
      const actor = { type: 'user', id: user.id, email: user.email } as const;
      // A right password alone: these attempts stay counted by the throttle (no refund).
      if (match.disabled) {
        await deps.audit.record({ actor, action: 'auth.login_refused', detail: { reason: 'disabled', ip: request.ip } });
        throw new HttpError(403, 'account_disabled', 'This account is disabled. Ask an administrator.');
      }
      if (match.totp) {
        const code = request.body.totpCode;
        if (code === undefined || code === '') {
          throw new HttpError(401, 'totp_required', 'Enter the 6-digit code from your authenticator app.');
        }
        if (!(await deps.actions.useTotp(user.id, match.totp.secret, match.totp.lastStep, code))) {
          await deps.audit.record({ actor, action: 'auth.totp_failed', detail: { ip: request.ip } });
          throw new HttpError(401, 'invalid_totp_code', 'Wrong or already used code. Wait for the next one and try again.');
        }
      }
      await deps.throttle.succeeded(email, request.ip);
      const previous = readCookie(request, SESSION_COOKIE);
      if (previous) {
        const old = await deps.accounts.findSession(previous);
        if (old) await deps.accounts.closeSession(old.idHash);
      }
      const session = await deps.accounts.openSession(user.id);
      await deps.audit.record({ actor, action: 'auth.login', detail: { ip: request.ip, ...(match.totp ? { totp: true } : {}) } });
      reply.header('set-cookie', sessionCookie(session.sessionId, Math.floor(deps.sessionTtlMs / 1000), secure(request)));
      reply.header('cache-control', 'no-store');
      const body: SessionResponse = { user, csrfToken: session.csrfToken };
      return body;
    },
  );

  api.post(
    '/api/auth/logout',
    {
      schema: { tags, summary: 'Sign out: ends the session', response: { 204: noContent('Signed out') } },
      config: { noBody: true },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deps.accounts.closeSession(request.auth!.idHash);
      await deps.audit.record({ actor, action: 'auth.logout' });
      reply.header('set-cookie', sessionCookie('', 0, secure(request)));
      return reply.code(204).send();
    },
  );

  api.get(
    '/api/auth/me',
    { schema: { tags, summary: 'The current session: user and CSRF token', response: { 200: sessionResponseSchema } } },
    async (request, reply) => {
      const auth = request.auth!;
      reply.header('cache-control', 'no-store');
      const body: SessionResponse = { user: auth.user, csrfToken: auth.csrfToken };
      return body;
    },
  );
}

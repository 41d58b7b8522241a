/** Administrator endpoints (the access guard requires role admin under /api/admin). */
import type { FastifyInstance } from 'fastify';
import { createUserRequestSchema, type UnlockResponse, type UserListResponse } from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import type { Accounts } from '../auth/accounts.js';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { actorOf } from '../auth/reviewer-guard.js';
import type { LoginThrottle } from '../auth/throttle.js';
import { HttpError, describeIssues } from '../http-error.js';
import type { Retention } from '../retention/purge.js';

export interface AdminRouteDeps {
  accounts: Accounts;
  audit: AuditLog;
  retention: Retention;
  throttle: LoginThrottle;
}

export async function adminRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  app.get('/api/admin/users', async () => {
    const delayed = new Map((await deps.throttle.throttledAccounts()).map((t) => [t.email, t]));
    const users = (await deps.accounts.listUsers()).map((u) => {
      const t = delayed.get(u.email);
      if (!t) return u;
      return { ...u, signInDelay: { until: t.until.toISOString(), addresses: t.addresses, accountWide: t.accountWide } };
    });
    const body: UserListResponse = { users };
    return body;
  });

  /** Clears the account's login-throttle counters (per address and account-wide; address-wide limits stay). */
  app.post<{ Params: { id: string } }>('/api/admin/users/:id/unlock', async (request) => {
    const actor = actorOf(request);
    const user = await deps.accounts.findUser(request.params.id);
    if (!user) throw new HttpError(404, 'not_found', 'No such user.');
    const cleared = await deps.throttle.unlock(user.email);
    await deps.audit.record({ actor, action: 'auth.unlocked', detail: { userId: user.id, email: user.email, cleared } });
    const body: UnlockResponse = { cleared };
    return body;
  });

  app.post('/api/admin/users', async (request, reply) => {
    const actor = actorOf(request);
    const parsed = createUserRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const problems = describeIssues(parsed.error);
      throw new HttpError(400, 'invalid_request', `Send { email, password, role: "reviewer" | "admin" } (${problems}).`);
    }
    if (parsed.data.password.length < MIN_PASSWORD_LENGTH) {
      throw new HttpError(400, 'weak_password', `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    const user = await deps.accounts.createUser(parsed.data.email, parsed.data.password, parsed.data.role);
    await deps.audit.record({ actor, action: 'user.created', detail: { userId: user.id, email: user.email, role: user.role } });
    return reply.code(201).send(user);
  });

  /** A subject's erasure request: the case, its media, checks and decisions go; the audit record stays. */
  app.delete<{ Params: { id: string } }>('/api/admin/cases/:id', async (request, reply) => {
    const erased = await deps.retention.eraseCase(request.params.id, actorOf(request));
    if (!erased) throw new HttpError(404, 'not_found', 'No such case.');
    return reply.code(204).send();
  });

  /** Runs the retention purge now (it also runs on its timer). */
  app.post('/api/admin/retention/purge', async () => ({ purged: await deps.retention.purgeDue(new Date()) }));
}

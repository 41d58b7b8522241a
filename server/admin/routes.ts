/** Administrator endpoints (the access guard requires role admin under /api/admin). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseParamsSchema,
  createUserRequestSchema,
  retentionPurgeResponseSchema,
  unlockResponseSchema,
  userListResponseSchema,
  userParamsSchema,
  userViewSchema,
  type UnlockResponse,
  type UserListResponse,
} from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import type { AccountActions } from '../auth/account-actions.js';
import type { Accounts } from '../auth/accounts.js';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { actorOf } from '../auth/reviewer-guard.js';
import type { LoginThrottle } from '../auth/throttle.js';
import { HttpError } from '../http-error.js';
import { errorAnswers, noContent } from '../http/answers.js';
import type { Retention } from '../retention/purge.js';
import { userAdminRoutes } from './user-routes.js';

export interface AdminRouteDeps {
  accounts: Accounts;
  actions: AccountActions;
  audit: AuditLog;
  retention: Retention;
  throttle: LoginThrottle;
}

export async function adminRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  await userAdminRoutes(app, deps);

  api.get(
    '/api/admin/users',
    { schema: { tags, summary: 'List accounts', response: { 200: userListResponseSchema } } },
    async () => {
      const delayed = new Map((await deps.throttle.throttledAccounts()).map((t) => [t.email, t]));
      const users = (await deps.accounts.listUsers()).map((u) => {
        const t = delayed.get(u.email);
        if (!t) return u;
        return { ...u, signInDelay: { until: t.until.toISOString(), addresses: t.addresses, accountWide: t.accountWide } };
      });
      const body: UserListResponse = { users };
      return body;
    },
  );

  /** Clears the account's login-throttle counters (per address and account-wide; address-wide limits stay). */
  api.post(
    '/api/admin/users/:id/unlock',
    {
      schema: {
        tags,
        summary: "Clear an account's login-throttle counters",
        params: userParamsSchema,
        response: { 200: unlockResponseSchema, ...errorAnswers({ 404: ['not_found'] }) },
      },
      config: { noBody: true },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await deps.accounts.findUser(request.params.id);
      if (!user) throw new HttpError(404, 'not_found', 'No such user.');
      const cleared = await deps.throttle.unlock(user.email);
      await deps.audit.record({ actor, action: 'auth.unlocked', detail: { userId: user.id, email: user.email, cleared } });
      const body: UnlockResponse = { cleared };
      return body;
    },
  );

  api.post(
    '/api/admin/users',
    {
      schema: {
        tags,
        summary: 'Create an account',
        body: createUserRequestSchema,
        response: { 201: userViewSchema, ...errorAnswers({ 400: ['invalid_request', 'weak_password'], 409: ['email_taken'] }) },
      },
      config: { validationHint: 'Send { email, password, role: "reviewer" | "admin" }' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { email, password, role } = request.body;
      if (password.length < MIN_PASSWORD_LENGTH) {
        throw new HttpError(400, 'weak_password', `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
      }
      const user = await deps.accounts.createUser(email, password, role);
      await deps.audit.record({ actor, action: 'user.created', detail: { userId: user.id, email: user.email, role: user.role } });
      return reply.code(201).send(user);
    },
  );

  /** A subject's erasure request: the case, its media, checks and decisions go; the audit record stays. */
  api.delete(
    '/api/admin/cases/:id',
    {
      schema: {
        tags,
        summary: "Erase a case (a subject's erasure request)",
        params: caseParamsSchema,
        response: { 204: noContent('Erased; the audit record stays'), ...errorAnswers({ 404: ['not_found'] }) },
      },
    },
    async (request, reply) => {
      const erased = await deps.retention.eraseCase(request.params.id, actorOf(request));
      if (!erased) throw new HttpError(404, 'not_found', 'No such case.');
      return reply.code(204).send();
    },
  );

  /** Runs the retention purge now (it also runs on its timer). */
  api.post(
    '/api/admin/retention/purge',
    {
      schema: { tags, summary: 'Run the retention purge now', response: { 200: retentionPurgeResponseSchema } },
      config: { noBody: true },
    },
    async () => ({ purged: await deps.retention.purgeDue(new Date()) }),
  );
}

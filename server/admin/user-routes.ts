/** Administering accounts: enable/disable, role, required two-factor, and a temporary password. Audited. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  resetPasswordRequestSchema,
  resetPasswordResponseSchema,
  updateUserRequestSchema,
  userParamsSchema,
  userViewSchema,
  type ResetPasswordResponse,
} from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import type { AccountActions } from '../auth/account-actions.js';
import { actorOf } from '../auth/reviewer-guard.js';
import { errorAnswers } from '../http/answers.js';

export interface UserAdminRouteDeps {
  actions: AccountActions;
  audit: AuditLog;
}

export async function userAdminRoutes(app: FastifyInstance, deps: UserAdminRouteDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  api.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags,
        summary: "Change an account's role, enabled state or required two-factor sign-in",
        params: userParamsSchema,
        body: updateUserRequestSchema,
        response: {
          200: userViewSchema,
          ...errorAnswers({ 400: ['invalid_request'], 404: ['not_found'], 409: ['own_account', 'last_admin'] }),
        },
      },
      config: { validationHint: 'Send { role?, disabled?, totpRequired? }' },
    },
    async (request) => {
      const actor = actorOf(request);
      const { before, after } = await deps.actions.update(request.auth!.user.id, request.params.id, request.body);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (before.role !== after.role) changes.role = { from: before.role, to: after.role };
      if (before.disabled !== after.disabled) changes.disabled = { from: before.disabled, to: after.disabled };
      if (before.totpRequired !== after.totpRequired)
        changes.totpRequired = { from: before.totpRequired, to: after.totpRequired };
      if (Object.keys(changes).length > 0) {
        await deps.audit.record({ actor, action: 'user.updated', detail: { userId: after.id, email: after.email, changes } });
      }
      return after;
    },
  );

  api.post(
    '/api/admin/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Give an account a temporary password (changed at next sign-in; its sessions end)',
        params: userParamsSchema,
        body: resetPasswordRequestSchema.optional(),
        response: { 200: resetPasswordResponseSchema, ...errorAnswers({ 400: ['invalid_request'], 404: ['not_found'] }) },
      },
      config: { validationHint: 'Send { resetTotp?: boolean } or no body' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const resetTotp = request.body?.resetTotp ?? false;
      const { user, temporaryPassword } = await deps.actions.resetPassword(request.params.id, resetTotp);
      // The password itself is never audited or logged: it is shown to the admin once.
      await deps.audit.record({
        actor,
        action: 'user.password_reset',
        detail: { userId: user.id, email: user.email, resetTotp },
      });
      reply.header('cache-control', 'no-store');
      const body: ResetPasswordResponse = { temporaryPassword };
      return body;
    },
  );
}

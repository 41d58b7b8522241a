/**
 * The signed-in user's own account: change password, sign out other sessions, two-factor sign-in
 * (set up with a code from the app, turn off with the password). Each change is audited.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changePasswordRequestSchema,
  signOutOthersResponseSchema,
  totpConfirmRequestSchema,
  totpDisableRequestSchema,
  totpSetupResponseSchema,
  type SignOutOthersResponse,
  type TotpSetupResponse,
} from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { HttpError } from '../http-error.js';
import { errorAnswers, noContent } from '../http/answers.js';
import type { AccountActions } from './account-actions.js';
import { actorOf } from './reviewer-guard.js';

export interface AccountRouteDeps {
  actions: AccountActions;
  audit: AuditLog;
}

const wrongPassword = () => new HttpError(403, 'wrong_password', 'Your current password is wrong.');

export async function accountRoutes(app: FastifyInstance, deps: AccountRouteDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  api.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your password (your other sessions are signed out)',
        body: changePasswordRequestSchema,
        response: {
          204: noContent('Changed'),
          ...errorAnswers({ 400: ['invalid_request', 'weak_password'], 403: ['wrong_password', 'csrf_failed'] }),
        },
      },
      config: { validationHint: 'Send { currentPassword, newPassword }' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const auth = request.auth!;
      const { ok, closed } = await deps.actions.changePassword(
        auth.user.id,
        auth.idHash,
        request.body.currentPassword,
        request.body.newPassword,
      );
      if (!ok) throw wrongPassword();
      await deps.audit.record({ actor, action: 'auth.password_changed', detail: { otherSessionsClosed: closed } });
      return reply.code(204).send();
    },
  );

  api.post(
    '/api/auth/sessions/sign-out-others',
    {
      schema: { tags, summary: 'Sign out your other sessions', response: { 200: signOutOthersResponseSchema } },
      config: { noBody: true },
    },
    async (request) => {
      const actor = actorOf(request);
      const closed = await deps.actions.signOutOthers(request.auth!.user.id, request.auth!.idHash);
      await deps.audit.record({ actor, action: 'auth.sessions_revoked', detail: { closed } });
      const body: SignOutOthersResponse = { closed };
      return body;
    },
  );

  api.post(
    '/api/auth/totp/setup',
    {
      schema: {
        tags,
        summary: 'Start two-factor setup: a secret for your authenticator app',
        response: { 200: totpSetupResponseSchema, ...errorAnswers({ 409: ['totp_enabled'] }) },
      },
      config: { noBody: true },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const body: TotpSetupResponse = await deps.actions.beginTotpSetup(request.auth!.user.id);
      return body;
    },
  );

  api.post(
    '/api/auth/totp/confirm',
    {
      schema: {
        tags,
        summary: 'Turn two-factor sign-in on with a code from the app',
        body: totpConfirmRequestSchema,
        response: {
          204: noContent('Two-factor sign-in is on'),
          ...errorAnswers({ 400: ['invalid_request', 'invalid_totp_code'], 409: ['totp_not_started'] }),
        },
      },
      config: { validationHint: 'Send { code }' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!(await deps.actions.confirmTotp(request.auth!.user.id, request.body.code))) {
        throw new HttpError(
          400,
          'invalid_totp_code',
          'That code does not match. Check the time on your phone and try the next code.',
        );
      }
      await deps.audit.record({ actor, action: 'auth.totp_enabled' });
      return reply.code(204).send();
    },
  );

  api.post(
    '/api/auth/totp/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-factor sign-in off (needs your password)',
        body: totpDisableRequestSchema,
        response: {
          204: noContent('Two-factor sign-in is off'),
          ...errorAnswers({ 400: ['invalid_request'], 403: ['wrong_password', 'csrf_failed'], 409: ['totp_required'] }),
        },
      },
      config: { validationHint: 'Send { password }' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!(await deps.actions.disableTotp(request.auth!.user.id, request.body.password))) throw wrongPassword();
      await deps.audit.record({ actor, action: 'auth.totp_disabled', detail: { userId: request.auth!.user.id } });
      return reply.code(204).send();
    },
  );
}

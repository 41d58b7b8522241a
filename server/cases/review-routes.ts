/** Reviewer endpoints that change a case: take-next, decisions and re-runs (all audited). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseParamsSchema,
  checkViewSchema,
  decisionRequestSchema,
  decisionViewSchema,
  rerunRequestSchema,
  takeNextResponseSchema,
  type CheckView,
  type DecisionRequest,
  type DecisionView,
  type TakeNextResponse,
} from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { actorOf } from '../auth/reviewer-guard.js';
import { HttpError } from '../http-error.js';
import { errorAnswers, noContent } from '../http/answers.js';
import type { CaseQueue } from './queue.js';
import { rerunCheck, type RerunCheckDeps } from './rerun-check.js';
import type { ReviewActions } from './review.js';
import { checkView, decisionView, type ProviderNames } from './views.js';

export interface ReviewRouteDeps extends RerunCheckDeps {
  queue: CaseQueue;
  review: ReviewActions;
  audit: AuditLog;
  providerName: ProviderNames;
}

export async function reviewRoutes(app: FastifyInstance, deps: ReviewRouteDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  api.post(
    '/api/cases/take-next',
    {
      schema: {
        tags,
        summary: 'Take the next case: the one the caller holds in review, else the oldest waiting one',
        response: { 200: takeNextResponseSchema, 204: noContent('No case is waiting') },
      },
      config: { noBody: true },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const taken = await deps.queue.takeNext(request.auth!.user.id);
      if (!taken) return reply.code(204).send();
      if (taken.claimed)
        await deps.audit.record({ actor, action: 'case.assigned', caseId: taken.caseId, detail: { via: 'take-next' } });
      const body: TakeNextResponse = { caseId: taken.caseId };
      return body;
    },
  );

  api.post(
    '/api/cases/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Record a decision (approve and reject decide the case; escalate hands it on)',
        params: caseParamsSchema,
        body: decisionRequestSchema,
        response: { 201: decisionViewSchema, ...errorAnswers({ 400: ['invalid_request'], 404: ['not_found'] }) },
      },
      config: { validationHint: 'Send { decision, reasonCode, note? } with a reason from the list for that decision' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const d = request.body as DecisionRequest;
      const note = d.note?.trim() ? d.note.trim() : undefined;
      const row = await deps.review.decide(request.params.id, request.auth!.user, { ...d, note });
      if (!row) throw new HttpError(404, 'not_found', 'No such case.');
      const view: DecisionView = decisionView(row);
      await deps.audit.record({
        actor,
        action: 'decision.recorded',
        caseId: request.params.id,
        detail: { decisionId: view.id, decision: view.decision, reasonCode: view.reasonCode, note: view.note },
      });
      return reply.code(201).send(view);
    },
  );

  api.post(
    '/api/cases/:id/reruns',
    {
      schema: {
        tags,
        summary: "Re-run one vendor's check on the stored file that vendor would get",
        params: caseParamsSchema,
        body: rerunRequestSchema,
        response: {
          202: checkViewSchema,
          ...errorAnswers({
            400: ['invalid_request', 'unknown_provider'],
            404: ['not_found'],
            409: ['media_purged'],
            422: ['media_unsuitable', 'media_out_of_limits'],
          }),
        },
      },
      config: { validationHint: 'Send { providerId }' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const check = await rerunCheck(deps, { caseId: request.params.id, providerId: request.body.providerId, actor });
      const body: CheckView = checkView(check, deps.providerName);
      return reply.code(202).send(body);
    },
  );
}

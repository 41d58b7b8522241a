/** Reviewer endpoints that change a case: take-next, decisions and re-runs (all audited). */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  decisionRequestSchema,
  rerunRequestSchema,
  type CheckView,
  type DecisionRequest,
  type DecisionView,
  type TakeNextResponse,
} from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { actorOf } from '../auth/reviewer-guard.js';
import { HttpError, describeIssues } from '../http-error.js';
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

function badBody(error: z.ZodError, what: string): HttpError {
  const problems = describeIssues(error, 'body');
  return new HttpError(400, 'invalid_request', `${what} (${problems}).`);
}

export async function reviewRoutes(app: FastifyInstance, deps: ReviewRouteDeps): Promise<void> {
  app.post('/api/cases/take-next', async (request, reply) => {
    const actor = actorOf(request);
    const taken = await deps.queue.takeNext(request.auth!.user.id);
    if (!taken) return reply.code(204).send();
    if (taken.claimed)
      await deps.audit.record({ actor, action: 'case.assigned', caseId: taken.caseId, detail: { via: 'take-next' } });
    const body: TakeNextResponse = { caseId: taken.caseId };
    return body;
  });

  app.post<{ Params: { id: string } }>('/api/cases/:id/decisions', async (request, reply) => {
    const actor = actorOf(request);
    const parsed = decisionRequestSchema.safeParse(request.body);
    if (!parsed.success)
      throw badBody(parsed.error, 'Send { decision, reasonCode, note? } with a reason from the list for that decision');
    const d = parsed.data as DecisionRequest;
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
  });

  app.post<{ Params: { id: string } }>('/api/cases/:id/reruns', async (request, reply) => {
    const actor = actorOf(request);
    const parsed = rerunRequestSchema.safeParse(request.body);
    if (!parsed.success) throw badBody(parsed.error, 'Send { providerId }');
    const check = await rerunCheck(deps, { caseId: request.params.id, providerId: parsed.data.providerId, actor });
    const body: CheckView = checkView(check, deps.providerName);
    return reply.code(202).send(body);
  });
}

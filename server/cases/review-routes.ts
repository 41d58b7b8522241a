/** Reviewer endpoints that change a case: take-next, decisions and re-runs (all audited). */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { decisionRequestSchema, rerunRequestSchema, type DecisionRequest, type TakeNextResponse } from '@contract/api';
import type { ProbeResult } from '@contract/media/types.js';
import type { AuditLog } from '../audit/log.js';
import { actorOf } from '../auth/reviewer-guard.js';
import type { CheckRunner } from '../checks/runner.js';
import { MediaUnsuitable } from '../domain-errors.js';
import { assertMediaFits, mediaForProvider } from '../media/media-for-provider.js';
import type { VendorGateway } from '../checks/vendor-gateway.js';
import { HttpError, describeIssues } from '../http-error.js';
import type { CaseQueue } from './queue.js';
import type { CaseRepository } from './repository.js';
import type { ReviewActions } from './review.js';

export interface ReviewRouteDeps {
  repo: CaseRepository;
  queue: CaseQueue;
  review: ReviewActions;
  audit: AuditLog;
  runner: CheckRunner;
  gateways: Map<string, VendorGateway>;
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
    if (taken.claimed) await deps.audit.record({ actor, action: 'case.assigned', caseId: taken.caseId, detail: { via: 'take-next' } });
    const body: TakeNextResponse = { caseId: taken.caseId };
    return body;
  });

  app.post<{ Params: { id: string } }>('/api/cases/:id/decisions', async (request, reply) => {
    const actor = actorOf(request);
    const parsed = decisionRequestSchema.safeParse(request.body);
    if (!parsed.success) throw badBody(parsed.error, 'Send { decision, reasonCode, note? } with a reason from the list for that decision');
    const d = parsed.data as DecisionRequest;
    const note = d.note?.trim() ? d.note.trim() : undefined;
    const view = await deps.review.decide(request.params.id, request.auth!.user, { ...d, note });
    if (!view) throw new HttpError(404, 'not_found', 'No such case.');
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
    const caseId = request.params.id;
    const row = await deps.repo.caseRow(caseId);
    if (!row) throw new HttpError(404, 'not_found', 'No such case.');
    const gateway = deps.gateways.get(parsed.data.providerId);
    if (!gateway) throw new HttpError(400, 'unknown_provider', `Provider "${parsed.data.providerId}" is not enabled on this server.`);
    if (row.mediaPurgedAt) throw new HttpError(409, 'media_purged', 'The media was deleted under the retention policy; nothing to re-run on.');
    const provider = gateway.provider;
    const media = mediaForProvider(provider, await deps.repo.mediaOf(caseId));
    if (!media) throw new MediaUnsuitable('media_unsuitable', `${provider.displayName} needs a ${provider.limits.preferred}; this case has none stored.`);
    assertMediaFits([provider], [{ ...media, probe: media.probe as unknown as ProbeResult }]);
    const check = await deps.repo.addCheck(caseId, { id: randomUUID(), providerId: provider.id, mode: provider.mode, idempotencyKey: randomUUID() });
    await deps.audit.record({
      actor,
      action: 'check.rerun_requested',
      caseId,
      detail: { checkId: check.id, providerId: provider.id, mediaRole: media.role },
    });
    deps.runner.enqueue(check.id);
    return reply.code(202).send(check);
  });
}

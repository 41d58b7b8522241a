/**
 * A reviewer's re-run of one vendor on a case: a new pending check on the stored file that vendor
 * would have got at capture time, checked against its limits again (they may have changed since),
 * audited and started.
 */
import { randomUUID } from 'node:crypto';
import type { AuditActor } from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { Conflict, InvalidInput, MediaUnsuitable, NotFound } from '../domain-errors.js';
import { assertMediaFits, mediaForProvider } from '../media/media-for-provider.js';
import type { Provider } from '../providers/types.js';
import type { CaseRepository, CheckRow } from './repository.js';

export interface RerunCheckDeps {
  repo: Pick<CaseRepository, 'caseRow' | 'mediaOf' | 'addCheck'>;
  /** Enabled providers by id. */
  providers: ReadonlyMap<string, Provider>;
  /** Starts the new check (the check runner). */
  runner: { enqueue(checkId: string): void };
  audit: Pick<AuditLog, 'record'>;
}

export interface RerunRequest {
  caseId: string;
  providerId: string;
  actor: AuditActor;
}

export async function rerunCheck(deps: RerunCheckDeps, { caseId, providerId, actor }: RerunRequest): Promise<CheckRow> {
  const row = await deps.repo.caseRow(caseId);
  if (!row) throw new NotFound('not_found', 'No such case.');
  const provider = deps.providers.get(providerId);
  if (!provider) throw new InvalidInput('unknown_provider', `Provider "${providerId}" is not enabled on this server.`);
  if (row.mediaPurgedAt)
    throw new Conflict('media_purged', 'The media was deleted under the retention policy; nothing to re-run on.');
  const media = mediaForProvider(provider, await deps.repo.mediaOf(caseId));
  if (!media)
    throw new MediaUnsuitable(
      'media_unsuitable',
      `${provider.displayName} needs a ${provider.limits.preferred}; this case has none stored.`,
    );
  assertMediaFits([provider], [media]);
  const check = await deps.repo.addCheck(caseId, {
    id: randomUUID(),
    providerId: provider.id,
    mode: provider.mode,
    idempotencyKey: randomUUID(),
  });
  await deps.audit.record({
    actor,
    action: 'check.rerun_requested',
    caseId,
    detail: { checkId: check.id, providerId: provider.id, mediaRole: media.role },
  });
  deps.runner.enqueue(check.id);
  return check;
}

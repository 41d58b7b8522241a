/**
 * Runs each pending check against its provider, off the request path. A check's row exists
 * (status pending) before any vendor is called, so a crash or restart loses nothing:
 * `resumeUnfinished()` picks those rows up again with the same idempotency key.
 */
import { readFile } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { CaseRepository } from '../cases/repository.js';
import type { MediaStore } from '../media/store.js';
import type { CheckOutcome, MediaInput, Provider } from '../providers/types.js';

export interface CheckRunner {
  enqueue(checkId: string): void;
  resumeUnfinished(): Promise<number>;
  /** Resolves when no check is in flight (tests, graceful shutdown). */
  idle(): Promise<void>;
}

export function createCheckRunner(deps: {
  repo: CaseRepository;
  media: MediaStore;
  providers: Map<string, Provider>;
  log: FastifyBaseLogger;
}): CheckRunner {
  const inFlight = new Map<string, Promise<void>>();

  async function run(checkId: string): Promise<void> {
    const check = await deps.repo.check(checkId);
    if (!check || check.status === 'done' || check.status === 'error') return;
    const provider = deps.providers.get(check.providerId);
    const mediaRow = await deps.repo.media(check.caseId, provider?.limits.preferred ?? 'video');
    let outcome: CheckOutcome;
    if (!provider || !mediaRow) {
      outcome = {
        kind: 'error',
        category: 'unavailable',
        vendorCode: provider ? 'media_missing' : 'provider_not_configured',
        message: provider
          ? `No ${provider.limits.preferred} was stored for this case.`
          : `Provider ${check.providerId} is not configured on this server.`,
        latencyMs: 0,
        raw: null,
      };
    } else {
      await deps.repo.markRunning(checkId, check.attempts + 1);
      const bytes = await readFile(deps.media.pathOf(mediaRow.sha256));
      const input: MediaInput = {
        kind: mediaRow.role as MediaInput['kind'],
        bytes,
        container: String((mediaRow.probe as { container?: string; format?: string }).container ?? mediaRow.probe.format),
        mime: mediaRow.mime,
        sha256: mediaRow.sha256,
      };
      try {
        outcome = await provider.check(input, { idempotencyKey: check.idempotencyKey, attempt: check.attempts + 1 });
      } catch (err) {
        // Providers map vendor failures themselves; reaching here is a bug, kept visible to reviewers.
        deps.log.error({ err, checkId, provider: provider.id }, 'provider threw');
        outcome = {
          kind: 'error',
          category: 'unavailable',
          vendorCode: 'adapter_error',
          message: 'The adapter failed unexpectedly; see the server log.',
          latencyMs: 0,
          raw: null,
        };
      }
    }
    await deps.repo.finish(checkId, check.caseId, outcome);
    deps.log.info(
      { checkId, provider: check.providerId, outcome: outcome.kind === 'result' ? outcome.verdict : outcome.category },
      'check finished',
    );
  }

  function enqueue(checkId: string): void {
    if (inFlight.has(checkId)) return;
    const p = run(checkId)
      .catch((err: unknown) => deps.log.error({ err, checkId }, 'check run failed; it stays pending for the next start'))
      .finally(() => inFlight.delete(checkId));
    inFlight.set(checkId, p);
  }

  return {
    enqueue,
    async resumeUnfinished() {
      const ids = await deps.repo.unfinishedCheckIds();
      ids.forEach(enqueue);
      return ids.length;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },
  };
}

/**
 * Runs each pending check through its vendor gateway, off the request path. A check's row exists
 * (status pending) before any vendor is called, and each request is recorded as it is sent (with
 * every "throttled" answer), so a crash or restart loses nothing and charges nothing twice.
 *
 * Several processes may share the database: a check runs only in the process holding its lease
 * (server/db/work-queue.ts), renewed while it runs. Checks nobody holds — new ones from any process,
 * and those of a process that died, once its lease has run out — are claimed by the poll (and at
 * once on a `work_ready` notification), and run again with the same idempotency key and what is
 * left of their retry budget.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AuditLog } from '../audit/log.js';
import type { CheckAudit } from '../cases/check-writes.js';
import type { CaseRepository, CheckRow, MediaRow } from '../cases/repository.js';
import { mediaForProvider } from '../media/media-for-provider.js';
import type { MediaLinks } from '../media/links.js';
import type { MediaStore } from '../media/store.js';
import type { CheckOutcome, MediaInput } from '../providers/types.js';
import { createPoller, DEFAULT_LEASES, type LeaseSettings, type Poller } from '../db/work-queue.js';
import { GatewayStoppedError, type VendorGateway } from './vendor-gateway.js';
import { createSharedReads, type SharedRead } from './shared-reads.js';

export interface CheckRunner {
  /** Runs the check here unless another process holds it. */
  enqueue(checkId: string): void;
  /** Claims the unfinished checks nobody holds (new, or their holder's lease ran out); how many. */
  resumeUnfinished(): Promise<number>;
  /** Keeps claiming such checks: every poll interval, and on each notification from `listen`. */
  start: Poller['start'];
  /**
   * Stops claiming and starts no further checks (graceful shutdown): those under way go on (`idle()` waits for
   * them); unstarted ones stay pending in the store for another process once their lease runs out.
   */
  stop(): Promise<void>;
  /** Checks enqueued and not finished yet (waiting for a vendor slot, a retry or an answer). */
  backlog(): number;
  /** Resolves when no check is in flight (tests, graceful shutdown). */
  idle(): Promise<void>;
}

export interface CheckRunnerDeps {
  repo: CaseRepository;
  media: MediaStore;
  gateways: Map<string, VendorGateway>;
  links: MediaLinks;
  /** Where vendors can fetch signed media links; undefined disables URL-only vendors' video path. */
  publicBaseUrl: () => string | undefined;
  log: FastifyBaseLogger;
  /**
   * Given: check.started / check.finished are recorded for the case's timeline — by the repository, in the same
   * statement as the check's own write (the rows this log's `record` writes), so not through this object.
   */
  audit?: AuditLog;
  leases?: LeaseSettings;
  /** Most checks this process claims from the poll at once (its own captures' checks always run here). */
  maxClaimed?: number;
}

const finishedDetail = (check: CheckRow, outcome: CheckOutcome) => ({
  checkId: check.id,
  providerId: check.providerId,
  latencyMs: outcome.latencyMs,
  ...(outcome.kind === 'result' ? { verdict: outcome.verdict } : { error: outcome.category, vendorCode: outcome.vendorCode }),
});

const internalFailure = (vendorCode: string, message: string): CheckOutcome => ({
  kind: 'error',
  category: 'unavailable',
  vendorCode,
  message,
  latencyMs: 0,
  raw: null,
});

export function createCheckRunner(deps: CheckRunnerDeps): CheckRunner {
  const { leaseMs, pollMs } = deps.leases ?? DEFAULT_LEASES;
  const maxClaimed = deps.maxClaimed ?? 500;
  const work = deps.repo.checkWork({ leaseMs, log: deps.log });
  // A capture's checks run together: one copy of its file for all of them.
  const reads = createSharedReads((sha256) => deps.media.read(sha256));
  const inFlight = new Map<string, Promise<void>>();
  const poller = createPoller('checks', pollMs, () => claimMore(), deps.log);
  let stopped = false;

  async function presigned(sha256: string, ttlSeconds: number, mime: string): Promise<string> {
    const url = await deps.media.presignedGet(sha256, ttlSeconds, mime);
    if (!url) throw new Error('this media store cannot presign URLs');
    return url;
  }

  /**
   * check.started / check.finished go in the same statement as the check's own write (the repository's): a check
   * cannot start or finish without its audit row, and each costs the database no statement of its own.
   */
  const startedAudit = (caseId: string, detail: Record<string, unknown>): CheckAudit | undefined =>
    deps.audit ? { action: 'check.started', caseId, detail } : undefined;

  /** A capture's checks run together: its media rows read once for all of them, dropped when the last is done. */
  const caseMedia = new Map<string, { rows: Promise<MediaRow[]>; users: number }>();
  async function withMediaOf<T>(caseId: string, use: (rows: MediaRow[]) => Promise<T>): Promise<T> {
    let entry = caseMedia.get(caseId);
    if (!entry) caseMedia.set(caseId, (entry = { rows: deps.repo.mediaOf(caseId), users: 0 }));
    const mine = entry;
    mine.users++;
    try {
      return await use(await mine.rows);
    } finally {
      if (--mine.users === 0 && caseMedia.get(caseId) === mine) caseMedia.delete(caseId);
    }
  }

  async function run(checkId: string, claimed: boolean): Promise<void> {
    // Not claimed: finished meanwhile, or another process runs it.
    if (!claimed && !(await work.claim(checkId))) return;
    try {
      await runClaimed(checkId);
    } finally {
      work.forget(checkId);
    }
  }

  async function runClaimed(checkId: string): Promise<void> {
    const check = await deps.repo.check(checkId);
    if (!check || check.status === 'done' || check.status === 'error') return;
    const outcome = await withMediaOf(check.caseId, (media) => outcomeOf(check, media));
    if (outcome === undefined) return;
    const auditDetail = deps.audit ? finishedDetail(check, outcome) : undefined;
    if (!(await deps.repo.finish(checkId, check.caseId, outcome, work.owner, auditDetail))) {
      deps.log.warn({ checkId, provider: check.providerId }, 'check finished after its lease was taken over; outcome dropped');
      return;
    }
    deps.log.info(
      { checkId, provider: check.providerId, outcome: outcome.kind === 'result' ? outcome.verdict : outcome.category },
      'check finished',
    );
  }

  /** The check's outcome: its vendor's answer, or why it could not be asked; undefined when shutting down. */
  async function outcomeOf(check: CheckRow, media: MediaRow[]): Promise<CheckOutcome | undefined> {
    const checkId = check.id;
    const gateway = deps.gateways.get(check.providerId);
    let outcome: CheckOutcome;
    let file: SharedRead<Buffer> | undefined;
    try {
      if (!gateway) {
        outcome = internalFailure('provider_not_configured', `Provider ${check.providerId} is not enabled on this server.`);
      } else {
        const row = mediaForProvider(gateway.provider, media);
        if (!row) {
          outcome = internalFailure('media_missing', `No media this provider accepts was stored for the case.`);
        } else {
          file = await reads.acquire(row.sha256);
          const input: MediaInput = {
            kind: row.role.startsWith('image') ? 'image' : 'video',
            bytes: file.bytes,
            container: 'container' in row.probe ? row.probe.container : row.probe.format,
            mime: row.mime,
            sha256: row.sha256,
          };
          const base = deps.publicBaseUrl();
          // Only the on-box screening reads the capture's telemetry (its camera label); vendors never get it.
          const telemetry = gateway.provider.mode === 'local' ? await deps.repo.telemetryOf(check.caseId) : undefined;
          try {
            outcome = await gateway.run(
              input,
              {
                idempotencyKey: check.idempotencyKey,
                publicMediaUrl: base
                  ? (ttl) =>
                      `${base}/api/media-links/${deps.links.sign({ caseId: check.caseId, role: row.role, sha256: row.sha256 }, ttl)}`
                  : undefined,
                ...(deps.media.kind === 's3' ? { presignedMediaUrl: (ttl) => presigned(row.sha256, ttl, row.mime) } : {}),
                ...(telemetry ? { telemetry } : {}),
              },
              {
                sent: (attempt) =>
                  deps.repo.markRunning(
                    checkId,
                    attempt,
                    startedAudit(check.caseId, { checkId, providerId: check.providerId, attempt, mediaRole: row.role }),
                  ),
                throttled: (count) => deps.repo.markThrottled(checkId, count),
              },
              { sent: check.attempts, throttled: check.throttledAnswers },
            );
          } catch (err) {
            // Shutting down: nothing more was sent; the check stays pending (with what it cost so far) for the next process.
            if (err instanceof GatewayStoppedError) return undefined;
            // Providers map vendor failures themselves; reaching here is a bug, kept visible to reviewers.
            deps.log.error({ err, checkId, provider: check.providerId }, 'provider threw');
            outcome = internalFailure('adapter_error', 'The adapter failed unexpectedly; see the server log.');
          }
        }
      }
    } finally {
      file?.release();
    }
    return outcome;
  }

  function track(checkId: string, claimed: boolean): void {
    if (stopped || inFlight.has(checkId)) return;
    const p = run(checkId, claimed)
      .catch((err: unknown) => deps.log.error({ err, checkId }, 'check run failed; it is claimed again when its lease runs out'))
      .finally(() => inFlight.delete(checkId));
    inFlight.set(checkId, p);
  }

  async function claimMore(): Promise<number> {
    const ids = await work.claimNext(maxClaimed - inFlight.size);
    // One claimed here while its own enqueue() was claiming it is already running.
    ids.forEach((id) => track(id, true));
    return ids.length;
  }

  return {
    enqueue: (checkId) => track(checkId, false),
    backlog: () => inFlight.size,
    resumeUnfinished: claimMore,
    start: (listen) => poller.start(listen),
    async stop() {
      stopped = true;
      await poller.stop();
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },
  };
}

/**
 * The capture-integrity screening every capture gets, whatever providers were chosen: after the
 * capture's vendor checks are enqueued, off the request path, one capture at a time. Its findings
 * are stored with the case (cases.integrity) and its sampled frames as case media `frame.N`, so
 * review never needs to decode video. The case is created with integrity `pending`, so a restart
 * picks unfinished screenings up again (`resumePending`).
 *
 * The queue is bounded (`maxQueue`, LOCAL_SCREENING_MAX_QUEUE): a case past it — at schedule time
 * or at a restart — is recorded `status: error` ("Not screened: N captures were already waiting…")
 * instead of waiting hours behind the others. Admission control can refuse captures earlier by
 * reading `backlog()`.
 *
 * Several processes may share the database: a case is screened only by the process holding its
 * screening lease (server/db/work-queue.ts), taken when it is queued and renewed until its record
 * is saved. Pending cases nobody holds (another process's, or a dead process's once its lease ran
 * out) are claimed by the poll, as far as the queue has room.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { CaptureIntegrity } from '@contract/api';
import type { ImageProbe } from '@contract/media/types.js';
import type { CaseRepository, NewMedia } from '../cases/repository.js';
import { removeCreated, storeThenSave } from '../media/store-then-save.js';
import type { MediaStore } from '../media/store.js';
import { LOCAL_SCREENING_CONFIG } from '../providers/local/config.js';
import { frameRole, toCaptureIntegrity } from '../providers/local/integrity-record.js';
import { ScreeningUnavailableError, type ScreeningService } from '../providers/local/screening-service.js';
import { createPoller, DEFAULT_LEASES, type LeaseSettings, type Poller } from '../db/work-queue.js';

export interface CaptureIntegrityScreening {
  /**
   * Queues the case's screening; it starts only after the current turn of the event loop. False when
   * the queue is full: the case is then recorded as not screened.
   */
  schedule(caseId: string): boolean;
  /** Cases waiting for their screening or being screened. */
  backlog(): number;
  /** Claims the pending cases nobody holds; past the bound they are recorded as not screened. How many were queued. */
  resumePending(): Promise<number>;
  /** Keeps claiming pending cases nobody holds while the queue has room (poll and notifications). */
  start: Poller['start'];
  /** Resolves when the queue is empty (tests). */
  idle(): Promise<void>;
  /**
   * Shutdown: starts nothing more and waits for the screening in progress. Queued cases stay
   * `pending` in the store, their leases given back, for another process or the next start.
   */
  stop(): Promise<void>;
}

export interface CaptureIntegrityDeps {
  repo: CaseRepository;
  media: MediaStore;
  screenings: ScreeningService;
  log: FastifyBaseLogger;
  /** Most cases waiting at once (default LOCAL_SCREENING_CONFIG.queue.maxDepth). */
  maxQueue?: number;
  leases?: LeaseSettings;
}

/** The record a new case starts with. */
export const PENDING_INTEGRITY: CaptureIntegrity = {
  status: 'pending',
  label: LOCAL_SCREENING_CONFIG.label,
  findings: [],
  frames: [],
};

export function createCaptureIntegrity(deps: CaptureIntegrityDeps): CaptureIntegrityScreening {
  const maxQueue = deps.maxQueue ?? LOCAL_SCREENING_CONFIG.queue.maxDepth;
  const { leaseMs, pollMs } = deps.leases ?? DEFAULT_LEASES;
  const work = deps.repo.screeningWork({ leaseMs, log: deps.log });
  const poller = createPoller('screenings', pollMs, () => claimMore(), deps.log);
  // Each queued case's claim (true: this process holds its lease).
  const queued = new Map<string, Promise<boolean>>();
  let screening: string | undefined;
  // "Not screened" records being written (idle() and stop() wait for them).
  const refusals = new Set<Promise<void>>();
  // Cases wait as ids, not bytes: a burst of captures costs no memory until each one's turn.
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  async function screen(caseId: string): Promise<void> {
    const video = (await deps.repo.mediaOf(caseId)).find((m) => m.role === 'video');
    const telemetry = await deps.repo.telemetryOf(caseId);
    if (!video || telemetry === undefined) return; // the case is gone
    const bytes = await deps.media.read(video.sha256);
    const result = await deps.screenings.screen({ sha256: video.sha256, bytes }, telemetry);
    const { saved, stored } = await storeThenSave(
      deps.media,
      result.frames,
      (frame) => deps.media.put(frame.jpeg),
      (stored) =>
        deps.repo.saveIntegrity(
          caseId,
          toCaptureIntegrity(result, new Date()),
          stored.map(({ item: frame, sha256 }): NewMedia => {
            const probe: ImageProbe & { timeS: number } = {
              kind: 'image',
              format: 'jpeg',
              mime: 'image/jpeg',
              width: frame.width,
              height: frame.height,
              timeS: frame.timeS,
            };
            return { role: frameRole(frame.index), sha256, mime: 'image/jpeg', byteLength: frame.jpeg.length, probe };
          }),
          work.owner,
        ),
    );
    if (!saved) {
      deps.log.warn({ caseId }, 'screening finished after its lease was taken over; result dropped');
      await removeCreated(deps.media, stored);
      return;
    }
    deps.log.info(
      { caseId, verdict: result.verdict, findings: result.findings.map((f) => f.code), ms: result.timingsMs.total },
      'capture screened',
    );
  }

  async function screenOrRecordError(caseId: string, claimed: Promise<boolean>): Promise<void> {
    // Not claimed: screened meanwhile, or another process screens it.
    if (!(await claimed.catch(() => false))) return void queued.delete(caseId);
    try {
      if (stopped) return; // stays pending in the store (its lease was given back)
      screening = caseId;
      await screen(caseId);
    } catch (err) {
      deps.log.error({ err, caseId }, 'capture screening failed');
      const why =
        err instanceof ScreeningUnavailableError && err.reason === 'decode_timeout'
          ? 'The screening did not finish within its time limit (the server may be busy).'
          : 'The screening could not run; see the server log.';
      const error: CaptureIntegrity = { ...PENDING_INTEGRITY, status: 'error', error: why };
      await deps.repo
        .saveIntegrity(caseId, error, [], work.owner)
        .catch((e: unknown) => deps.log.error({ err: e, caseId }, 'could not record the screening failure'));
    } finally {
      screening = undefined;
      queued.delete(caseId);
      work.forget(caseId);
    }
  }

  async function recordQueueFull(caseId: string, claimed: Promise<boolean>): Promise<void> {
    // Another process holding it may have room; only a case this process holds is given up.
    if (!(await claimed)) return;
    deps.log.warn({ caseId, maxQueue }, 'capture not screened: the screening queue is full');
    const error: CaptureIntegrity = {
      ...PENDING_INTEGRITY,
      status: 'error',
      error: `Not screened: ${maxQueue} captures were already waiting for the local screening (LOCAL_SCREENING_MAX_QUEUE).`,
    };
    await deps.repo
      .saveIntegrity(caseId, error, [], work.owner)
      .catch((e: unknown) => deps.log.error({ err: e, caseId }, 'could not record the skipped screening'))
      .finally(() => work.forget(caseId));
  }

  /** `claimed`: the case's claim, when the poll made it; else it is claimed here. */
  function schedule(caseId: string, claimed?: Promise<boolean>): boolean {
    if (stopped || queued.has(caseId)) return !stopped;
    const claim = claimed ?? work.claim(caseId).catch(() => false);
    if (queued.size >= maxQueue) {
      const write = recordQueueFull(caseId, claim).finally(() => refusals.delete(write));
      refusals.add(write);
      return false;
    }
    queued.set(caseId, claim);
    // setImmediate: the request's own vendor checks (enqueued just before) get the loop first.
    chain = chain.then(
      () => new Promise<void>((resolve) => setImmediate(() => void screenOrRecordError(caseId, claim).then(resolve))),
    );
    return true;
  }

  /** As many pending cases nobody holds as the queue has room for. */
  async function claimMore(): Promise<number> {
    if (stopped) return 0;
    const ids = await work.claimNext(maxQueue - queued.size);
    return ids.filter((id) => schedule(id, Promise.resolve(true))).length;
  }

  return {
    schedule: (caseId) => schedule(caseId),
    backlog: () => queued.size,
    /** Oldest first; those past the bound are recorded as not screened. Returns how many were queued. */
    async resumePending() {
      const ids = await work.claimNext(100_000);
      return ids.filter((id) => schedule(id, Promise.resolve(true))).length;
    },
    start: (listen) => poller.start(listen),
    async idle() {
      while (queued.size > 0 || refusals.size > 0) await Promise.all([chain, ...refusals]);
    },
    async stop() {
      stopped = true;
      await poller.stop();
      const waiting = [...queued.keys()].filter((id) => id !== screening);
      await work.release(waiting).catch((err: unknown) => deps.log.error({ err }, 'could not give back screening leases'));
      await Promise.all([chain, ...refusals]);
    },
  };
}

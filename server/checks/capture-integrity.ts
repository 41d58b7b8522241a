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
 */
import type { FastifyBaseLogger } from 'fastify';
import type { CaptureIntegrity } from '@contract/api';
import type { ImageProbe } from '@contract/media/types.js';
import type { CaseRepository, NewMedia } from '../cases/repository.js';
import { storeThenSave } from '../media/store-then-save.js';
import type { MediaStore } from '../media/store.js';
import { LOCAL_SCREENING_CONFIG } from '../providers/local/config.js';
import { frameRole, toCaptureIntegrity } from '../providers/local/integrity-record.js';
import { ScreeningUnavailableError, type ScreeningService } from '../providers/local/screening-service.js';

export interface CaptureIntegrityScreening {
  /**
   * Queues the case's screening; it starts only after the current turn of the event loop. False when
   * the queue is full: the case is then recorded as not screened.
   */
  schedule(caseId: string): boolean;
  /** Cases waiting for their screening or being screened. */
  backlog(): number;
  resumePending(): Promise<number>;
  /** Resolves when the queue is empty (tests). */
  idle(): Promise<void>;
  /**
   * Shutdown: starts nothing more and waits for the screening in progress. Queued cases stay
   * `pending` in the store and are screened after the next start.
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
  const queued = new Set<string>();
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
    await storeThenSave(
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
        ),
    );
    deps.log.info(
      { caseId, verdict: result.verdict, findings: result.findings.map((f) => f.code), ms: result.timingsMs.total },
      'capture screened',
    );
  }

  async function screenOrRecordError(caseId: string): Promise<void> {
    try {
      if (stopped) return; // stays pending in the store
      await screen(caseId);
    } catch (err) {
      deps.log.error({ err, caseId }, 'capture screening failed');
      const why =
        err instanceof ScreeningUnavailableError && err.reason === 'decode_timeout'
          ? 'The screening did not finish within its time limit (the server may be busy).'
          : 'The screening could not run; see the server log.';
      const error: CaptureIntegrity = { ...PENDING_INTEGRITY, status: 'error', error: why };
      await deps.repo
        .saveIntegrity(caseId, error, [])
        .catch((e: unknown) => deps.log.error({ err: e, caseId }, 'could not record the screening failure'));
    } finally {
      queued.delete(caseId);
    }
  }

  async function recordQueueFull(caseId: string): Promise<void> {
    deps.log.warn({ caseId, maxQueue }, 'capture not screened: the screening queue is full');
    const error: CaptureIntegrity = {
      ...PENDING_INTEGRITY,
      status: 'error',
      error: `Not screened: ${maxQueue} captures were already waiting for the local screening (LOCAL_SCREENING_MAX_QUEUE).`,
    };
    await deps.repo
      .saveIntegrity(caseId, error, [])
      .catch((e: unknown) => deps.log.error({ err: e, caseId }, 'could not record the skipped screening'));
  }

  function schedule(caseId: string): boolean {
    if (stopped || queued.has(caseId)) return !stopped;
    if (queued.size >= maxQueue) {
      const write = recordQueueFull(caseId).finally(() => refusals.delete(write));
      refusals.add(write);
      return false;
    }
    queued.add(caseId);
    // setImmediate: the request's own vendor checks (enqueued just before) get the loop first.
    chain = chain.then(() => new Promise<void>((resolve) => setImmediate(() => void screenOrRecordError(caseId).then(resolve))));
    return true;
  }

  return {
    schedule,
    backlog: () => queued.size,
    /** Oldest first; those past the bound are recorded as not screened. Returns how many were queued. */
    async resumePending() {
      const ids = await deps.repo.pendingIntegrityCaseIds();
      return ids.filter((id) => schedule(id)).length;
    },
    async idle() {
      while (queued.size > 0 || refusals.size > 0) await Promise.all([chain, ...refusals]);
    },
    async stop() {
      stopped = true;
      await Promise.all([chain, ...refusals]);
    },
  };
}

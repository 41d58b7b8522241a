/**
 * One screening per clip, shared: the capture-integrity record and the `local` check both ask for
 * the same clip (same sha256) and get the same analysis; only the telemetry-based findings are
 * evaluated per caller. A settled analysis is kept a few minutes, long enough for the `local` check
 * queued behind it, then dropped (the stored integrity record is the durable copy).
 */
import { evaluateScreening } from './evaluate.js';
import { screeningHost, type ScreeningHost } from './screening-host.js';
import type { ClipAnalysisResult, LocalScreeningResult } from './types.js';

/**
 * The screening itself could not finish (time limit on a busy box, detector failure): not the
 * clip's fault, so it is not reported as an "unreadable" finding.
 */
export class ScreeningUnavailableError extends Error {
  override name = 'ScreeningUnavailableError';
  constructor(
    readonly reason: 'decode_timeout' | 'detector_failed',
    message: string,
  ) {
    super(message);
  }
}

const INFRASTRUCTURE_REASONS = new Set(['decode_timeout', 'detector_failed']);

export interface ScreeningService {
  screen(clip: { sha256: string; bytes: Uint8Array }, telemetry?: Record<string, unknown>): Promise<LocalScreeningResult>;
}

/** The service as created: with its worker host's backlog and lifetime. */
export interface LocalScreeningService extends ScreeningService {
  /** Clips waiting for or in analysis on this service's worker host. */
  backlog(): number;
  /** What the worker host holds now (nothing until the first clip, nothing again once idle). */
  loaded(): { detector: boolean; decoder: boolean };
  /** Ends the workers (shutdown, tests). */
  close(): Promise<void>;
}

export interface ScreeningServiceOptions {
  /** Defaults to the process-wide worker host. */
  host?: ScreeningHost;
  /** How long a settled analysis stays shared. */
  keepMs?: number;
}

interface Analysis {
  result: ClipAnalysisResult;
  queuedMs: number;
  startedAt: number;
}

export function createScreeningService(options: ScreeningServiceOptions = {}): LocalScreeningService {
  const keepMs = options.keepMs ?? 5 * 60_000;
  const analyses = new Map<string, Promise<Analysis>>();
  const host = () => options.host ?? screeningHost();

  function analyse(sha256: string, bytes: Uint8Array): Promise<Analysis> {
    const cached = analyses.get(sha256);
    if (cached) return cached;
    const startedAt = performance.now();
    // host.analyse never rejects (a crash or timeout is an unreadable result).
    const job = host()
      .analyse(bytes)
      .then(({ result, queuedMs }) => ({ result, queuedMs, startedAt }));
    analyses.set(sha256, job);
    void job.then(() => setTimeout(() => analyses.delete(sha256), keepMs).unref());
    return job;
  }

  return {
    backlog: () => host().backlog(),
    loaded: () => host().loaded(),
    close: () => host().close(),
    async screen(clip, telemetry) {
      const { result, queuedMs, startedAt } = await analyse(clip.sha256, clip.bytes);
      if (!result.readable && INFRASTRUCTURE_REASONS.has(result.reason)) {
        analyses.delete(clip.sha256); // a later request may succeed
        throw new ScreeningUnavailableError(result.reason as ScreeningUnavailableError['reason'], result.detail);
      }
      return {
        ...evaluateScreening(result, telemetry),
        timingsMs: {
          queued: Math.round(queuedMs),
          ...(result.readable
            ? { decode: Math.round(result.timingsMs.decode), detect: Math.round(result.timingsMs.detect) }
            : {}),
          total: Math.round(performance.now() - startedAt),
        },
      };
    },
  };
}

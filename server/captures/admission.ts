/**
 * Whether the server takes a new capture at all, decided before its body is read: 503 `busy`
 * (with Retry-After) while the vendor-check or screening backlog is at its configured depth, and
 * 503 `storage_full` when storing the upload would leave the media volume below its free-space
 * threshold. Runs as a route-level onRequest hook on POST /api/captures (`installCaptureAdmission`).
 */
import { statfs as fsStatfs } from 'node:fs/promises';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { HttpError } from '../http-error.js';

/** What a client is told to wait when the backlog is full (a few vendor round trips). */
export const BUSY_RETRY_AFTER_S = 30;
/** statfs is cheap but not free; a burst of uploads shares one answer for this long. */
const FREE_SPACE_CACHE_MS = 2_000;

export interface CaptureAdmissionOptions {
  /** A directory on the media volume. */
  mediaDir: string;
  minFreeBytes: number;
  /** Assumed size of an upload that declares no Content-Length. */
  maxUploadBytes: number;
  maxPendingChecks: number;
  maxPendingScreenings: number;
  checkBacklog: () => number;
  screeningBacklog: () => number;
  log: FastifyBaseLogger;
  /** Tests stub the file system's answer. */
  statfs?: (path: string) => Promise<{ bavail: number; bsize: number }>;
  now?: () => number;
}

export function createCaptureAdmission(options: CaptureAdmissionOptions): onRequestHookHandler {
  const statfs = options.statfs ?? ((path: string) => fsStatfs(path));
  const now = options.now ?? Date.now;
  let cached: { at: number; free: Promise<number | undefined> } | undefined;

  /** Free bytes on the media volume, or undefined when it cannot be read (then uploads go ahead). */
  function freeBytes(): Promise<number | undefined> {
    if (cached && now() - cached.at < FREE_SPACE_CACHE_MS) return cached.free;
    const free = statfs(options.mediaDir).then(
      (s) => s.bavail * s.bsize,
      (err: unknown) => {
        options.log.warn({ err }, 'could not read the free space of the media volume; uploads are not checked against it');
        return undefined;
      },
    );
    cached = { at: now(), free };
    return free;
  }

  function declaredSize(request: FastifyRequest): number {
    const length = Number(request.headers['content-length']);
    return Number.isFinite(length) && length >= 0 ? length : options.maxUploadBytes;
  }

  return async (request, reply) => {
    if (options.checkBacklog() >= options.maxPendingChecks || options.screeningBacklog() >= options.maxPendingScreenings) {
      reply.header('retry-after', String(BUSY_RETRY_AFTER_S));
      throw new HttpError(503, 'busy', `The server is busy with earlier captures; please try again in ${BUSY_RETRY_AFTER_S} s.`);
    }
    const free = await freeBytes();
    if (free !== undefined && free < options.minFreeBytes + declaredSize(request)) {
      request.log.warn(
        { freeBytes: free, minFreeBytes: options.minFreeBytes },
        'upload refused: the media volume is nearly full',
      );
      throw new HttpError(
        503,
        'storage_full',
        'The server has no room to store your video right now. Nothing was saved; please try again later. (Operators: free space in DATA_DIR.)',
      );
    }
  };
}

/** Attaches the admission to POST /api/captures when that route is registered (call before it). */
export function installCaptureAdmission(app: FastifyInstance, options: CaptureAdmissionOptions): void {
  const admission = createCaptureAdmission(options);
  app.addHook('onRoute', (route) => {
    // Route-level, so it runs before the body is read (and after the rate limit, added earlier).
    if (route.method === 'POST' && route.url === '/api/captures')
      route.onRequest = [...[route.onRequest ?? []].flat(), admission];
  });
}

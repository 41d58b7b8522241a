/**
 * Runs one fitting job in the browser (Mediabunny, WebCodecs for a re-encode) in a fresh worker
 * (browser-fit-worker.ts) and terminates it afterwards; an abort terminates it at once. Same result
 * shape as the ffmpeg runner, so fit-recording.ts treats both alike.
 */
import { abortError } from '../../../lib/abort';
import type { BrowserFitJobMessage, BrowserFitWorkerMessage } from './browser-fit-worker';
import type { FitJobAction } from './plan';
import { FITTING_CANCELLED, type FfmpegJobResult } from './run-ffmpeg';

export interface BrowserFitJobOptions {
  action: FitJobAction;
  input: Uint8Array;
  /** 0–1 within this job. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Starting the worker (its script and Mediabunny) counts for the first 5 % of the job. */
const LOAD_SHARE = 0.05;

interface FitWorker {
  worker: Worker;
  /** Resolves once the worker has loaded its script and Mediabunny (its `ready` message); rejects if it cannot start. */
  ready: Promise<void>;
}

function startFitWorker(): FitWorker {
  const worker = new Worker(new URL('./browser-fit-worker.ts', import.meta.url), { type: 'module', name: 'browser-fitting' });
  const ready = new Promise<void>((resolve, reject) => {
    const onReady = (event: MessageEvent<BrowserFitWorkerMessage>) => {
      if (event.data.type !== 'ready') return;
      worker.removeEventListener('message', onReady);
      resolve();
    };
    worker.addEventListener('message', onReady);
    worker.addEventListener('error', (event) =>
      reject(new Error(`the fitting worker failed: ${event.message || 'it did not start'}`)),
    );
  });
  // A spare no job takes must not report an unhandled rejection; the job that takes it hears of it.
  ready.catch(() => undefined);
  return { worker, ready };
}

/** A worker started ahead of the job (keepFitWorkerWarm); the next job takes it. */
let spare: FitWorker | null = null;

/**
 * Starts a fitting worker now, while the person records, so the job after the recording does not
 * wait for the worker's script and Mediabunny (most of a stream copy's time). The returned cleanup
 * terminates it if no job took it.
 */
export function keepFitWorkerWarm(): () => void {
  spare ??= startFitWorker();
  const mine = spare;
  return () => {
    if (spare !== mine) return;
    spare = null;
    mine.worker.terminate();
  };
}

export function runBrowserFitJob(options: BrowserFitJobOptions): Promise<FfmpegJobResult> {
  const { action, input, onProgress, signal } = options;
  if (signal?.aborted) return Promise.reject(abortError(FITTING_CANCELLED));
  const started = performance.now();
  const { worker, ready } = spare ?? startFitWorker();
  spare = null;
  return new Promise<FfmpegJobResult>((resolve, reject) => {
    let loadMs = 0;
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(abortError(FITTING_CANCELLED)));
    signal?.addEventListener('abort', onAbort);
    worker.onerror = (event) =>
      finish(() => reject(new Error(`the fitting worker failed: ${event.message || 'it did not start'}`)));
    ready.then(
      () => {
        if (settled) return;
        loadMs = Math.round(performance.now() - started);
        onProgress?.(LOAD_SHARE);
        // A copy: the caller's bytes stay usable (for the ffmpeg fallback and the next job).
        const copy = input.slice();
        const job: BrowserFitJobMessage = { input: copy, action };
        worker.postMessage(job, [copy.buffer]);
      },
      (error: unknown) => finish(() => reject(error)),
    );
    worker.onmessage = (event: MessageEvent<BrowserFitWorkerMessage>) => {
      const message = event.data;
      switch (message.type) {
        case 'ready':
          break;
        case 'progress':
          onProgress?.(LOAD_SHARE + (1 - LOAD_SHARE) * Math.min(1, Math.max(0, message.fraction)));
          break;
        case 'done':
          finish(() => resolve({ bytes: message.bytes, loadMs, execMs: message.execMs }));
          break;
        case 'error':
          finish(() => reject(new Error(message.message)));
          break;
      }
    };
  });
}

/**
 * Runs one fitting job in ffmpeg.wasm's own worker, on a FRESH FFmpeg instance that is terminated
 * afterwards (one instance reused for many jobs ran out of bounds in our measurements, and
 * terminating frees the wasm heap at once).
 */
import { FFmpeg } from '@ffmpeg/ffmpeg';
import { abortError } from '../../../lib/abort';
import { expectedOutputSeconds, ffmpegArgs } from './ffmpeg-args';
import type { FfmpegCoreUrls } from './ffmpeg-core';
import type { FitJobAction } from './plan';

export interface FfmpegJobResult {
  bytes: Uint8Array;
  loadMs: number;
  execMs: number;
}

export interface FfmpegJobOptions {
  core: FfmpegCoreUrls;
  action: FitJobAction;
  input: Uint8Array;
  inputName: string;
  inputDurationS: number;
  /** 0–1 within this job: loading the core counts for the first 10 %. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

const OUTPUT_NAME = 'fitted.mp4';
const LOAD_SHARE = 0.1;
/** The last lines of ffmpeg's log go into the error, so a failure says why. */
const LOG_LINES_KEPT = 6;

export const FITTING_CANCELLED = 'Fitting cancelled';

export async function runFfmpegJob(options: FfmpegJobOptions): Promise<FfmpegJobResult> {
  const { core, action, input, inputName, inputDurationS, onProgress, signal } = options;
  if (signal?.aborted) throw abortError(FITTING_CANCELLED);
  const ffmpeg = new FFmpeg();
  const log: string[] = [];
  const onAbort = () => ffmpeg.terminate(); // rejects whatever call is pending
  signal?.addEventListener('abort', onAbort);
  try {
    const loadStarted = performance.now();
    await ffmpeg.load({ coreURL: core.coreURL, wasmURL: core.wasmURL });
    const loadMs = Math.round(performance.now() - loadStarted);
    onProgress?.(LOAD_SHARE);

    const outputS = expectedOutputSeconds(action, inputDurationS);
    ffmpeg.on('log', ({ message }) => {
      log.push(message);
      if (log.length > LOG_LINES_KEPT) log.shift();
    });
    // `time` is the output time reached, in microseconds; its own `progress` is relative to the
    // INPUT length and overshoots on cuts.
    ffmpeg.on('progress', ({ time }) => {
      if (outputS > 0 && time > 0) onProgress?.(LOAD_SHARE + (1 - LOAD_SHARE) * Math.min(1, time / 1e6 / outputS));
    });
    // writeFile transfers the buffer to the worker: hand it a copy so the caller's bytes stay usable.
    await ffmpeg.writeFile(inputName, input.slice());
    const execStarted = performance.now();
    const exitCode = await ffmpeg.exec(ffmpegArgs(action, inputName, OUTPUT_NAME));
    const execMs = Math.round(performance.now() - execStarted);
    if (exitCode !== 0) throw new Error(`ffmpeg exited with code ${exitCode}: ${log.join(' | ')}`);
    const bytes = await ffmpeg.readFile(OUTPUT_NAME);
    if (!(bytes instanceof Uint8Array)) throw new Error('ffmpeg returned no video.');
    onProgress?.(1);
    return { bytes, loadMs, execMs };
  } catch (error) {
    if (signal?.aborted) throw abortError(FITTING_CANCELLED);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    ffmpeg.terminate();
  }
}

/**
 * Fits a finished recording to every chosen provider: probe it, plan per provider, run the jobs
 * (only when some plan needs one), VERIFY every output with the server's own probe and fit check,
 * and say which file goes to whom. Nothing that misses a limit is ever handed on.
 *
 * Each job runs in the browser where it can (a stream copy in Mediabunny, a re-encode with
 * WebCodecs: fitting-engine.ts), else in ffmpeg.wasm; when a browser job fails or its output
 * misses a limit, ffmpeg.wasm does the job again, and the telemetry says why.
 */
import type { ProviderId } from '@contract/api';
import { checkFit } from '@contract/media/fit-check';
import { ProbeError, probeMedia, type VideoProbe } from '@contract/media/probe';
import { isAbortError } from '../../../lib/abort';
import type { FittedFiles, RecordedClip, UploadFile } from '../machine/machine';
import { FITTED_MIME_TYPE } from './ffmpeg-args';
import { canFitInBrowser } from './browser-fit-support';
import { preloadFfmpegCore, type FfmpegCoreUrls } from './ffmpeg-core';
import { runsInBrowser, type EnginePreference, type FittingEngine } from './fitting-engine';
import { planFitting, type FitJob, type FitJobAction, type FitProvider, type FittingPlan } from './plan';
import { runBrowserFitJob, type BrowserFitJobOptions } from './run-browser-fit';
import { runFfmpegJob, type FfmpegJobOptions, type FfmpegJobResult } from './run-ffmpeg';

/** A fitting failure whose message says what missed which limit (shown under "Technical details"). */
export class FittingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FittingError';
  }
}

export interface FitRecordingOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** `auto` (default): in the browser where it can; `ffmpeg`: ffmpeg.wasm for everything. */
  engine?: EnginePreference;
  /** Injected in tests; the browser uses the real core, workers and encoder check. */
  loadCore?: () => Promise<FfmpegCoreUrls>;
  runJob?: (options: FfmpegJobOptions) => Promise<FfmpegJobResult>;
  canFitInBrowser?: (action: FitJobAction) => Promise<boolean>;
  runBrowserJob?: (options: BrowserFitJobOptions) => Promise<FfmpegJobResult>;
}

interface JobTiming {
  kind: string;
  engine: FittingEngine;
  providers: ProviderId[];
  bytes: number;
  loadMs: number;
  execMs: number;
  /** Why the browser's own job failed (ffmpeg.wasm did the job instead). */
  browserFailure?: string;
}

export async function fitRecording(
  clip: RecordedClip,
  providers: readonly FitProvider[],
  options: FitRecordingOptions = {},
): Promise<FittedFiles> {
  const { onProgress, signal, engine = 'auto', loadCore = preloadFfmpegCore, runJob = runFfmpegJob } = options;
  const { canFitInBrowser: canRunInBrowser = canFitInBrowser, runBrowserJob = runBrowserFitJob } = options;
  const started = performance.now();
  const recordingFile: UploadFile = { blob: clip.blob, mimeType: clip.mimeType, fileName: clip.fileName };
  // Nothing to fit to (the list of checks did not load): the server applies its defaults and checks.
  if (providers.length === 0) return { shared: recordingFile, perProvider: [], telemetry: {} };

  const bytes = new Uint8Array(await clip.blob.arrayBuffer());
  const probe = probeVideo(bytes, 'The recording');
  const plan = planFitting({ probe, byteLength: bytes.length }, providers);
  const nameOf = (id: ProviderId) => providers.find((p) => p.id === id)?.displayName ?? id;
  if (plan.impossible.length > 0) {
    throw new FittingError(plan.impossible.map((p) => `${nameOf(p.providerId)}: ${p.reason}.`).join(' '));
  }
  const plans = Object.fromEntries(plan.perProvider.map((p) => [p.providerId, p.action.kind]));
  // What fitting started from: a slow device records fewer frames, which also makes re-encoding faster.
  const recording = { codec: probe.codec, durationS: probe.durationS, frameCount: probe.frameCount, fps: probe.fps };
  if (plan.jobs.length === 0) {
    return {
      shared: recordingFile,
      perProvider: [],
      telemetry: { fitting: { plans, recording, jobs: [], totalMs: elapsed(started) } },
    };
  }

  onProgress?.(0);
  // The ffmpeg core is awaited only when a job needs it: a fit done in the browser never waits for it.
  const core: { urls?: FfmpegCoreUrls; waitMs?: number } = {};
  const ffmpegCore = async () => {
    if (!core.urls) {
      const waitStarted = performance.now();
      core.urls = await loadCore();
      core.waitMs = elapsed(waitStarted);
    }
    return core.urls;
  };
  const inputName = `input.${clip.fileName.split('.').pop() ?? 'bin'}`;
  const runners: JobRunners = { engine, canRunInBrowser, runBrowserJob, runJob, ffmpegCore };
  const outputs = new Map<string, UploadFile>();
  const timings: JobTiming[] = [];
  for (const [index, job] of plan.jobs.entries()) {
    const input: JobInput = { bytes, name: inputName, durationS: probe.durationS, providers, signal };
    const made = await makeFile(job, input, runners, (f) => onProgress?.((index + f) / plan.jobs.length));
    outputs.set(job.key, {
      blob: new Blob([made.result.bytes as Uint8Array<ArrayBuffer>], { type: FITTED_MIME_TYPE }),
      mimeType: FITTED_MIME_TYPE,
      fileName: `capture-${job.action.kind}.mp4`,
    });
    timings.push({
      kind: job.action.kind,
      engine: made.engine,
      providers: job.providerIds,
      bytes: made.result.bytes.length,
      loadMs: made.result.loadMs,
      execMs: made.result.execMs,
      ...(made.browserFailure ? { browserFailure: made.browserFailure } : {}),
    });
  }
  onProgress?.(1);
  return {
    ...assignFiles(plan, recordingFile, outputs),
    telemetry: {
      fitting: {
        plans,
        recording,
        jobs: timings,
        ...(core.urls ? { coreFetchMs: core.urls.fetchMs, coreWaitMs: core.waitMs } : {}),
        totalMs: elapsed(started),
      },
    },
  };
}

interface JobInput {
  bytes: Uint8Array;
  name: string;
  durationS: number;
  providers: readonly FitProvider[];
  signal?: AbortSignal;
}

interface JobRunners {
  engine: EnginePreference;
  canRunInBrowser: (action: FitJobAction) => Promise<boolean>;
  runBrowserJob: (options: BrowserFitJobOptions) => Promise<FfmpegJobResult>;
  runJob: (options: FfmpegJobOptions) => Promise<FfmpegJobResult>;
  ffmpegCore: () => Promise<FfmpegCoreUrls>;
}

/** One verified file: made in the browser where it can be, else (or after a browser failure) by ffmpeg.wasm. */
async function makeFile(
  job: FitJob,
  input: JobInput,
  runners: JobRunners,
  onProgress: (fraction: number) => void,
): Promise<{ result: FfmpegJobResult; engine: FittingEngine; browserFailure?: string }> {
  const { action } = job;
  const { bytes, providers, signal } = input;
  let browserFailure: string | undefined;
  if (await runsInBrowser(action, runners.engine, runners.canRunInBrowser)) {
    try {
      const result = await runners.runBrowserJob({ action, input: bytes, onProgress, signal });
      verifyOutput(result.bytes, job, providers);
      return { result, engine: action.kind === 'transcode' ? 'webcodecs' : 'mediabunny' };
    } catch (error) {
      if (signal?.aborted || isAbortError(error)) throw error;
      browserFailure = error instanceof Error ? error.message : String(error);
      console.warn(`The browser's own ${action.kind} failed; ffmpeg.wasm takes over:`, error);
    }
  }
  const core = await runners.ffmpegCore();
  const result = await runners.runJob({
    core,
    action,
    input: bytes,
    inputName: input.name,
    inputDurationS: input.durationS,
    onProgress,
    signal,
  });
  verifyOutput(result.bytes, job, providers);
  return { result, engine: 'ffmpeg', ...(browserFailure ? { browserFailure } : {}) };
}

/** Probes a job's output and checks it against every provider it is meant for. */
export function verifyOutput(bytes: Uint8Array, job: FitJob, providers: readonly FitProvider[]): void {
  const probe = probeVideo(bytes, `The ${job.action.kind} output`);
  const problems: string[] = [];
  for (const id of job.providerIds) {
    const provider = providers.find((p) => p.id === id);
    if (!provider) continue;
    const fit = checkFit(probe, bytes.length, provider.limits);
    if (!fit.ok)
      problems.push(...fit.violations.map((v) => `${provider.displayName ?? id}: ${v.message} (after ${job.action.kind}).`));
  }
  if (problems.length > 0) throw new FittingError(problems.join(' '));
}

/**
 * The shared `video` is the recording when any provider takes it unchanged (the common case: no
 * extra bytes for them), else the output most providers share. Everyone else gets their own file.
 */
export function assignFiles(
  plan: FittingPlan,
  recording: UploadFile,
  outputs: ReadonlyMap<string, UploadFile>,
): Pick<FittedFiles, 'shared' | 'perProvider'> {
  const largestJob = [...plan.jobs].sort((a, b) => b.providerIds.length - a.providerIds.length)[0];
  const sharedKey = plan.asIs.length > 0 || !largestJob ? null : largestJob.key;
  const shared = sharedKey === null ? recording : outputs.get(sharedKey);
  if (!shared) throw new FittingError('A fitted file went missing.');
  const perProvider = plan.jobs
    .filter((job) => job.key !== sharedKey)
    .flatMap((job) => {
      const file = outputs.get(job.key);
      if (!file) throw new FittingError('A fitted file went missing.');
      return job.providerIds.map((providerId) => ({ providerId, file }));
    });
  return { shared, perProvider };
}

function probeVideo(bytes: Uint8Array, what: string): VideoProbe {
  try {
    const probe = probeMedia(bytes);
    if (probe.kind !== 'video') throw new FittingError(`${what} is a still image, not a video.`);
    return probe;
  } catch (error) {
    if (error instanceof ProbeError) throw new FittingError(`${what} could not be read: ${error.message}.`);
    throw error;
  }
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

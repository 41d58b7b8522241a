/**
 * The fitting side effects: download the ffmpeg core early (while the person is being guided)
 * when a job will need it, and fit the recording whenever the machine enters `fitting`.
 */
import { useEffect, type Dispatch, type RefObject } from 'react';
import { isAbortError } from '../../../lib/abort';
import type { CaptureEvent, RecordedClip } from '../machine/machine';
import { newUploadKey } from '../upload/api';
import { pickRecorderMimeType } from '../recording/recorder';
import { enginePreferenceFrom, type EnginePreference } from './fitting-engine';
import { noteUploadReady } from './fitting-stats';
import type { FitProvider } from './plan';

// The fitting code (probe, planner, ffmpeg.wasm's class) is loaded on demand, like the face
// detector: the capture route's first load does not carry it.
const loadPredict = () => import('./predict');
const loadFitRecording = () => import('./fit-recording');
const loadFfmpegCore = () => import('./ffmpeg-core');
const loadBrowserFitSupport = () => import('./browser-fit-support');

/** `?fitting=ffmpeg` forces ffmpeg.wasm (fitting-engine.ts). */
function enginePreference(): EnginePreference {
  return enginePreferenceFrom(window.location.search);
}

/**
 * Starts the core download once `active` (guidance is running) and the chosen providers will
 * probably need ffmpeg. The download is not cancelled when guidance ends: fitting needs it next.
 * A failure here is ignored: fitting retries the download and reports it there. When the browser
 * can do every job itself the 8.6 MB (compressed) core is not fetched at all; should such a job
 * then fail, fitting downloads it for the fallback.
 */
export function useFfmpegPreload(active: boolean, providers: readonly FitProvider[], stream: MediaStream | null): void {
  useEffect(() => {
    if (!active || !stream) return;
    let cancelled = false;
    const { width, height, frameRate } = stream.getVideoTracks()[0]?.getSettings() ?? {};
    const recorderMimeType = pickRecorderMimeType((t) => MediaRecorder.isTypeSupported(t));
    void (async () => {
      const { likelyFittingJobs, ffmpegLikelyNeeded } = await loadPredict();
      const jobs = likelyFittingJobs(providers, { recorderMimeType, width, height, frameRate });
      if (cancelled || jobs.length === 0) return;
      const { canFitInBrowser } = await loadBrowserFitSupport();
      if (!(await ffmpegLikelyNeeded(jobs, enginePreference(), canFitInBrowser)) || cancelled) return;
      const { preloadFfmpegCore } = await loadFfmpegCore();
      await preloadFfmpegCore();
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [active, providers, stream]);
}

/** Fits `clip` to the providers chosen at that moment; re-runs when `attempt` changes (RETRY). */
export function useFitting(
  clip: RecordedClip | null,
  attempt: number,
  providers: RefObject<readonly FitProvider[]>,
  dispatch: Dispatch<CaptureEvent>,
): void {
  useEffect(() => {
    if (!clip) return;
    const ac = new AbortController();
    const fittingStartedAt = performance.now();
    const fit = async () => {
      const { fitRecording } = await loadFitRecording();
      return fitRecording(clip, providers.current, {
        signal: ac.signal,
        engine: enginePreference(),
        onProgress: (progress) => dispatch({ type: 'FITTING_PROGRESS', progress }),
      });
    };
    fit().then(
      (files) => {
        if (ac.signal.aborted) return;
        noteUploadReady({ recorderMimeType: clip.mimeType, fittingStartedAt, readyAt: performance.now(), telemetry: files.telemetry });
        // One key per fitted upload: every later send of these files reuses it.
        dispatch({ type: 'FITTING_DONE', upload: { ...files, idempotencyKey: newUploadKey() } });
      },
      (error: unknown) => {
        if (ac.signal.aborted || isAbortError(error)) return;
        console.warn('Fitting the recording failed:', error);
        const message = error instanceof Error && error.message ? error.message : 'The video could not be prepared.';
        dispatch({ type: 'FITTING_FAILED', message });
      },
    );
    return () => ac.abort();
  }, [clip, attempt, providers, dispatch]);
}

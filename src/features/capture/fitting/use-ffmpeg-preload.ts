/**
 * Downloads the ffmpeg core early (while the person is being guided) when a job will need it. A
 * page hook, not a state's effect: it follows the provider choice and never reports to the machine.
 */
import { useEffect } from 'react';
import { pickRecorderMimeType } from '../recording/recorder';
import { enginePreference } from './fitting-engine';
import type { FitProvider } from './plan';

// Loaded on demand, like the face detector: the capture route's first load does not carry them.
const loadPredict = () => import('./predict');
const loadFfmpegCore = () => import('./ffmpeg-core');
const loadBrowserFitSupport = () => import('./browser-fit-support');

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

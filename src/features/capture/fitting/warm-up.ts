/**
 * The countdown's, recording's and fitting's shared effect: fetch the code the recording and fitting
 * will run (the live encoder only when it will record), and where fitting will probably run a browser job on the recorder's file (a stream copy for
 * Alibaba's 1–3 s), start that job's worker while the person records. A worker no job took is
 * ended when fitting is over (or the countdown is called off).
 */
import { pickRecorderMimeType } from '../recording/recorder';
import { preloadRecordingCode } from '../recording/recording-effect';
import type { Cleanup } from '../state-effects';
import { enginePreference } from './fitting-engine';
import type { FitProvider } from './plan';

const loadRecordingPath = () => import('../recording/recording-path');
const loadPredict = () => import('./predict');
const loadRunBrowserFit = () => import('./run-browser-fit');

export function warmUpFitting(
  providers: readonly FitProvider[],
  stream: MediaStream | null,
  recordings: { liveEncodeFailed?: boolean },
): Cleanup {
  let cancelled = false;
  let release: Cleanup | undefined;
  if (!stream || enginePreference() !== 'auto') preloadRecordingCode(false);
  else {
    void (async () => {
      const { width, height, frameRate } = stream.getVideoTracks()[0]?.getSettings() ?? {};
      const camera = {
        recorderMimeType: pickRecorderMimeType((t) => MediaRecorder.isTypeSupported(t)),
        width,
        height,
        frameRate,
      };
      const [{ canEncodeLive, chooseRecordingPath, liveEncodeAllowedFrom }, { likelyFittingJobs }] = await Promise.all([
        loadRecordingPath(),
        loadPredict(),
      ]);
      const path = await chooseRecordingPath({
        providers,
        camera,
        engine: 'auto',
        allowed: liveEncodeAllowedFrom(window.location.search),
        failedBefore: recordings.liveEncodeFailed === true,
        canEncodeLive,
      });
      // Fitting runs either way (it probes the file); after a live recording it has nothing else to do.
      preloadRecordingCode(false);
      if (path.kind === 'live-encode') preloadRecordingCode(true);
      if (path.kind !== 'recorder' || likelyFittingJobs(providers, camera).length === 0) return;
      const { keepFitWorkerWarm } = await loadRunBrowserFit();
      if (!cancelled) release = keepFitWorkerWarm();
    })().catch(() => undefined);
  }
  return () => {
    cancelled = true;
    release?.();
  };
}

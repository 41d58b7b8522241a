/** The fitting state's effect: fit the recording to the chosen providers' limits. */
import type { Dispatch } from 'react';
import type { CaptureEvent, RecordedClip } from '../machine/machine';
import { abortableJob, errorMessage, type Cleanup } from '../state-effects';
import { newUploadKey } from '../upload/api';
import { enginePreference } from './fitting-engine';
import { noteUploadReady } from './fitting-stats';
import type { FitProvider } from './plan';

// The fitting code (probe, planner, ffmpeg.wasm's class) is loaded on demand, like the face
// detector: the capture route's first load does not carry it.
const loadFitRecording = () => import('./fit-recording');

/** Fits `clip` to `providers` (those chosen as fitting starts), then dispatches FITTING_DONE / FITTING_FAILED. */
export function fitClip(clip: RecordedClip, providers: readonly FitProvider[], dispatch: Dispatch<CaptureEvent>): Cleanup {
  const fittingStartedAt = performance.now();
  const fit = async (signal: AbortSignal) => {
    const { fitRecording } = await loadFitRecording();
    return fitRecording(clip, providers, {
      signal,
      engine: enginePreference(),
      onProgress: (progress) => dispatch({ type: 'FITTING_PROGRESS', progress }),
    });
  };
  return abortableJob(
    fit,
    (files) => {
      noteUploadReady({
        recording: clip.timing,
        recorderMimeType: clip.mimeType,
        fittingStartedAt,
        readyAt: performance.now(),
        telemetry: files.telemetry,
      });
      // One key per fitted upload: every later send of these files reuses it.
      dispatch({ type: 'FITTING_DONE', upload: { ...files, idempotencyKey: newUploadKey() } });
    },
    (error) => {
      console.warn('Fitting the recording failed:', error);
      dispatch({ type: 'FITTING_FAILED', message: errorMessage(error, 'The video could not be prepared.') });
    },
  );
}

/** Shared fixtures for the machine tests: a clip, its fitted files, and event sequences to each state. */
import { AUTO_START_CONFIG } from '../guidance/guidance-config';
import { transition, type CaptureEvent, type CaptureState, type FittedUpload, type RecordedClip } from './machine';

export const clip: RecordedClip = {
  blob: new Blob([new Uint8Array([0, 0, 0, 24])], { type: 'video/mp4' }),
  mimeType: 'video/mp4;codecs=avc1',
  fileName: 'capture.mp4',
  telemetry: { recorderMimeType: 'video/mp4;codecs=avc1' },
};

export const upload: FittedUpload = {
  shared: { blob: clip.blob, mimeType: clip.mimeType, fileName: clip.fileName },
  perProvider: [
    {
      providerId: 'alibaba-intl',
      file: { blob: new Blob([new Uint8Array([1])]), mimeType: 'video/mp4', fileName: 'capture-trim.mp4' },
    },
  ],
  telemetry: { fitting: { plans: { 'alibaba-intl': 'trim' } } },
  idempotencyKey: 'upload-key-1',
};

/** The primer (`idle`): where the flow is once consent is given. */
export const primer: CaptureState = { name: 'idle' };

export function run(events: CaptureEvent[], from: CaptureState = primer): CaptureState {
  return events.reduce(transition, from);
}

const { readyHoldMs, countdownMs } = AUTO_START_CONFIG;
export const tick = (now: number, blocked?: boolean): CaptureEvent =>
  blocked === undefined ? { type: 'TICK', now } : { type: 'TICK', now, blocked };

export const toGuiding: CaptureEvent[] = [{ type: 'START' }, { type: 'CAMERA_READY' }, tick(0)];
export const toReady: CaptureEvent[] = [...toGuiding, { type: 'HINT', hint: 'ready' }, tick(100)];
export const toCountdown: CaptureEvent[] = [...toReady, tick(100 + readyHoldMs)];
export const countdownStart = 100 + readyHoldMs;
export const toRecording: CaptureEvent[] = [...toCountdown, tick(countdownStart + countdownMs)];
export const toFitting: CaptureEvent[] = [...toRecording, { type: 'RECORDING_DONE', clip }];
export const toReview: CaptureEvent[] = [...toFitting, { type: 'FITTING_DONE', upload }];
export const toUploading: CaptureEvent[] = [...toReview, { type: 'SEND' }];
export const toProcessing: CaptureEvent[] = [...toUploading, { type: 'UPLOAD_DONE', caseId: 'c1', captureToken: 't1' }];

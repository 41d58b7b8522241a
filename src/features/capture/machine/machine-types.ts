/** The capture machine's states, events and the data they carry (the transitions are in machine.ts). */
import type { ProviderId, RetakeReason, SessionStatus } from '@contract/api';
import type { UploadRetryInfo } from '../../../lib/upload';
import type { GuidanceHint } from '../guidance/guidance';

/** What the hint element shows: `loading` until the detector has judged a frame. */
export type ShownHint = 'loading' | GuidanceHint;

export type CameraErrorKind =
  'permission_denied' | 'no_camera' | 'camera_busy' | 'insecure_context' | 'unsupported' | 'camera_failed';

export type CaptureErrorKind =
  CameraErrorKind | 'detector_failed' | 'recorder_failed' | 'fitting_failed' | 'upload_failed' | 'status_failed';

/** When a recording ended (performance.now() ms), for the recording end → upload-ready figures. */
export interface RecordingTiming {
  /** The recorder was told to stop; null when that moment was not seen. */
  stoppedAt: number | null;
  /** The recording's Blob arrived. */
  clipReadyAt: number;
}

/** A finished recording, ready to upload. The machine only carries it around. */
export interface RecordedClip {
  blob: Blob;
  mimeType: string;
  fileName: string;
  telemetry: Record<string, unknown>;
  /** Travels with the clip (on RECORDING_DONE) to fitting, which publishes the timings; never uploaded. */
  timing?: RecordingTiming;
}

/** One file to upload: the recording itself, or an ffmpeg output fitted to some providers. */
export interface UploadFile {
  blob: Blob;
  mimeType: string;
  fileName: string;
}

/** The files fitting produces for one recording. */
export interface FittedFiles {
  /** Sent as `video`: what every provider without its own file receives. */
  shared: UploadFile;
  /** Sent as `video.<providerId>`: providers whose limits the shared file misses. */
  perProvider: Array<{ providerId: ProviderId; file: UploadFile }>;
  /** Merged into the clip's telemetry: what was fitted and how long it took. */
  telemetry: Record<string, unknown>;
}

/** What fitting hands to the upload. The machine only carries it around. */
export interface FittedUpload extends FittedFiles {
  /**
   * Sent as `Idempotency-Key` on every send of these files (automatic retries, "Try again", a
   * send after cancelling), so the server stores them once; a new recording gets a new key.
   * Made outside the machine (random), which stays pure.
   */
  idempotencyKey: string;
}

/** An automatic upload retry under way (network failure or 5xx), shown in the progress UI. */
export type UploadRetry = UploadRetryInfo;

/** Where RETRY leads from an error. */
export type ResumePoint =
  | { name: 'requesting_permission' }
  | { name: 'fitting'; clip: RecordedClip }
  | { name: 'uploading'; clip: RecordedClip; upload: FittedUpload }
  | { name: 'processing'; caseId: string; captureToken: string };

/** Why a countdown was called off (shown to the person, then cleared once they are ready again). */
export type CountdownAbortReason = 'face_lost' | 'multiple_faces' | 'left_oval';

export interface GuidingState {
  name: 'guiding';
  hint: ShownHint;
  /** TICK time guidance started (null until the first TICK); drives the manual fallback. */
  since: number | null;
  /** TICK time since when the hint has been `ready` without a break. */
  readySince: number | null;
  /** The manual Record fallback has been unlocked (after manualFallbackMs). */
  manualRecord: boolean;
  notice: CountdownAbortReason | null;
  /** TICK time since when the hint has not been `ready` (null while it is, or before the first TICK). */
  notReadySince: number | null;
  /** No good frame for tipsAfterMs: tips for the problem at hand are shown (cleared by a good frame). */
  tips: boolean;
}

export interface CountdownState {
  name: 'countdown';
  hint: ShownHint;
  startedAt: number;
  /** 3, 2, 1 */
  secondsLeft: number;
  /** Carried over so an aborted countdown resumes guiding where it was. */
  guidingSince: number;
  manualRecord: boolean;
}

export type RecordingTrigger = 'auto' | 'manual';

export type CaptureState =
  /** Explicit consent to processing biometric data: nothing happens before it. */
  | { name: 'consent' }
  | { name: 'declined' }
  /** The primer: says what will happen before the browser's permission prompt. */
  | { name: 'idle' }
  | { name: 'requesting_permission' }
  | GuidingState
  | CountdownState
  | { name: 'recording'; hint: ShownHint; progress: number; startedBy: RecordingTrigger }
  | { name: 'fitting'; clip: RecordedClip; progress: number }
  /** Playback: the person watches the clip, then sends it or records again. */
  | { name: 'review'; clip: RecordedClip; upload: FittedUpload; playbackFailed: boolean }
  | {
      name: 'uploading';
      clip: RecordedClip;
      upload: FittedUpload;
      progress: number;
      /** Set once an automatic retry is scheduled; stays (the attempt's number) while that attempt runs. */
      retry: UploadRetry | null;
    }
  | { name: 'processing'; caseId: string; captureToken: string }
  | { name: 'done'; caseId: string }
  | { name: 'retake'; reason?: RetakeReason; caseId?: string }
  | { name: 'error'; kind: CaptureErrorKind; message: string; resume: ResumePoint }
  /** Session flow only (session-flow.ts): the capture continues on a phone; this page follows its progress. */
  | HandoffState
  /** Session flow only: the upload is in; nothing more happens on this page (one upload per session). */
  | { name: 'submitted'; by: 'this_device' | 'other_device' };

/** What the desktop page knows of the capture on the phone (from the session's status). */
export type RemoteProgress = 'waiting' | 'opened' | 'expired' | 'cancelled';

export interface HandoffState {
  name: 'handoff';
  /** `no_camera`: this device has none, so there is no way back to the camera. */
  reason: 'asked' | 'no_camera';
  remote: RemoteProgress;
  /** The link's open count when the page started following it; a later rise is the phone opening it. */
  opensAtStart?: number;
}

export type CaptureStateName = CaptureState['name'];

export type CaptureEvent =
  | { type: 'CONSENT_GIVEN' }
  | { type: 'DECLINE' }
  /** Primer → consent, declined → consent. */
  | { type: 'BACK' }
  | { type: 'START' }
  | { type: 'CAMERA_READY' }
  /** Guiding / countdown: the person picked another camera; it is opened afresh. */
  | { type: 'SWITCH_CAMERA' }
  | { type: 'CAMERA_FAILED'; kind: CameraErrorKind; message: string }
  | { type: 'DETECTOR_FAILED'; message: string }
  | { type: 'HINT'; hint: GuidanceHint }
  /**
   * The page's clock (performance.now() ms). `blocked`: auto-start is not allowed right now (no
   * check chosen), so no countdown starts and a running one stops.
   */
  | { type: 'TICK'; now: number; blocked?: boolean }
  /** Manual fallback: record now. */
  | { type: 'RECORD' }
  | { type: 'RECORDING_PROGRESS'; progress: number }
  | { type: 'RECORDING_DONE'; clip: RecordedClip }
  | { type: 'RECORDING_FAILED'; message: string }
  | { type: 'FITTING_PROGRESS'; progress: number }
  | { type: 'FITTING_DONE'; upload: FittedUpload }
  /** The clip cannot be made to fit (or a fitted file still misses a limit): `message` says which. */
  | { type: 'FITTING_FAILED'; message: string }
  /** Review: the browser could not play the clip back (it can still be sent). */
  | { type: 'PLAYBACK_FAILED' }
  /** Review: send the clip. */
  | { type: 'SEND' }
  /** Uploading: stop and go back to the review (nothing is lost). */
  | { type: 'CANCEL_UPLOAD' }
  | { type: 'UPLOAD_PROGRESS'; progress: number }
  | { type: 'UPLOAD_RETRYING'; retry: UploadRetry }
  | { type: 'UPLOAD_DONE'; caseId: string; captureToken: string }
  | { type: 'UPLOAD_FAILED'; message: string }
  | { type: 'STATUS'; status: 'processing' | 'done' | 'retake'; reason?: RetakeReason }
  | { type: 'STATUS_FAILED'; message: string }
  /** From an error: try the failed step again. */
  | { type: 'RETRY' }
  /** From retake, fitting, review (or a failed fitting/upload/status): record a new clip. */
  | { type: 'RETAKE' }
  /** From anywhere: back to the primer (stops the camera). */
  | { type: 'RESET' }
  /** Session flow: continue on a phone (from the primer or a camera error). */
  | { type: 'HANDOFF' }
  /** Session flow, handoff: the session's status as last polled. */
  | { type: 'SESSION_STATUS'; status: SessionStatus; opens?: number };

/**
 * The capture flow as one explicit state machine. Pure: no React, no DOM, no timers; the page
 * turns browser callbacks into events and renders whatever state comes back.
 *
 *   idle ──START──▶ requesting_permission ──CAMERA_READY──▶ guiding ──RECORD (hint ready)──▶ recording
 *   recording ──RECORDING_DONE──▶ uploading ──UPLOAD_DONE──▶ processing ──STATUS──▶ done | retake
 *   any failure ──▶ error (kind, message); RETRY resumes where it makes sense, RESET goes back to idle.
 *
 * Invalid events return the SAME state object, so `useReducer` skips the re-render.
 */
import type { RetakeReason } from '../../../server/api-types';
import type { GuidanceHint } from './guidance';

/** What the hint element shows: `loading` until the detector has judged a frame. */
export type ShownHint = 'loading' | GuidanceHint;

export type CameraErrorKind =
  | 'permission_denied'
  | 'no_camera'
  | 'camera_busy'
  | 'insecure_context'
  | 'unsupported'
  | 'camera_failed';

export type CaptureErrorKind =
  | CameraErrorKind
  | 'detector_failed'
  | 'recorder_failed'
  | 'upload_failed'
  | 'status_failed';

/** A finished recording, ready to upload. The machine only carries it around. */
export interface RecordedClip {
  blob: Blob;
  mimeType: string;
  fileName: string;
  telemetry: Record<string, unknown>;
}

/** Where RETRY leads from an error. */
export type ResumePoint =
  | { name: 'requesting_permission' }
  | { name: 'uploading'; clip: RecordedClip; attempt: number }
  | { name: 'processing'; caseId: string; captureToken: string; attempt: number };

export type CaptureState =
  | { name: 'idle' }
  | { name: 'requesting_permission' }
  | { name: 'guiding'; hint: ShownHint }
  | { name: 'recording'; hint: ShownHint; progress: number }
  /** `attempt` grows on every (re)start so the page can restart its side effect. */
  | { name: 'uploading'; clip: RecordedClip; progress: number; attempt: number }
  | { name: 'processing'; caseId: string; captureToken: string; attempt: number }
  | { name: 'done'; caseId: string }
  | { name: 'retake'; reason?: RetakeReason; caseId?: string }
  | { name: 'error'; kind: CaptureErrorKind; message: string; resume: ResumePoint };

export type CaptureStateName = CaptureState['name'];

export type CaptureEvent =
  | { type: 'START' }
  | { type: 'CAMERA_READY' }
  | { type: 'CAMERA_FAILED'; kind: CameraErrorKind; message: string }
  | { type: 'DETECTOR_FAILED'; message: string }
  | { type: 'HINT'; hint: GuidanceHint }
  | { type: 'RECORD' }
  | { type: 'RECORDING_PROGRESS'; progress: number }
  | { type: 'RECORDING_DONE'; clip: RecordedClip }
  | { type: 'RECORDING_FAILED'; message: string }
  | { type: 'UPLOAD_PROGRESS'; progress: number }
  | { type: 'UPLOAD_DONE'; caseId: string; captureToken: string }
  | { type: 'UPLOAD_FAILED'; message: string }
  | { type: 'STATUS'; status: 'processing' | 'done' | 'retake'; reason?: RetakeReason }
  | { type: 'STATUS_FAILED'; message: string }
  /** From an error: try the failed step again. */
  | { type: 'RETRY' }
  /** From retake (or a failed upload/status): record a new clip. */
  | { type: 'RETAKE' }
  /** From anywhere: back to the primer (stops the camera). */
  | { type: 'RESET' };

export const initialCaptureState: CaptureState = { name: 'idle' };

const CAMERA_RESUME: ResumePoint = { name: 'requesting_permission' };

function clamp01(n: number): number {
  if (!Number.isFinite(n)) return 0;
  return Math.min(1, Math.max(0, n));
}

function fail(kind: CaptureErrorKind, message: string, resume: ResumePoint = CAMERA_RESUME): CaptureState {
  return { name: 'error', kind, message, resume };
}

export function transition(state: CaptureState, event: CaptureEvent): CaptureState {
  if (event.type === 'RESET') return state.name === 'idle' ? state : initialCaptureState;

  switch (state.name) {
    case 'idle':
      return event.type === 'START' ? { name: 'requesting_permission' } : state;

    case 'requesting_permission':
      switch (event.type) {
        case 'CAMERA_READY':
          return { name: 'guiding', hint: 'loading' };
        case 'CAMERA_FAILED':
          return fail(event.kind, event.message);
        case 'DETECTOR_FAILED':
          return fail('detector_failed', event.message);
        default:
          return state;
      }

    case 'guiding':
      switch (event.type) {
        case 'HINT':
          return event.hint === state.hint ? state : { name: 'guiding', hint: event.hint };
        case 'RECORD':
          return state.hint === 'ready' ? { name: 'recording', hint: state.hint, progress: 0 } : state;
        case 'CAMERA_FAILED':
          return fail(event.kind, event.message);
        case 'DETECTOR_FAILED':
          return fail('detector_failed', event.message);
        default:
          return state;
      }

    case 'recording':
      switch (event.type) {
        // The face may get lost mid-recording: keep recording, just show (and log) the hint.
        case 'HINT':
          return event.hint === state.hint ? state : { ...state, hint: event.hint };
        case 'RECORDING_PROGRESS': {
          const progress = clamp01(event.progress);
          return progress === state.progress ? state : { ...state, progress };
        }
        case 'RECORDING_DONE':
          return { name: 'uploading', clip: event.clip, progress: 0, attempt: 1 };
        case 'RECORDING_FAILED':
          return fail('recorder_failed', event.message);
        case 'CAMERA_FAILED':
          return fail(event.kind, event.message);
        default:
          return state;
      }

    case 'uploading':
      switch (event.type) {
        case 'UPLOAD_PROGRESS': {
          const progress = clamp01(event.progress);
          return progress === state.progress ? state : { ...state, progress };
        }
        case 'UPLOAD_DONE':
          return { name: 'processing', caseId: event.caseId, captureToken: event.captureToken, attempt: 1 };
        case 'UPLOAD_FAILED':
          return fail('upload_failed', event.message, { name: 'uploading', clip: state.clip, attempt: state.attempt });
        default:
          return state;
      }

    case 'processing':
      switch (event.type) {
        case 'STATUS':
          if (event.status === 'done') return { name: 'done', caseId: state.caseId };
          if (event.status === 'retake') {
            return event.reason
              ? { name: 'retake', reason: event.reason, caseId: state.caseId }
              : { name: 'retake', caseId: state.caseId };
          }
          return state;
        case 'STATUS_FAILED':
          return fail('status_failed', event.message, {
            name: 'processing',
            caseId: state.caseId,
            captureToken: state.captureToken,
            attempt: state.attempt,
          });
        default:
          return state;
      }

    case 'retake':
      return event.type === 'RETAKE' ? { name: 'requesting_permission' } : state;

    case 'done':
      return state;

    case 'error': {
      if (event.type === 'RETAKE' && state.resume.name !== 'requesting_permission') {
        return { name: 'requesting_permission' };
      }
      if (event.type !== 'RETRY') return state;
      const resume = state.resume;
      switch (resume.name) {
        case 'requesting_permission':
          return { name: 'requesting_permission' };
        case 'uploading':
          return { name: 'uploading', clip: resume.clip, progress: 0, attempt: resume.attempt + 1 };
        case 'processing':
          return { ...resume, attempt: resume.attempt + 1 };
      }
    }
  }
}

/** True in the states where the camera stream must be open. */
export function needsCamera(state: CaptureState): boolean {
  return state.name === 'requesting_permission' || state.name === 'guiding' || state.name === 'recording';
}

/** True in the states where the face detector loop runs. */
export function needsDetector(state: CaptureState): boolean {
  return state.name === 'guiding' || state.name === 'recording';
}

/** The Record button is enabled only while the (smoothed) hint says `ready`. */
export function canRecord(state: CaptureState): boolean {
  return state.name === 'guiding' && state.hint === 'ready';
}

/** The hint to expose in the UI, if the state shows the camera. */
export function shownHint(state: CaptureState): ShownHint | undefined {
  if (state.name === 'guiding' || state.name === 'recording') return state.hint;
  if (state.name === 'requesting_permission') return 'loading';
  return undefined;
}

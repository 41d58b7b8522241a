/**
 * The capture flow as one explicit state machine. Pure: no React, no DOM, no timers; the page
 * turns browser callbacks into events (including a TICK clock every ~100 ms) and renders whatever
 * state comes back.
 *
 *   consent ──CONSENT_GIVEN──▶ idle (the primer) ──START──▶ requesting_permission ──CAMERA_READY──▶ guiding
 *   consent ──DECLINE──▶ declined ──BACK──▶ consent;  idle ──BACK──▶ consent (withdraws the consent)
 *   guiding ──TICK (hint ready for readyHoldMs)──▶ countdown ──TICK (countdownMs later)──▶ recording
 *   countdown ──HINT (face lost / left the oval / second face)──▶ guiding (with a notice why)
 *   guiding ──RECORD (manual fallback, after manualFallbackMs, one face in view)──▶ recording
 *   recording ──RECORDING_DONE──▶ fitting ──FITTING_DONE──▶ review ──SEND──▶ uploading ──UPLOAD_DONE──▶ processing
 *   processing ──STATUS──▶ done | retake
 *   fitting: the clip is cut / re-encoded to each chosen provider's limits (instantly when it already fits)
 *   review: the person plays the clip back, then SEND or RETAKE (records anew); CANCEL_UPLOAD comes back here
 *   uploading: UPLOAD_RETRYING shows an automatic retry (network failure / 5xx) with its attempt number
 *   any failure ──▶ error (kind, message); RETRY resumes where it makes sense, RESET goes back to idle.
 *   Ways back: BACK (primer → consent, declined → consent), Cancel = RESET (camera screens → primer),
 *   RETAKE (fitting, review, retake, error → camera), CANCEL_UPLOAD (uploading → review). The consent
 *   and declined screens do no work that can fail; review's only failure (the browser cannot play the
 *   clip back) is shown in place and still lets the person send or retake.
 *
 * The consent record itself (text version, time, locale) is kept by the page, which sends it in the
 * upload's meta; the machine guarantees nothing past `consent` is reached without CONSENT_GIVEN.
 *
 * Invalid events return the SAME state object, so `useReducer` skips the re-render.
 *
 * The work each state does (open the camera, guide, tick, record, fit, upload, poll the status) is
 * bound to it in one table, ../capture-effects.ts: started when the state is entered, cleaned up
 * when it is left. RETRY re-enters the failed step's state, which starts its work afresh.
 */
import { AUTO_START_CONFIG, type AutoStartConfig } from '../guidance/guidance-config';
import { canRecord } from './machine-guards';
import {
  backToGuiding,
  COUNTDOWN_ABORTS,
  countdownOnTick,
  guidingOnHint,
  guidingOnTick,
  initialGuidingState,
} from './machine-guiding';
import type { CaptureErrorKind, CaptureEvent, CaptureState, FittedUpload, RecordedClip, ResumePoint } from './machine-types';

export type * from './machine-types';
export * from './machine-guards';
export { initialGuidingState } from './machine-guiding';

export const initialCaptureState: CaptureState = { name: 'consent' };

/** The primer, where RESET leads once consent is given. */
const PRIMER: CaptureState = { name: 'idle' };

const CAMERA_RESUME: ResumePoint = { name: 'requesting_permission' };

function clamp01(n: number): number {
  if (!Number.isFinite(n)) return 0;
  return Math.min(1, Math.max(0, n));
}

function fail(kind: CaptureErrorKind, message: string, resume: ResumePoint = CAMERA_RESUME): CaptureState {
  return { name: 'error', kind, message, resume };
}

/** The camera or the face detector failed: every state that starts or uses them ends here alike. */
function onCameraFailure(state: CaptureState, event: CaptureEvent): CaptureState {
  switch (event.type) {
    case 'CAMERA_FAILED':
      return fail(event.kind, event.message);
    case 'DETECTOR_FAILED':
      return fail('detector_failed', event.message);
    default:
      return state;
  }
}

/** Events every state with a live camera and detector (guiding, countdown) handles alike. */
function onLiveCameraEvent(state: CaptureState, event: CaptureEvent): CaptureState {
  return event.type === 'SWITCH_CAMERA' ? { name: 'requesting_permission' } : onCameraFailure(state, event);
}

function uploadingFrom(clip: RecordedClip, upload: FittedUpload): CaptureState {
  return { name: 'uploading', clip, upload, progress: 0, retry: null };
}

/** The reducer (`useReducer(transition, …)`), with the default timings. */
export function transition(state: CaptureState, event: CaptureEvent): CaptureState {
  return transitionWithConfig(state, event, AUTO_START_CONFIG);
}

export function transitionWithConfig(state: CaptureState, event: CaptureEvent, config: AutoStartConfig): CaptureState {
  if (event.type === 'RESET') {
    // Before consent there is nothing to reset to but the consent screen itself.
    // After a session's upload there is nothing to go back to either (one upload per session).
    if (state.name === 'idle' || state.name === 'consent' || state.name === 'declined' || state.name === 'submitted')
      return state;
    return PRIMER;
  }

  switch (state.name) {
    case 'consent':
      if (event.type === 'CONSENT_GIVEN') return PRIMER;
      if (event.type === 'DECLINE') return { name: 'declined' };
      return state;

    case 'declined':
      return event.type === 'BACK' ? initialCaptureState : state;

    case 'idle':
      if (event.type === 'START') return { name: 'requesting_permission' };
      if (event.type === 'BACK') return initialCaptureState;
      return state;

    case 'requesting_permission':
      return event.type === 'CAMERA_READY' ? initialGuidingState : onCameraFailure(state, event);

    case 'guiding':
      switch (event.type) {
        case 'HINT':
          return guidingOnHint(state, event.hint);
        case 'TICK':
          return guidingOnTick(state, event.now, event.blocked === true, config);
        case 'RECORD':
          return canRecord(state) ? { name: 'recording', hint: state.hint, progress: 0, startedBy: 'manual' } : state;
        default:
          return onLiveCameraEvent(state, event);
      }

    case 'countdown':
      switch (event.type) {
        case 'HINT': {
          if (event.hint === state.hint) return state;
          const abort = COUNTDOWN_ABORTS[event.hint];
          return abort ? backToGuiding(state, event.hint, abort) : { ...state, hint: event.hint };
        }
        case 'TICK':
          return countdownOnTick(state, event.now, event.blocked === true, config);
        default:
          return onLiveCameraEvent(state, event);
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
          return { name: 'fitting', clip: event.clip, progress: 0 };
        case 'RECORDING_FAILED':
          return fail('recorder_failed', event.message);
        case 'CAMERA_FAILED':
          return fail(event.kind, event.message);
        default:
          return state;
      }

    case 'fitting':
      switch (event.type) {
        case 'FITTING_PROGRESS': {
          const progress = clamp01(event.progress);
          return progress === state.progress ? state : { ...state, progress };
        }
        case 'FITTING_DONE':
          return { name: 'review', clip: state.clip, upload: event.upload, playbackFailed: false };
        case 'FITTING_FAILED':
          return fail('fitting_failed', event.message, { name: 'fitting', clip: state.clip });
        case 'RETAKE':
          return { name: 'requesting_permission' };
        default:
          return state;
      }

    case 'review':
      switch (event.type) {
        case 'SEND':
          return uploadingFrom(state.clip, state.upload);
        case 'RETAKE':
          return { name: 'requesting_permission' };
        case 'PLAYBACK_FAILED':
          return state.playbackFailed ? state : { ...state, playbackFailed: true };
        default:
          return state;
      }

    case 'uploading':
      switch (event.type) {
        case 'UPLOAD_PROGRESS': {
          const progress = clamp01(event.progress);
          return progress === state.progress ? state : { ...state, progress };
        }
        case 'UPLOAD_RETRYING':
          return { ...state, progress: 0, retry: event.retry };
        case 'CANCEL_UPLOAD':
          return { name: 'review', clip: state.clip, upload: state.upload, playbackFailed: false };
        case 'UPLOAD_DONE':
          return { name: 'processing', caseId: event.caseId, captureToken: event.captureToken };
        case 'UPLOAD_FAILED':
          return fail('upload_failed', event.message, { name: 'uploading', clip: state.clip, upload: state.upload });
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
          });
        default:
          return state;
      }

    case 'retake':
      return event.type === 'RETAKE' ? { name: 'requesting_permission' } : state;

    case 'done':
      return state;

    // Reached only in the session flow, whose own transitions are in session-flow.ts.
    case 'handoff':
    case 'submitted':
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
        case 'fitting':
          return { name: 'fitting', clip: resume.clip, progress: 0 };
        case 'uploading':
          return uploadingFrom(resume.clip, resume.upload);
        case 'processing':
          return { name: 'processing', caseId: resume.caseId, captureToken: resume.captureToken };
      }
    }
  }
}

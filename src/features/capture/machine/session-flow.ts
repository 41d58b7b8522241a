/**
 * The capture flow bound to an integrator's session (`/s/<clientToken>`): the same machine, plus
 *
 *   uploading ──UPLOAD_DONE──▶ submitted (the end: one upload per session; no status polling, no retake)
 *   idle | error (camera) ──HANDOFF──▶ handoff;  requesting_permission ──CAMERA_FAILED(no_camera)──▶ handoff
 *   handoff ──SESSION_STATUS(submitted…)──▶ submitted (by the other device)
 *   handoff ──SESSION_STATUS(expired | cancelled)──▶ handoff (remote: expired | cancelled; polling stops)
 *   handoff ──BACK | RESET──▶ idle (unless this device has no camera: then only RESET)
 *
 * Every other event goes to the open flow's transition (machine.ts), unchanged.
 */
import type { SessionStatus } from '@contract/api';
import { AUTO_START_CONFIG, type AutoStartConfig } from '../guidance/guidance-config';
import { transitionWithConfig } from './machine';
import type {
  CameraErrorKind,
  CaptureErrorKind,
  CaptureEvent,
  CaptureState,
  HandoffState,
  RemoteProgress,
} from './machine-types';

const CAMERA_ERROR_KINDS: ReadonlySet<CaptureErrorKind> = new Set<CameraErrorKind>([
  'permission_denied',
  'no_camera',
  'camera_busy',
  'insecure_context',
  'unsupported',
  'camera_failed',
]);

/** Statuses that mean the upload is in (whoever sent it). */
const SUBMITTED_STATUSES: ReadonlySet<SessionStatus> = new Set<SessionStatus>([
  'submitted',
  'processing',
  'completed',
  'decided',
]);

/** True where "Use my phone instead" is offered: the primer, and any error of the camera itself. */
export function canHandOff(state: CaptureState): boolean {
  return state.name === 'idle' || (state.name === 'error' && CAMERA_ERROR_KINDS.has(state.kind));
}

/**
 * What the page that handed off shows for a polled status (null: the phone has sent the video).
 * The status alone cannot say the phone opened the link (this page opened it too): the link's open
 * count rising past its value when the hand-off began can.
 */
export function remoteProgress(status: SessionStatus, opens?: number, opensAtStart?: number): RemoteProgress | null {
  if (SUBMITTED_STATUSES.has(status)) return null;
  if (status === 'expired' || status === 'cancelled') return status;
  return opens !== undefined && opensAtStart !== undefined && opens > opensAtStart ? 'opened' : 'waiting';
}

/** The handoff stops following the session once it can no longer change. */
export function handoffFinished(state: HandoffState): boolean {
  return state.remote === 'expired' || state.remote === 'cancelled';
}

function handoffOn(state: HandoffState, event: CaptureEvent): CaptureState {
  switch (event.type) {
    case 'SESSION_STATUS': {
      if (handoffFinished(state)) return state;
      const opensAtStart = state.opensAtStart ?? event.opens;
      const remote = remoteProgress(event.status, event.opens, opensAtStart);
      if (remote === null) return { name: 'submitted', by: 'other_device' };
      return remote === state.remote && opensAtStart === state.opensAtStart ? state : { ...state, remote, opensAtStart };
    }
    case 'BACK':
      return state.reason === 'no_camera' ? state : { name: 'idle' };
    default:
      return state;
  }
}

export function sessionTransitionWithConfig(state: CaptureState, event: CaptureEvent, config: AutoStartConfig): CaptureState {
  if (state.name === 'handoff' && event.type !== 'RESET') return handoffOn(state, event);
  if (event.type === 'HANDOFF') return canHandOff(state) ? { name: 'handoff', reason: 'asked', remote: 'waiting' } : state;
  if (state.name === 'uploading' && event.type === 'UPLOAD_DONE') return { name: 'submitted', by: 'this_device' };
  if (state.name === 'requesting_permission' && event.type === 'CAMERA_FAILED' && event.kind === 'no_camera') {
    return { name: 'handoff', reason: 'no_camera', remote: 'waiting' };
  }
  return transitionWithConfig(state, event, config);
}

/** The session page's reducer, with the default timings. */
export function sessionTransition(state: CaptureState, event: CaptureEvent): CaptureState {
  return sessionTransitionWithConfig(state, event, AUTO_START_CONFIG);
}

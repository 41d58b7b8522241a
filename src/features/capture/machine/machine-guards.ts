/** Which work each state of the capture machine (./machine.ts) needs, and what its screen shows. */
import type { CaptureState, CaptureStateName, ShownHint } from './machine-types';

/** Hints under which the manual fallback may record: exactly one face is in view. */
const MANUAL_RECORD_BLOCKED: ReadonlySet<ShownHint> = new Set<ShownHint>(['loading', 'no_face', 'multiple_faces']);

/** The states where the camera stream is open; it is (re)opened on every entry to requesting_permission. */
export const CAMERA_STATES = ['requesting_permission', 'guiding', 'countdown', 'recording'] as const;

/** The states where the face detector loop runs. */
export const DETECTOR_STATES = ['guiding', 'countdown', 'recording'] as const;

/** The states that need the TICK clock. */
export const CLOCK_STATES = ['guiding', 'countdown'] as const;

const isIn = (states: readonly CaptureStateName[], state: CaptureState) => states.includes(state.name);

/** True in the states where the camera stream must be open. */
export function needsCamera(state: CaptureState): boolean {
  return isIn(CAMERA_STATES, state);
}

/** True in the states where the face detector loop runs. */
export function needsDetector(state: CaptureState): boolean {
  return isIn(DETECTOR_STATES, state);
}

/** True in the states that need the TICK clock. */
export function needsClock(state: CaptureState): boolean {
  return isIn(CLOCK_STATES, state);
}

/** The manual Record button is shown once the fallback is unlocked (and until recording starts). */
export function showsManualRecord(state: CaptureState): boolean {
  return (state.name === 'guiding' || state.name === 'countdown') && state.manualRecord;
}

/** Manual recording: fallback unlocked, not counting down, and exactly one face in view. */
export function canRecord(state: CaptureState): boolean {
  return state.name === 'guiding' && state.manualRecord && !MANUAL_RECORD_BLOCKED.has(state.hint);
}

/** The hint to expose in the UI, if the state shows the camera. */
export function shownHint(state: CaptureState): ShownHint | undefined {
  if (state.name === 'guiding' || state.name === 'countdown' || state.name === 'recording') return state.hint;
  if (state.name === 'requesting_permission') return 'loading';
  return undefined;
}

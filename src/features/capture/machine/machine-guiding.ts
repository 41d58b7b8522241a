/**
 * The auto-start clock of the capture machine (./machine.ts): guiding holds a good frame for readyHoldMs, then the
 * countdown runs; a bad hint calls it off. Pure helpers of the transitions table, which stays in machine.ts.
 */
import type { GuidanceHint } from '../guidance/guidance';
import type { AutoStartConfig } from '../guidance/guidance-config';
import type { CaptureState, CountdownAbortReason, CountdownState, GuidingState, ShownHint } from './machine-types';

/** The hints that call off a countdown; the others (light, blur, pose) only update the hint. */
export const COUNTDOWN_ABORTS: Partial<Record<GuidanceHint, CountdownAbortReason>> = {
  no_face: 'face_lost',
  multiple_faces: 'multiple_faces',
  move_closer: 'left_oval',
  move_back: 'left_oval',
  move_left: 'left_oval',
  move_right: 'left_oval',
  move_up: 'left_oval',
  move_down: 'left_oval',
};

export const initialGuidingState: GuidingState = {
  name: 'guiding',
  hint: 'loading',
  since: null,
  readySince: null,
  manualRecord: false,
  notice: null,
  notReadySince: null,
  tips: false,
};

export function guidingOnTick(state: GuidingState, now: number, blocked: boolean, config: AutoStartConfig): CaptureState {
  const since = state.since ?? now;
  const manualRecord = state.manualRecord || now - since >= config.manualFallbackMs;
  const readySince = state.hint === 'ready' && !blocked ? (state.readySince ?? now) : null;
  const notReadySince = state.hint === 'ready' ? null : (state.notReadySince ?? now);
  const tips = notReadySince !== null && now - notReadySince >= config.tipsAfterMs;
  if (readySince !== null && now - readySince >= config.readyHoldMs) {
    return {
      name: 'countdown',
      hint: state.hint,
      startedAt: now,
      secondsLeft: Math.ceil(config.countdownMs / 1000),
      guidingSince: since,
      manualRecord,
    };
  }
  if (
    since === state.since &&
    manualRecord === state.manualRecord &&
    readySince === state.readySince &&
    notReadySince === state.notReadySince &&
    tips === state.tips
  ) {
    return state;
  }
  return { ...state, since, manualRecord, readySince, notReadySince, tips };
}

export function guidingOnHint(state: GuidingState, hint: GuidanceHint): GuidingState {
  if (hint === state.hint) return state;
  // A break in `ready` restarts the hold; being ready again makes an old abort notice moot.
  // A good frame also ends the "no good frame" clock and takes the tips away.
  if (hint === 'ready') return { ...state, hint, readySince: null, notice: null, notReadySince: null, tips: false };
  return { ...state, hint, readySince: null };
}

export function countdownOnTick(state: CountdownState, now: number, blocked: boolean, config: AutoStartConfig): CaptureState {
  if (blocked) return backToGuiding(state, state.hint, null);
  const left = config.countdownMs - (now - state.startedAt);
  if (left <= 0) return { name: 'recording', hint: state.hint, progress: 0, startedBy: 'auto' };
  const secondsLeft = Math.ceil(left / 1000);
  return secondsLeft === state.secondsLeft ? state : { ...state, secondsLeft };
}

export function backToGuiding(state: CountdownState, hint: ShownHint, notice: CountdownAbortReason | null): GuidingState {
  return {
    name: 'guiding',
    hint,
    since: state.guidingSince,
    readySince: null,
    manualRecord: state.manualRecord,
    notice,
    // The countdown ran on good frames: the "no good frame" clock starts afresh.
    notReadySince: null,
    tips: false,
  };
}

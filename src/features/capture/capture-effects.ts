/**
 * What each state of the capture machine does, in one table: the effect starts when the machine
 * enters the row's states and is cleaned up when it leaves them (state-effects.ts runs it). The
 * effects themselves live in their rooms and talk back only through `dispatch`.
 *
 * Not here: the page's own hooks that follow page input rather than the machine and report
 * nothing to it: the ffmpeg preload (fitting/use-ffmpeg-preload.ts), the preview and the camera
 * list (camera/camera-hooks.ts).
 */
import type { RefObject } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { CaptureConsent, ProviderId } from '@contract/api';
import { holdCamera } from './camera/camera-effect';
import type { OpenedSource, SourceChoice } from './camera/media-source';
import { fitClip } from './fitting/fitting-effect';
import { warmUpFitting } from './fitting/warm-up';
import type { FitProvider } from './fitting/plan';
import type { DetectorStats } from './guidance/face-detector';
import { preloadDetector, runClock, runGuidance } from './guidance/guidance-effect';
import {
  CAMERA_STATES,
  CLOCK_STATES,
  DETECTOR_STATES,
  type CaptureErrorKind,
  type CaptureEvent,
  type CaptureState,
  type CaptureStateName,
} from './machine/machine';
import { recordTake } from './recording/recording-effect';
import type { TelemetryCollector } from './recording/telemetry';
import type { Cleanup, EffectRun, StateEffect } from './state-effects';
import { followSession, pollStatus, sendCapture } from './upload/upload-effects';

/** The page's choices, as of its last render. */
export interface CaptureInputs {
  source: SourceChoice;
  /** The camera picked in the picker (null: the front camera; always null for a demo clip). */
  deviceId: string | null;
  /** The checks chosen: the upload is sent to them, fitting fits to their limits. */
  providers: ProviderId[];
  fitProviders: readonly FitProvider[];
  consent: CaptureConsent | null;
  /** Auto-start is held back (no check chosen); the clock reads it on every tick. */
  autoStartBlocked: boolean;
  /** The integrator's session this capture belongs to (`/s/<clientToken>`); null on the open page. */
  session: SessionInputs | null;
}

/** The session page's part: the token the upload carries, and what to do at the end or on a failure. */
export interface SessionInputs {
  clientToken: string;
  /** Entering `submitted`: send the person back (returnUrl) or tell the embedding page. */
  onSubmitted: () => void;
  /** Entering `error`: the embedding page may want to hear of it. */
  onFailed: (kind: CaptureErrorKind, message: string) => void;
}

export interface CaptureEffectContext {
  inputs: RefObject<CaptureInputs>;
  /** The open camera or demo clip (page state: the camera effect sets it). */
  media: OpenedSource | null;
  setMedia: (source: OpenedSource | null) => void;
  videoRef: RefObject<HTMLVideoElement | null>;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  telemetry: RefObject<TelemetryCollector>;
  stats: DetectorStats;
  recordings: { started: number; liveEncodeFailed?: boolean };
  queryClient: QueryClient;
}

type Run = CaptureEffectContext & EffectRun<CaptureEvent>;
type In<N extends CaptureStateName> = Extract<CaptureState, { name: N }>;

/** A row whose `start` sees only the states it lives in. */
function during<N extends CaptureStateName>(
  states: readonly N[],
  start: (state: In<N>, run: Run) => Cleanup | void,
  restartIn?: readonly N[],
): StateEffect<CaptureState, CaptureEvent, CaptureEffectContext> {
  return { during: states, restartIn, start: (state, run) => start(state as In<N>, run) };
}

export const CAPTURE_EFFECTS = [
  // Opened afresh on every entry to requesting_permission (START, RETRY, RETAKE, SWITCH_CAMERA), held through the recording.
  during(CAMERA_STATES, (_, run) => holdCamera(run.inputs.current.source, run.inputs.current.deviceId, run), [
    'requesting_permission',
  ]),
  during(CAMERA_STATES, (_, run) => preloadDetector(run.dispatch)),
  during(DETECTOR_STATES, (_, run) => runGuidance(run.media?.stream ?? null, run)),
  during(CLOCK_STATES, (_, run) => runClock(() => run.inputs.current.autoStartBlocked, run.dispatch)),
  during(['recording'], (state, run) => recordTake(state.startedBy, run.media, run.inputs.current.fitProviders, run)),
  during(['fitting'], (state, run) => fitClip(state.clip, run.inputs.current.fitProviders, run.dispatch)),
  during(['uploading'], (state, run) => sendCapture(state.clip, state.upload, run.inputs.current, run.dispatch)),
  during(['processing'], (state, run) => pollStatus(state.caseId, state.captureToken, run.entry, run)),
  // Session flow only (machine/session-flow.ts).
  during(['handoff'], (_, run) => followSession(run.inputs.current.session?.clientToken, run.entry, run)),
  during(['submitted'], (_, run) => run.inputs.current.session?.onSubmitted()),
  during(['error'], (state, run) => run.inputs.current.session?.onFailed(state.kind, state.message)),
  // The live encoder, the fitting code and (for a stream copy) fitting's worker get ready from the countdown on, so
  // neither the recording nor fitting waits for them.
  during(['countdown', 'recording', 'fitting'], (_, run) =>
    warmUpFitting(run.inputs.current.fitProviders, run.media?.stream ?? null, run.recordings),
  ),
] as const;

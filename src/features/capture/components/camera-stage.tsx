import { useState, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import type { Translate } from '../../../lib/i18n/i18n';
import { formatSeconds } from '../../../lib/i18n/numbers';
import { Button } from '../../../lib/ui';
import type { FrameSize } from '../guidance/face-geometry';
import type { CountdownAbortReason, ShownHint } from '../machine/machine';
import { COUNTDOWN_ABORT_KEY, hintKey } from './messages';
import { RECORDING_MS } from '../recording/recorder';
import { CameraPicker, type CameraPickerProps } from './camera-picker';
import { GuidanceTips } from './guidance-tips';
import { OvalOverlay } from './oval-overlay';

const RECORDING_SECONDS = RECORDING_MS / 1000;

/** A banner, not a button: full width, square-ish, an icon and left-aligned text. */
const BANNER = 'flex w-full items-center gap-3 rounded-lg border-l-8 px-4 py-3 text-left text-base font-semibold shadow';
const AMBER = 'border-amber-500 bg-amber-100 text-amber-950';
const HINT_STYLE: Record<ShownHint, string> = {
  loading: 'border-slate-400 bg-slate-100 text-slate-900',
  no_face: AMBER,
  multiple_faces: AMBER,
  too_dark: AMBER,
  too_bright: AMBER,
  move_closer: AMBER,
  move_back: AMBER,
  move_left: AMBER,
  move_right: AMBER,
  move_up: AMBER,
  move_down: AMBER,
  face_the_camera: AMBER,
  blurry: AMBER,
  ready: 'border-emerald-600 bg-emerald-50 text-emerald-950',
};
const HINT_ICON = (hint: ShownHint) => (hint === 'ready' ? '✓' : hint === 'loading' ? '…' : '!');

export interface CameraStageProps {
  phase: 'requesting_permission' | 'guiding' | 'countdown' | 'recording';
  /** The page's heading, shown over the preview (the page shows nothing else while the camera is live). */
  heading: ReactNode;
  hint: ShownHint;
  /** 3, 2, 1 while counting down */
  secondsLeft?: number;
  /** Why the last countdown stopped, while guiding */
  notice?: CountdownAbortReason | null;
  /** 0–1 while recording */
  recordingProgress: number;
  /** The manual Record fallback is unlocked */
  showRecord: boolean;
  canRecord: boolean;
  /** Recording is blocked because no check is chosen: say so instead of the usual help. */
  noProviderChosen: boolean;
  /** No good frame for a long while: tips for the problem at hand. */
  tips: boolean;
  /** `?debug=1`: the detector's face boxes are drawn over the preview. */
  debug: boolean;
  /** The preview is a demo clip, not the camera: its banner (compact), or null. */
  demoBanner: ReactNode;
  /** Several cameras: the picker (null when there is only one, or in demo mode). */
  picker: CameraPickerProps | null;
  videoRef: RefObject<HTMLVideoElement | null>;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  onRecord: () => void;
  onCancel: () => void;
}

function helpText(props: CameraStageProps, t: Translate, seconds: string): string {
  if (props.phase === 'recording') return t('help.recording');
  if (props.noProviderChosen) return t('help.noProvider');
  if (props.showRecord && props.phase === 'guiding') {
    return props.canRecord ? t('help.manualRecord', { seconds }) : t('help.manualNeedsFace');
  }
  return t('help.autoStart', { seconds });
}

/**
 * The live camera, full screen on a phone (portrait, the preview cropped to fill it) and a
 * portrait card on a wider screen: the mirrored preview, the dimmed oval with the countdown inside
 * it and the recording ring around it, the hint banner, and below it only what the moment needs.
 */
export function CameraStage(props: CameraStageProps) {
  const { phase, hint, secondsLeft, notice, recordingProgress, showRecord, canRecord, videoRef, canvasRef, onRecord, onCancel } =
    props;
  const { t, locale } = useI18n();
  const [frame, setFrame] = useState<FrameSize>({ width: 640, height: 480 });
  const recording = phase === 'recording';
  const counting = phase === 'countdown' && secondsLeft !== undefined;
  const hintText = phase === 'requesting_permission' ? t('camera.permissionPrompt') : t(hintKey(hint, recording));
  // The clip's real length (3.5 s), counted down in tenths: a whole-second count said "4".
  const recordingLeft = formatSeconds(locale, Math.max(0, (1 - recordingProgress) * RECORDING_SECONDS));
  const status = counting
    ? t('countdown.text', { seconds: secondsLeft })
    : phase === 'guiding' && notice
      ? t(COUNTDOWN_ABORT_KEY[notice])
      : '';

  const onVideoSize = () => {
    const v = videoRef.current;
    if (v && v.videoWidth > 0 && v.videoHeight > 0) setFrame({ width: v.videoWidth, height: v.videoHeight });
  };

  return (
    <div
      data-testid="camera-stage"
      className="fixed inset-0 z-30 flex flex-col overflow-hidden bg-slate-950 sm:relative sm:inset-auto sm:z-auto sm:mx-auto sm:aspect-[3/4] sm:h-[min(82svh,46rem)] sm:rounded-3xl sm:shadow-lg"
    >
      {/* Mirror preview and debug boxes together so boxes line up with the (mirrored) face. */}
      <div className="absolute inset-0 -scale-x-100">
        <video
          ref={videoRef}
          className="absolute inset-0 h-full w-full object-cover"
          autoPlay
          muted
          playsInline
          aria-label={t('camera.preview')}
          onLoadedMetadata={onVideoSize}
          onResize={onVideoSize}
        />
        {props.debug ? (
          <canvas
            ref={canvasRef}
            data-testid="debug-boxes"
            className="pointer-events-none absolute inset-0 h-full w-full object-cover"
            aria-hidden="true"
          />
        ) : null}
      </div>
      {phase !== 'requesting_permission' ? (
        <OvalOverlay
          frame={frame}
          good={hint === 'ready'}
          countdown={counting ? secondsLeft : undefined}
          recordingProgress={recording ? recordingProgress : undefined}
        />
      ) : null}

      <div className="relative flex flex-col gap-3 bg-gradient-to-b from-slate-950 via-slate-950/80 to-transparent p-4 pt-[max(1rem,env(safe-area-inset-top))] pb-8 text-white">
        <div className="flex items-center justify-between gap-3">
          {props.heading}
          {recording ? (
            <p
              data-testid="recording-badge"
              className="flex shrink-0 items-center gap-2 rounded-full bg-rose-700 px-3 py-1 text-sm font-semibold whitespace-nowrap text-white tabular-nums shadow"
            >
              <span className="size-2.5 animate-pulse rounded-full bg-white" aria-hidden="true" />
              <span>
                {t('camera.recordingBadge', { seconds: recordingLeft })}
                <span className="sr-only"> {t('camera.secondsLeft')}</span>
              </span>
            </p>
          ) : null}
        </div>
        {props.demoBanner}
        <p
          id="capture-hint"
          role="status"
          aria-live="polite"
          data-testid="hint"
          data-hint={hint}
          className={`${BANNER} ${HINT_STYLE[hint]}`}
        >
          <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-current/15" aria-hidden="true">
            {HINT_ICON(phase === 'requesting_permission' ? 'loading' : hint)}
          </span>
          <span>{hintText}</span>
        </p>
        {props.tips && phase === 'guiding' ? <GuidanceTips hint={hint} /> : null}
      </div>

      <div className="flex-1" />

      <div className="relative flex flex-col items-center gap-3 bg-gradient-to-t from-slate-950 via-slate-950/85 to-transparent p-4 pt-10 pb-[max(1rem,env(safe-area-inset-bottom))] text-white">
        {/* Always in the DOM so screen readers pick up every change: "Recording starts in 3…", "2…", or why it stopped. */}
        <p
          aria-live="assertive"
          aria-atomic="true"
          data-testid="countdown-status"
          className={`w-full text-center text-base font-semibold ${counting ? 'text-white' : 'text-amber-200'} ${status ? '' : 'sr-only'}`}
        >
          {status}
        </p>
        <div className="flex w-full max-w-md flex-col gap-3 sm:flex-row-reverse">
          {showRecord ? (
            <Button
              className="w-full sm:flex-1"
              onClick={onRecord}
              disabled={!canRecord}
              aria-describedby="capture-hint record-help"
            >
              <span className="size-3 rounded-full bg-rose-500" aria-hidden="true" />
              {t('camera.record')}
            </Button>
          ) : null}
          <Button className="w-full sm:w-auto" variant="secondary" onClick={onCancel} disabled={recording}>
            {t('camera.cancel')}
          </Button>
        </div>
        <p id="record-help" className="max-w-md text-center text-sm text-slate-100">
          {helpText(props, t, formatSeconds(locale, RECORDING_SECONDS))}
        </p>
        {props.picker ? (
          <div className="rounded-xl bg-white px-3 py-1">
            <CameraPicker {...props.picker} disabled={recording || props.picker.disabled} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

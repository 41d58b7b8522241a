import { useState, type RefObject } from 'react';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import type { Translate } from '../../../lib/i18n/i18n';
import { Button } from '../../../lib/ui';
import type { FrameSize } from '../guidance/face-geometry';
import type { CountdownAbortReason, ShownHint } from '../machine/machine';
import { COUNTDOWN_ABORT_KEY, hintKey } from './messages';
import { RECORDING_MS } from '../recording/recorder';
import { CameraPicker, type CameraPickerProps } from './camera-picker';
import { OvalOverlay } from './oval-overlay';

const RECORDING_SECONDS = RECORDING_MS / 1000;

const AMBER = 'bg-amber-400 text-amber-950';
const HINT_STYLE: Record<ShownHint, string> = {
  loading: 'bg-slate-800/85 text-white',
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
  ready: 'bg-emerald-700 text-white', // 5.5:1 (emerald-600 is 3.8:1, under AA for this size)
};

export interface CameraStageProps {
  phase: 'requesting_permission' | 'guiding' | 'countdown' | 'recording';
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
  /** Several cameras: the picker (null when there is only one, or in demo mode). */
  picker: CameraPickerProps | null;
  videoRef: RefObject<HTMLVideoElement | null>;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  onRecord: () => void;
  onCancel: () => void;
}

function helpText(props: CameraStageProps, t: Translate): string {
  if (props.phase === 'recording') return t('help.recording');
  if (props.noProviderChosen) return t('help.noProvider');
  if (props.showRecord && props.phase === 'guiding') {
    return props.canRecord ? t('help.manualRecord', { seconds: RECORDING_SECONDS }) : t('help.manualNeedsFace');
  }
  return t('help.autoStart', { seconds: RECORDING_SECONDS });
}

/** Mirrored live preview with the oval, face-box overlay, countdown, hint, and the fallback Record button. */
export function CameraStage(props: CameraStageProps) {
  const { phase, hint, secondsLeft, notice, recordingProgress, showRecord, canRecord, videoRef, canvasRef, onRecord, onCancel } =
    props;
  const { t } = useI18n();
  const [frame, setFrame] = useState<FrameSize>({ width: 640, height: 480 });
  const recording = phase === 'recording';
  const counting = phase === 'countdown' && secondsLeft !== undefined;
  const hintText = phase === 'requesting_permission' ? t('camera.permissionPrompt') : t(hintKey(hint, recording));
  const recordingSecondsLeft = Math.max(0, Math.ceil(((1 - recordingProgress) * RECORDING_MS) / 1000));
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
    <div className="flex flex-col items-center gap-4">
      <div
        className="relative overflow-hidden rounded-2xl bg-slate-900 shadow-lg ring-1 ring-slate-900/10"
        // Fit the frame in the viewport: full width on a phone, bounded by height on a desktop.
        style={{
          aspectRatio: `${frame.width} / ${frame.height}`,
          width: `min(100%, 36rem, calc(62svh * ${frame.width / frame.height}))`,
        }}
      >
        {/* Mirror preview and overlay together so boxes line up with the (mirrored) face. */}
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
          <canvas ref={canvasRef} className="pointer-events-none absolute inset-0 h-full w-full" aria-hidden="true" />
        </div>
        {phase !== 'requesting_permission' ? <OvalOverlay frame={frame} good={hint === 'ready'} /> : null}
        {counting ? (
          <div
            data-testid="countdown"
            data-seconds={secondsLeft}
            aria-hidden="true"
            // Below the oval, so the number does not cover the face.
            className="absolute inset-x-0 bottom-[4%] flex justify-center text-7xl font-bold text-white drop-shadow-[0_2px_6px_rgb(0_0_0/0.7)]"
          >
            {secondsLeft}
          </div>
        ) : null}
        {recording ? (
          <div className="absolute top-3 left-3 flex items-center gap-2 rounded-full bg-rose-600 px-3 py-1 text-sm font-semibold text-white shadow">
            <span className="size-2.5 animate-pulse rounded-full bg-white" aria-hidden="true" />
            <span>
              {t('camera.recordingBadge', { seconds: recordingSecondsLeft })}
              <span className="sr-only"> {t('camera.secondsLeft')}</span>
            </span>
          </div>
        ) : null}
        {recording ? (
          <div className="absolute inset-x-0 bottom-0 h-1.5 bg-black/30" aria-hidden="true">
            <div
              className="h-full bg-rose-500 transition-[width] duration-100"
              style={{ width: `${recordingProgress * 100}%` }}
            />
          </div>
        ) : null}
      </div>

      <p
        id="capture-hint"
        role="status"
        aria-live="polite"
        data-testid="hint"
        data-hint={hint}
        className={`min-h-12 w-full max-w-md rounded-xl px-4 py-3 text-center text-base font-semibold ${HINT_STYLE[hint]}`}
      >
        {hintText}
      </p>

      {/* Always in the DOM so screen readers pick up every change: "Recording starts in 3…", "2…", or why it stopped. */}
      <p
        aria-live="assertive"
        aria-atomic="true"
        data-testid="countdown-status"
        className={`w-full max-w-md text-center text-base font-semibold ${counting ? 'text-slate-900' : 'text-amber-800'} ${status ? '' : 'sr-only'}`}
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
      <p id="record-help" className="max-w-md text-center text-sm text-slate-600">
        {helpText(props, t)}
      </p>
      {props.picker ? <CameraPicker {...props.picker} disabled={recording || props.picker.disabled} /> : null}
    </div>
  );
}

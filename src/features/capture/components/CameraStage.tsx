import { useState, type RefObject } from 'react';
import { Button } from '../../../lib/ui';
import type { ShownHint } from '../machine';
import { HINT_TEXT, PERMISSION_PROMPT_TEXT, RECORDING_HINT_TEXT } from '../messages';
import { RECORDING_MS } from '../recorder';

const HINT_STYLE: Record<ShownHint, string> = {
  loading: 'bg-slate-800/85 text-white',
  no_face: 'bg-amber-400 text-amber-950',
  multiple_faces: 'bg-amber-400 text-amber-950',
  move_closer: 'bg-amber-400 text-amber-950',
  ready: 'bg-emerald-600 text-white',
};

export interface CameraStageProps {
  phase: 'requesting_permission' | 'guiding' | 'recording';
  hint: ShownHint;
  /** 0–1 while recording */
  recordingProgress: number;
  canRecord: boolean;
  recordBlockedReason?: string;
  videoRef: RefObject<HTMLVideoElement | null>;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  onRecord: () => void;
  onCancel: () => void;
}

/** Mirrored live preview with the face-box overlay, the hint, and the Record button. */
export function CameraStage(props: CameraStageProps) {
  const { phase, hint, recordingProgress, canRecord, recordBlockedReason, videoRef, canvasRef, onRecord, onCancel } = props;
  const [aspect, setAspect] = useState(4 / 3);
  const recording = phase === 'recording';
  const hintText =
    phase === 'requesting_permission' ? PERMISSION_PROMPT_TEXT : (recording ? RECORDING_HINT_TEXT : HINT_TEXT)[hint];
  const secondsLeft = Math.max(0, Math.ceil(((1 - recordingProgress) * RECORDING_MS) / 1000));

  const onVideoSize = () => {
    const v = videoRef.current;
    if (v && v.videoWidth > 0 && v.videoHeight > 0) setAspect(v.videoWidth / v.videoHeight);
  };

  return (
    <div className="flex flex-col items-center gap-4">
      <div
        className="relative overflow-hidden rounded-2xl bg-slate-900 shadow-lg ring-1 ring-slate-900/10"
        // Fit the frame in the viewport: full width on a phone, bounded by height on a desktop.
        style={{ aspectRatio: String(aspect), width: `min(100%, 36rem, calc(62svh * ${aspect}))` }}
      >
        {/* Mirror preview and overlay together so boxes line up with the (mirrored) face. */}
        <div className="absolute inset-0 -scale-x-100">
          <video
            ref={videoRef}
            className="absolute inset-0 h-full w-full object-cover"
            autoPlay
            muted
            playsInline
            aria-label="Camera preview"
            onLoadedMetadata={onVideoSize}
            onResize={onVideoSize}
          />
          <canvas ref={canvasRef} className="pointer-events-none absolute inset-0 h-full w-full" aria-hidden="true" />
        </div>
        {recording ? (
          <div className="absolute top-3 left-3 flex items-center gap-2 rounded-full bg-rose-600 px-3 py-1 text-sm font-semibold text-white shadow">
            <span className="size-2.5 animate-pulse rounded-full bg-white" aria-hidden="true" />
            <span>
              Recording · {secondsLeft}
              <span className="sr-only"> seconds left</span>
            </span>
          </div>
        ) : null}
        {recording ? (
          <div className="absolute inset-x-0 bottom-0 h-1.5 bg-black/30" aria-hidden="true">
            <div className="h-full bg-rose-500 transition-[width] duration-100" style={{ width: `${recordingProgress * 100}%` }} />
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

      <div className="flex w-full max-w-md flex-col gap-3 sm:flex-row-reverse">
        <Button
          className="w-full sm:flex-1"
          variant={recording ? 'danger' : 'primary'}
          onClick={onRecord}
          disabled={!canRecord}
          aria-describedby="capture-hint record-help"
        >
          <span className={`size-3 rounded-full ${recording ? 'animate-pulse bg-white' : 'bg-rose-500'}`} aria-hidden="true" />
          Record
        </Button>
        <Button className="w-full sm:w-auto" variant="secondary" onClick={onCancel} disabled={recording}>
          Cancel
        </Button>
      </div>
      <p id="record-help" className="max-w-md text-center text-sm text-slate-600">
        {recording
          ? 'Keep your face in the frame until the recording stops.'
          : recordBlockedReason ?? `Record becomes available when your face is in the frame. It records ${RECORDING_MS / 1000} seconds.`}
      </p>
    </div>
  );
}

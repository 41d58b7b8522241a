import { GUIDANCE_CONFIG } from '../guidance/guidance-config';
import { ovalFor, shortSide, type FrameSize } from '../guidance/face-geometry';

export interface OvalOverlayProps {
  frame: FrameSize;
  good: boolean;
  /** 3, 2, 1 while counting down: drawn inside the oval, where the person is already looking. */
  countdown?: number;
  /** 0–1 while recording: a ring that fills clockwise along the oval from its top. */
  recordingProgress?: number;
}

/**
 * The oval the face should fill, drawn over the preview with everything outside it dimmed. It uses
 * the same geometry as the centring check, in video pixels: `slice` crops the viewBox exactly as
 * `object-cover` crops the video, so the oval stays on the face whatever the screen's shape.
 * Centred horizontally, so the mirrored preview needs no flip.
 */
export function OvalOverlay({ frame, good, countdown, recordingProgress }: OvalOverlayProps) {
  const { cx, cy, rx, ry } = ovalFor(frame, GUIDANCE_CONFIG.oval);
  const s = shortSide(frame);
  // Starts at the top and runs clockwise (the y axis points down), so the ring fills like a clock.
  const ellipse = `M ${cx} ${cy - ry} a ${rx} ${ry} 0 1 1 0 ${2 * ry} a ${rx} ${ry} 0 1 1 0 ${-2 * ry} Z`;
  const ring = s * 0.018;
  const recording = recordingProgress !== undefined;
  return (
    <svg
      className="pointer-events-none absolute inset-0 h-full w-full"
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      preserveAspectRatio="xMidYMid slice"
      aria-hidden="true"
      data-testid="oval"
    >
      <path
        d={`M 0 0 H ${frame.width} V ${frame.height} H 0 Z ${ellipse}`}
        fillRule="evenodd"
        fill="#020617"
        fillOpacity={0.72}
      />
      {recording ? (
        <>
          <path d={ellipse} fill="none" stroke="white" strokeOpacity={0.35} strokeWidth={ring} />
          <path
            data-testid="recording-ring"
            d={ellipse}
            fill="none"
            stroke="#e11d48"
            strokeWidth={ring}
            strokeLinecap="round"
            pathLength={1}
            strokeDasharray={`${Math.min(1, Math.max(0, recordingProgress))} 1`}
          />
        </>
      ) : (
        <path
          d={ellipse}
          fill="none"
          stroke={good ? '#10b981' : 'white'}
          strokeWidth={good ? ring : ring / 2}
          strokeDasharray={good ? undefined : `${s * 0.03} ${s * 0.02}`}
        />
      )}
      {countdown !== undefined ? (
        <text
          data-testid="countdown"
          data-seconds={countdown}
          x={cx}
          y={cy}
          textAnchor="middle"
          dominantBaseline="central"
          fontSize={ry * 0.8}
          fontWeight={700}
          fill="white"
          fillOpacity={0.9}
          stroke="#020617"
          strokeOpacity={0.5}
          strokeWidth={s * 0.006}
        >
          {countdown}
        </text>
      ) : null}
    </svg>
  );
}

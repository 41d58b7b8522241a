import { GUIDANCE_CONFIG } from '../guidance/guidance-config';
import { ovalFor, type FrameSize } from '../guidance/face-geometry';

/**
 * The oval the face should fill, drawn over the preview with the area outside it dimmed. It uses
 * the same geometry as the centring check (video pixels; the container has the video's aspect
 * ratio, so the viewBox maps 1:1). Centred horizontally, so the mirrored preview needs no flip.
 */
export function OvalOverlay({ frame, good }: { frame: FrameSize; good: boolean }) {
  const { cx, cy, rx, ry } = ovalFor(frame, GUIDANCE_CONFIG.oval);
  const ellipse = `M ${cx - rx} ${cy} a ${rx} ${ry} 0 1 0 ${2 * rx} 0 a ${rx} ${ry} 0 1 0 ${-2 * rx} 0 Z`;
  return (
    <svg
      className="pointer-events-none absolute inset-0 h-full w-full"
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      data-testid="oval"
    >
      <path
        d={`M 0 0 H ${frame.width} V ${frame.height} H 0 Z ${ellipse}`}
        fillRule="evenodd"
        fill="#0f172a"
        fillOpacity={0.45}
      />
      <path
        d={ellipse}
        fill="none"
        stroke={good ? '#10b981' : 'white'}
        strokeWidth={3}
        strokeDasharray={good ? undefined : '10 8'}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}

/**
 * Frame stepping for the case video. Seeks land on the middle of a frame (index + 0.5) / fps, so
 * rounding in the browser's seek never shows the neighbouring frame.
 */

/** Frames per second from the server's probe (`fps` number, or a "30000/1001" rate string). */
export function probeFps(probe: Record<string, unknown> | undefined): number | undefined {
  const v = probe?.fps ?? probe?.frameRate;
  let fps: number | undefined;
  if (typeof v === 'number') fps = v;
  else if (typeof v === 'string') {
    const [n, d] = v.split('/').map(Number);
    fps = d ? (n ?? NaN) / d : n;
  }
  return fps !== undefined && Number.isFinite(fps) && fps > 0 && fps <= 240 ? fps : undefined;
}

/** Index of the frame shown at `timeS` (a tiny epsilon absorbs float error at frame boundaries). */
export function frameIndexAt(timeS: number, fps: number): number {
  return Math.max(0, Math.floor(timeS * fps + 1e-6));
}

export function frameCount(durationS: number, fps: number): number {
  return Number.isFinite(durationS) && durationS > 0 ? Math.max(1, Math.round(durationS * fps)) : 1;
}

/** Time to seek to for the frame `delta` frames away from the one at `timeS`, clamped to the clip. */
export function stepFrameTime(timeS: number, delta: number, fps: number, durationS: number): number {
  const known = Number.isFinite(durationS) && durationS > 0;
  const last = known ? frameCount(durationS, fps) - 1 : Number.POSITIVE_INFINITY;
  const target = Math.min(last, Math.max(0, frameIndexAt(timeS, fps) + delta));
  const t = (target + 0.5) / fps;
  return known ? Math.min(t, durationS) : t;
}

/** "frame 12 / 105 · 0.480 s" for the player's readout. */
export function frameLabel(timeS: number, fps: number, durationS: number): string {
  const total = frameCount(durationS, fps);
  const index = Math.min(frameIndexAt(timeS, fps), total - 1);
  return `frame ${index + 1} / ${total} · ${timeS.toFixed(3)} s`;
}

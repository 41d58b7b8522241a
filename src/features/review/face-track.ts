/**
 * The face-box track from capture telemetry (`faceBoxes`: {t ms since recording start, x, y, w, h}
 * in detector-frame pixels, ~5 samples/s), turned into the box to draw at a video time.
 * Between two samples that each saw exactly one face the box is interpolated; otherwise the
 * nearest sample's boxes are shown, and nothing when the gap is too wide to say.
 */

export interface FaceBox {
  x: number;
  y: number;
  w: number;
  h: number;
  score?: number;
}

export interface FaceTrack {
  /** Detector frame size the boxes are measured in. */
  width: number;
  height: number;
  /** Samples sorted by time, each with every face seen at that instant. */
  samples: Array<{ t: number; boxes: FaceBox[] }>;
}

/** Samples further than this from the playhead are not drawn (missed detections stay visible as gaps). */
export const MAX_GAP_MS = 450;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export function readFaceTrack(telemetry: unknown, fallbackSize?: { width?: number; height?: number }): FaceTrack | undefined {
  const t = obj(telemetry);
  if (!t || !Array.isArray(t.faceBoxes)) return undefined;
  const frame = obj(t.frameSize);
  const settings = obj(t.trackSettings);
  const width = num(frame?.width) ?? num(settings?.width) ?? fallbackSize?.width;
  const height = num(frame?.height) ?? num(settings?.height) ?? fallbackSize?.height;
  if (!width || !height) return undefined;
  const byTime = new Map<number, FaceBox[]>();
  for (const raw of t.faceBoxes) {
    const b = obj(raw);
    const at = num(b?.t);
    const x = num(b?.x);
    const y = num(b?.y);
    const w = num(b?.w);
    const h = num(b?.h);
    if (at === undefined || x === undefined || y === undefined || !w || !h) continue;
    const box: FaceBox = { x, y, w, h };
    const score = num(b?.score);
    if (score !== undefined) box.score = score;
    byTime.set(at, [...(byTime.get(at) ?? []), box]);
  }
  if (byTime.size === 0) return undefined;
  const samples = [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([at, boxes]) => ({ t: at, boxes }));
  return { width, height, samples };
}

const lerp = (a: number, b: number, k: number) => a + (b - a) * k;

/** Boxes to draw at `tMs` (ms since the recording started). */
export function boxesAt(track: FaceTrack, tMs: number): FaceBox[] {
  const { samples } = track;
  // Last sample at or before tMs (binary search: tracks are short but this runs every frame).
  let lo = 0;
  let hi = samples.length - 1;
  let before = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((samples[mid] as { t: number }).t <= tMs) {
      before = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const a = before >= 0 ? samples[before] : undefined;
  const b = samples[before + 1];
  if (a && b && a.boxes.length === 1 && b.boxes.length === 1 && b.t - a.t <= 2 * MAX_GAP_MS) {
    const k = (tMs - a.t) / (b.t - a.t);
    const p = a.boxes[0] as FaceBox;
    const q = b.boxes[0] as FaceBox;
    return [{ x: lerp(p.x, q.x, k), y: lerp(p.y, q.y, k), w: lerp(p.w, q.w, k), h: lerp(p.h, q.h, k) }];
  }
  const nearest = [a, b]
    .filter((s): s is { t: number; boxes: FaceBox[] } => !!s)
    .sort((x, y) => Math.abs(x.t - tMs) - Math.abs(y.t - tMs))[0];
  return nearest && Math.abs(nearest.t - tMs) <= MAX_GAP_MS ? nearest.boxes : [];
}

/**
 * The fast guidance path (detect-frame.ts: a 320×240 copy of the frame, detection on every other
 * frame) against the full-frame path, on the same frames of every calibration clip
 * (fixtures/detector-paths.json, recorded by scripts/guidance-paths.ts) and each clip's ground
 * truth: it must find the right faces at least as often, put the boxes in the same place, and
 * lead to the same hints and capture states.
 */
import { readFileSync } from 'node:fs';
import type { Detection } from '@mediapipe/tasks-vision';
import { describe, expect, it } from 'vitest';
import { DETECT_EVERY_NTH_FRAME, detectSize, scaleDetections } from './detect-frame';
import { classifyFrame, filterHint, initialHintFilter, type FrameObservation, type GuidanceHint } from './guidance';
import { AUTO_START_CONFIG } from './guidance-config';
import { initialCaptureState, transition } from '../machine/machine';

type RecordedDetection = { b: [number, number, number, number]; s: number; k: Array<[number, number]> };
interface PathsClip {
  /** ground truth */
  faces: number;
  full: RecordedDetection[][];
  fast: RecordedDetection[][];
  qFull: Array<[number, number, number]>;
  qFast: Array<[number, number, number]>;
}

const clips = (
  JSON.parse(readFileSync(new URL('./fixtures/detector-paths.json', import.meta.url), 'utf8')) as {
    clips: Record<string, PathsClip>;
  }
).clips;
const names = Object.keys(clips);

const frame = { width: 640, height: 480 };
const toObservation = (d: RecordedDetection[], q: [number, number, number]): FrameObservation => ({
  frame,
  quality: { meanLuma: q[0], laplacianVariance: q[1], sharpness: q[2] },
  detections: d.map((x) => ({
    boundingBox: { originX: x.b[0], originY: x.b[1], width: x.b[2], height: x.b[3] },
    categories: [{ score: x.s }],
    keypoints: x.k.map(([px, py]) => ({ x: px, y: py })),
  })),
});

/** What the page judges on each frame: the full path detects on every full frame; the fast one on every nth small copy. */
function observations(clip: PathsClip, path: 'full' | 'fast'): FrameObservation[] {
  if (path === 'full') return clip.full.map((d, i) => toObservation(d, clip.qFull[i]!));
  let last: RecordedDetection[] = [];
  return clip.fast.map((d, i) => {
    if (i % DETECT_EVERY_NTH_FRAME === 0) last = d;
    return toObservation(last, clip.qFast[i]!);
  });
}

/** Raw hints, shown hints and capture states over the clip at 25 fps (as guidance-calibration.test.ts plays it). */
function play(obs: FrameObservation[]) {
  let state = transition(transition(transition(initialCaptureState, { type: 'CONSENT_GIVEN' }), { type: 'START' }), {
    type: 'CAMERA_READY',
  });
  let filter = initialHintFilter;
  const raw: GuidanceHint[] = [];
  const shown: Array<GuidanceHint | null> = [];
  const states: string[] = [state.name];
  obs.forEach((o, i) => {
    const t = i * 40;
    const hint = classifyFrame(o);
    raw.push(hint);
    const next = filterHint(filter, hint);
    if (next.shown && next.shown !== filter.shown) state = transition(state, { type: 'HINT', hint: next.shown });
    filter = next;
    shown.push(filter.shown);
    if (t % AUTO_START_CONFIG.tickMs < 40) state = transition(state, { type: 'TICK', now: t });
    if (states[states.length - 1] !== state.name) states.push(state.name);
  });
  return { raw, shown, states };
}

const rightCount = (frames: RecordedDetection[][], faces: number) => frames.filter((d) => d.length === faces).length;

function iou(a: RecordedDetection['b'], b: RecordedDetection['b']): number {
  const x = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const y = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  return (x * y) / (a[2] * a[3] + b[2] * b[3] - x * y);
}

describe('the detector input size', () => {
  it('shrinks to a 320 px long side, keeps the aspect, and maps boxes back to video pixels', () => {
    expect(detectSize(640, 480)).toEqual({ width: 320, height: 240, scale: 2 });
    expect(detectSize(1280, 720)).toEqual({ width: 320, height: 180, scale: 4 });
    expect(detectSize(320, 240).scale).toBe(1);
    const d = {
      boundingBox: { originX: 10, originY: 20, width: 30, height: 40, angle: 0 },
      categories: [],
      keypoints: [{ x: 0.5, y: 0.25, score: 1, label: '' }],
    } as unknown as Detection;
    expect(scaleDetections([d], 2)[0]).toMatchObject({
      boundingBox: { originX: 20, originY: 40, width: 60, height: 80 },
      keypoints: [{ x: 0.5, y: 0.25 }],
    });
  });
});

describe('fast path vs full frame on the calibration clips (same frames)', () => {
  it('covers every calibration clip', () => {
    expect(names.sort()).toEqual(
      [
        'face',
        'face_blur10',
        'face_blur5',
        'face_bright',
        'face_close',
        'face_dark',
        'face_dim',
        'face_shift',
        'noface',
        'twofaces',
      ].sort(),
    );
  });

  it.each(names.filter((n) => n !== 'face_blur10'))('%s: the small copy finds the true face count at least as often', (name) => {
    const clip = clips[name]!;
    expect(rightCount(clip.fast, clip.faces)).toBeGreaterThanOrEqual(rightCount(clip.full, clip.faces));
  });

  it('no-face clip: the full frame reports the coffee cup as a face on some frames, the small copy on none', () => {
    const clip = clips.noface!;
    expect(rightCount(clip.full, 0)).toBeLessThan(clip.full.length);
    expect(rightCount(clip.fast, 0)).toBe(clip.fast.length);
  });

  it('heavy blur (sigma 10): the small copy loses the face on at most 5 % more frames (never ready either way)', () => {
    const clip = clips.face_blur10!;
    expect(rightCount(clip.full, 1) - rightCount(clip.fast, 1)).toBeLessThanOrEqual(clip.full.length * 0.05);
    expect(play(observations(clip, 'fast')).raw).not.toContain('ready');
  });

  it('where both find the true faces, the boxes are in the same place (IoU ≥ 0.8, median ≥ 0.9)', () => {
    const ious: number[] = [];
    for (const clip of Object.values(clips)) {
      clip.full.forEach((full, i) => {
        const fast = clip.fast[i]!;
        if (clip.faces === 0 || full.length !== clip.faces || fast.length !== clip.faces) return;
        const byX = (a: RecordedDetection, b: RecordedDetection) => a.b[0] - b.b[0];
        const [fs, ss] = [[...full].sort(byX), [...fast].sort(byX)];
        fs.forEach((d, j) => ious.push(iou(d.b, ss[j]!.b)));
      });
    }
    ious.sort((a, b) => a - b);
    expect(ious.length).toBeGreaterThan(1000);
    expect(ious[0]).toBeGreaterThanOrEqual(0.8);
    expect(ious[ious.length >> 1]).toBeGreaterThanOrEqual(0.9);
  });

  it.each(names)('%s: same capture states, and the shown hint differs on at most 4 % of frames', (name) => {
    const clip = clips[name]!;
    const full = play(observations(clip, 'full'));
    const fast = play(observations(clip, 'fast'));
    expect(fast.states).toEqual(full.states);
    const differ = fast.shown.flatMap((h, i) => (h === full.shown[i] ? [] : [`${full.shown[i]} → ${h}`]));
    // Heavy blur: the face is found on ~90 % of frames either way, so "blurry" and "no face" swap
    // on a few more frames; both say "not ready".
    if (name === 'face_blur10') expect(new Set(differ)).toEqual(new Set(['blurry → no_face', 'no_face → blurry']));
    else expect(differ.length).toBeLessThanOrEqual(clip.full.length * 0.04);
  });

  it.each([
    ['face', 'ready'],
    ['face_dim', 'ready'],
    ['face_blur5', 'ready'],
    ['twofaces', 'multiple_faces'],
    ['face_dark', 'too_dark'],
    ['face_bright', 'too_bright'],
    ['face_shift', 'move_left'],
  ] as const)('%s on the fast path → %s on every frame (as calibrated)', (name, hint) => {
    expect(new Set(play(observations(clips[name]!, 'fast')).raw)).toEqual(new Set([hint]));
  });

  it('the negative clips never read as ready on the fast path', () => {
    for (const name of ['noface', 'face_close', 'face_blur10'])
      expect(play(observations(clips[name]!, 'fast')).raw).not.toContain('ready');
  });
});

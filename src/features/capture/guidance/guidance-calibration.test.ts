/**
 * The thresholds in guidance-config.ts against what the detector and the frame sample actually
 * produced on the fake-camera clips (recorded in fixtures/camera-clips.json): the good clip
 * must be `ready` on every frame and run through hold → countdown → recording; the negative
 * clips must never be.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyFrame, filterHint, initialHintFilter, type FrameObservation, type GuidanceHint } from './guidance';
import { AUTO_START_CONFIG } from './guidance-config';
import { initialCaptureState, transition, type CaptureState } from '../machine/machine';

interface RecordedFrame {
  q: [number, number, number];
  d: Array<{ b: [number, number, number, number]; s: number; k: Array<[number, number]> }>;
}
interface RecordedClip {
  source: string;
  everyNthFrame: number;
  width: number;
  height: number;
  frames: RecordedFrame[];
}

const clips = (
  JSON.parse(readFileSync(new URL('./fixtures/camera-clips.json', import.meta.url), 'utf8')) as {
    clips: Record<string, RecordedClip>;
  }
).clips;

function observations(name: string): FrameObservation[] {
  const clip = clips[name];
  if (!clip) throw new Error(`no clip ${name}`);
  return clip.frames.map((f) => ({
    frame: { width: clip.width, height: clip.height },
    quality: { meanLuma: f.q[0], laplacianVariance: f.q[1], sharpness: f.q[2] },
    detections: f.d.map((d) => ({
      boundingBox: { originX: d.b[0], originY: d.b[1], width: d.b[2], height: d.b[3] },
      categories: [{ score: d.s }],
      keypoints: d.k.map(([x, y]) => ({ x, y })),
    })),
  }));
}

function rawHints(name: string): Partial<Record<GuidanceHint, number>> {
  const counts: Partial<Record<GuidanceHint, number>> = {};
  for (const o of observations(name)) {
    const h = classifyFrame(o);
    counts[h] = (counts[h] ?? 0) + 1;
  }
  return counts;
}

/** Plays a clip (looped) through the hint filter and the machine at 25 fps with 100 ms TICKs. */
function play(name: string, seconds: number): { states: string[]; final: CaptureState } {
  const obs = observations(name);
  const frameMs = 40 * (clips[name]?.everyNthFrame ?? 1);
  const primer = transition(initialCaptureState, { type: 'CONSENT_GIVEN' });
  let state = transition(transition(primer, { type: 'START' }), { type: 'CAMERA_READY' });
  let filter = initialHintFilter;
  const states: string[] = [state.name];
  for (let t = 0, i = 0; t <= seconds * 1000; t += frameMs, i++) {
    const next = filterHint(filter, classifyFrame(obs[i % obs.length] as FrameObservation));
    if (next.shown && next.shown !== filter.shown) state = transition(state, { type: 'HINT', hint: next.shown });
    filter = next;
    if (t % AUTO_START_CONFIG.tickMs < frameMs) state = transition(state, { type: 'TICK', now: t });
    if (states[states.length - 1] !== state.name) states.push(state.name);
  }
  return { states, final: state };
}

describe('calibration against the fake-camera clips', () => {
  it('the good clip is ready on every recorded frame (two loops)', () => {
    expect(rawHints('face')).toEqual({ ready: 125 });
  });

  it('the good clip auto-starts: guiding → countdown → recording, without an abort', () => {
    const { states, final } = play('face', 6);
    expect(states).toEqual(['guiding', 'countdown', 'recording']);
    expect(final).toMatchObject({ name: 'recording', startedBy: 'auto' });
  });

  it('the no-face clip: the rare cup false positive never reads as ready, and no countdown', () => {
    const hints = rawHints('noface');
    expect(hints.ready).toBeUndefined();
    expect(hints.no_face).toBeGreaterThanOrEqual(240);
    expect(play('noface', 20).states).toEqual(['guiding']);
  });

  it('the two-faces clip is multiple_faces on every frame, and no countdown', () => {
    expect(rawHints('twofaces')).toEqual({ multiple_faces: 25 });
    expect(play('twofaces', 20).states).toEqual(['guiding']);
  });

  it.each([
    ['face_dark', 'too_dark'],
    ['face_bright', 'too_bright'],
    ['face_shift', 'move_left'],
  ] as const)('%s → %s on every frame', (name, hint) => {
    expect(rawHints(name)).toEqual({ [hint]: 13 });
  });

  it('heavy blur (sigma 10) is never ready: blurry, or the detector loses the face', () => {
    const hints = rawHints('face_blur10');
    expect(hints.ready).toBeUndefined();
    expect(hints.blurry).toBeGreaterThanOrEqual(10);
  });

  it('a face too close and low in the frame is never ready', () => {
    const hints = rawHints('face_close');
    expect(hints.ready).toBeUndefined();
    expect(Object.keys(hints).every((h) => ['move_back', 'move_up', 'move_left'].includes(h))).toBe(true);
  });

  it('mild problems still pass: a dim room (luma ~77) and slight softness (sigma 5)', () => {
    expect(rawHints('face_dim')).toEqual({ ready: 13 });
    expect(rawHints('face_blur5')).toEqual({ ready: 13 });
  });
});

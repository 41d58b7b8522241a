import { describe, expect, it } from 'vitest';
import {
  GUIDANCE_CONFIG,
  classifyFrame,
  filterHint,
  initialHintFilter,
  nextGuidance,
  type FaceDetectionLike,
  type GuidanceHint,
  type HintFilterState,
} from './guidance';

const VGA = { width: 640, height: 480 };
const HD = { width: 1280, height: 720 };

function face(size: number, x = 200, y = 100, score = 0.95): FaceDetectionLike {
  return { boundingBox: { originX: x, originY: y, width: size, height: size }, categories: [{ score }] };
}

describe('classifyFrame', () => {
  it('no detections → no_face', () => {
    expect(classifyFrame([], VGA)).toBe('no_face');
  });

  it('ignores detections without a usable box', () => {
    expect(classifyFrame([{ categories: [{ score: 0.9 }] }, face(0)], VGA)).toBe('no_face');
  });

  it('two faces → multiple_faces, even when both are small', () => {
    expect(classifyFrame([face(200), face(190, 400)], HD)).toBe('multiple_faces');
    expect(classifyFrame([face(40), face(40, 400)], VGA)).toBe('multiple_faces');
  });

  it('a face like the 640×480 fixture (121–153 px) is ready', () => {
    expect(classifyFrame([face(121)], VGA)).toBe('ready');
    expect(classifyFrame([face(153)], VGA)).toBe('ready');
  });

  it('a face under 100 px → move_closer, even on a small frame', () => {
    expect(classifyFrame([face(99)], { width: 320, height: 240 })).toBe('move_closer');
    expect(classifyFrame([face(100)], { width: 320, height: 240 })).toBe('ready');
  });

  it('a face under 20 % of the short side → move_closer (720p needs 144 px)', () => {
    expect(classifyFrame([face(143)], HD)).toBe('move_closer');
    expect(classifyFrame([face(144)], HD)).toBe('ready');
  });

  it('portrait frames use the short side (width)', () => {
    // 480×640 portrait: short side 480 → 96 px, but the 100 px floor wins.
    expect(classifyFrame([face(99)], { width: 480, height: 640 })).toBe('move_closer');
    expect(classifyFrame([face(110)], { width: 480, height: 640 })).toBe('ready');
  });

  it('uses the larger side of a non-square box', () => {
    const d: FaceDetectionLike = { boundingBox: { originX: 0, originY: 0, width: 90, height: 120 } };
    expect(classifyFrame([d], VGA)).toBe('ready');
  });

  it('honours a custom config', () => {
    expect(classifyFrame([face(150)], VGA, { ...GUIDANCE_CONFIG, minFaceBoxPx: 200 })).toBe('move_closer');
  });
});

function feed(hints: GuidanceHint[], start: HintFilterState = initialHintFilter): Array<GuidanceHint | null> {
  const shown: Array<GuidanceHint | null> = [];
  let s = start;
  for (const h of hints) {
    s = filterHint(s, h);
    shown.push(s.shown);
  }
  return shown;
}

describe('filterHint (hysteresis)', () => {
  it('shows the first hint immediately', () => {
    expect(feed(['no_face'])).toEqual(['no_face']);
  });

  it('needs holdFrames (3) consecutive frames to switch', () => {
    expect(GUIDANCE_CONFIG.holdFrames).toBe(3);
    expect(feed(['no_face', 'ready', 'ready', 'ready'])).toEqual(['no_face', 'no_face', 'no_face', 'ready']);
  });

  it('a one- or two-frame blip does not change the shown hint', () => {
    expect(feed(['ready', 'no_face', 'ready', 'no_face', 'no_face', 'ready', 'ready'])).toEqual([
      'ready',
      'ready',
      'ready',
      'ready',
      'ready',
      'ready',
      'ready',
    ]);
  });

  it('a challenger that changes restarts the count', () => {
    expect(feed(['ready', 'no_face', 'no_face', 'move_closer', 'move_closer', 'move_closer'])).toEqual([
      'ready',
      'ready',
      'ready',
      'ready',
      'ready',
      'move_closer',
    ]);
  });

  it('returns the same state object when nothing changes (cheap for React)', () => {
    const s = filterHint(initialHintFilter, 'ready');
    expect(filterHint(s, 'ready')).toBe(s);
  });

  it('holdFrames 1 switches on every frame', () => {
    let s = filterHint(initialHintFilter, 'ready', { holdFrames: 1 });
    s = filterHint(s, 'no_face', { holdFrames: 1 });
    expect(s.shown).toBe('no_face');
  });
});

describe('nextGuidance', () => {
  it('classifies and filters in one step', () => {
    let filter = initialHintFilter;
    const seen: Array<[GuidanceHint, GuidanceHint | null]> = [];
    for (const dets of [[face(130)], [], [], []]) {
      const r = nextGuidance(filter, dets, VGA);
      filter = r.filter;
      seen.push([r.raw, filter.shown]);
    }
    expect(seen).toEqual([
      ['ready', 'ready'],
      ['no_face', 'ready'],
      ['no_face', 'ready'],
      ['no_face', 'no_face'],
    ]);
  });
});

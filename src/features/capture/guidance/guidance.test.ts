import { describe, expect, it } from 'vitest';
import type { FrameQuality } from './frame-quality';
import {
  classifyFrame,
  filterHint,
  initialHintFilter,
  nextGuidance,
  type FaceDetectionLike,
  type FrameObservation,
  type GuidanceHint,
  type HintFilterState,
} from './guidance';
import { GUIDANCE_CONFIG } from './guidance-config';

const VGA = { width: 640, height: 480 };
const HD = { width: 1280, height: 720 };
const GOOD_LIGHT: FrameQuality = { meanLuma: 128, laplacianVariance: 2900, sharpness: 0.7 };

/** Frontal keypoints for a box (normalised to the frame), like BlazeFace's on the good clip. */
function frontalKeypoints(x: number, y: number, size: number, frame = VGA) {
  const at = (fx: number, fy: number) => ({ x: (x + fx * size) / frame.width, y: (y + fy * size) / frame.height });
  return [at(0.3, 0.35), at(0.7, 0.35), at(0.5, 0.55), at(0.5, 0.75), at(0.05, 0.45), at(0.95, 0.45)];
}

/** A face of `size` px centred at (cx, cy) in video pixels; defaults to the oval centre at VGA. */
function face(size: number, cx = 320, cy = 192, frame = VGA): FaceDetectionLike {
  const x = cx - size / 2;
  const y = cy - size / 2;
  return {
    boundingBox: { originX: x, originY: y, width: size, height: size },
    categories: [{ score: 0.95 }],
    keypoints: frontalKeypoints(x, y, size, frame),
  };
}

function obs(detections: FaceDetectionLike[], frame = VGA, quality: FrameQuality | null = GOOD_LIGHT): FrameObservation {
  return { detections, frame, quality };
}

describe('classifyFrame: faces', () => {
  it('no detections → no_face', () => {
    expect(classifyFrame(obs([]))).toBe('no_face');
  });

  it('ignores detections without a usable box', () => {
    expect(classifyFrame(obs([{ categories: [{ score: 0.9 }] }, face(0)]))).toBe('no_face');
  });

  it('two faces → multiple_faces, even when both are small or badly lit', () => {
    expect(classifyFrame(obs([face(200, 400, 300, HD), face(190, 800, 300, HD)], HD))).toBe('multiple_faces');
    expect(classifyFrame(obs([face(40), face(40, 500)]))).toBe('multiple_faces');
    expect(classifyFrame(obs([face(130), face(130, 500)], VGA, { ...GOOD_LIGHT, meanLuma: 20 }))).toBe('multiple_faces');
  });

  it('a face like the 640×480 fixture (121–153 px, around the oval centre) is ready', () => {
    expect(classifyFrame(obs([face(121)]))).toBe('ready');
    expect(classifyFrame(obs([face(153, 300, 170)]))).toBe('ready');
  });
});

describe('classifyFrame: distance', () => {
  it('a face under 100 px → move_closer, even on a small frame', () => {
    const small = { width: 320, height: 240 };
    expect(classifyFrame(obs([face(99, 160, 96, small)], small))).toBe('move_closer');
    expect(classifyFrame(obs([face(100, 160, 96, small)], small))).toBe('ready');
  });

  it('a face under 20 % of the short side → move_closer (720p needs 144 px)', () => {
    expect(classifyFrame(obs([face(143, 640, 288, HD)], HD))).toBe('move_closer');
    expect(classifyFrame(obs([face(144, 640, 288, HD)], HD))).toBe('ready');
  });

  it('a face over 60 % of the short side → move_back', () => {
    expect(classifyFrame(obs([face(288)]))).toBe('ready');
    expect(classifyFrame(obs([face(289)]))).toBe('move_back');
  });

  it('portrait frames use the short side (width)', () => {
    const portrait = { width: 480, height: 640 };
    // short side 480 → 96 px, but the 100 px floor wins; the oval centre is (240, 256).
    expect(classifyFrame(obs([face(99, 240, 256, portrait)], portrait))).toBe('move_closer');
    expect(classifyFrame(obs([face(110, 240, 256, portrait)], portrait))).toBe('ready');
  });

  it('uses the larger side of a non-square box', () => {
    const d: FaceDetectionLike = { boundingBox: { originX: 275, originY: 132, width: 90, height: 120 } };
    expect(classifyFrame(obs([d]))).toBe('ready');
  });

  it('distance comes before centring (changing it moves the face anyway)', () => {
    expect(classifyFrame(obs([face(60, 60, 60)]))).toBe('move_closer');
  });
});

describe('classifyFrame: centring (directions as seen in the mirrored preview)', () => {
  // Tolerance at VGA: ±0.55 × 0.23 × 480 ≈ ±60.7 px horizontally, ±0.55 × 0.3 × 480 = ±79.2 px vertically.
  it('face left in the raw frame (right on the mirrored screen) → move_left', () => {
    expect(classifyFrame(obs([face(130, 320 - 70)]))).toBe('move_left');
    expect(classifyFrame(obs([face(130, 320 - 60)]))).toBe('ready');
  });

  it('face right in the raw frame → move_right', () => {
    expect(classifyFrame(obs([face(130, 320 + 70)]))).toBe('move_right');
  });

  it('face low in the frame → move_up; high → move_down (vertical is not mirrored)', () => {
    expect(classifyFrame(obs([face(130, 320, 192 + 90)]))).toBe('move_up');
    expect(classifyFrame(obs([face(130, 320, 192 - 90)]))).toBe('move_down');
    expect(classifyFrame(obs([face(130, 320, 192 + 78)]))).toBe('ready');
  });

  it('off on both axes: the axis that is further off wins', () => {
    expect(classifyFrame(obs([face(130, 320 - 120, 192 + 90)]))).toBe('move_left');
    expect(classifyFrame(obs([face(130, 320 - 50, 192 + 150)]))).toBe('move_up');
  });

  it('a diagonal offset inside each axis band can still be outside the ellipse', () => {
    expect(classifyFrame(obs([face(130, 320 - 55, 192 + 70)]))).toBe('move_left');
  });
});

describe('classifyFrame: light and blur', () => {
  it('too dark / too bright, checked before distance and centring', () => {
    expect(classifyFrame(obs([face(60, 60, 60)], VGA, { ...GOOD_LIGHT, meanLuma: 69 }))).toBe('too_dark');
    expect(classifyFrame(obs([face(130)], VGA, { ...GOOD_LIGHT, meanLuma: 70 }))).toBe('ready');
    expect(classifyFrame(obs([face(130)], VGA, { ...GOOD_LIGHT, meanLuma: 211 }))).toBe('too_bright');
    expect(classifyFrame(obs([face(130)], VGA, { ...GOOD_LIGHT, meanLuma: 210 }))).toBe('ready');
  });

  it('no face in a dark or glaring frame → the lighting hint (the likely reason we see no face)', () => {
    expect(classifyFrame(obs([], VGA, { ...GOOD_LIGHT, meanLuma: 30 }))).toBe('too_dark');
    expect(classifyFrame(obs([], VGA, { ...GOOD_LIGHT, meanLuma: 240 }))).toBe('too_bright');
  });

  it('blurry only once everything else is right', () => {
    const blurred = { ...GOOD_LIGHT, sharpness: 0.12 };
    expect(classifyFrame(obs([face(130)], VGA, blurred))).toBe('blurry');
    expect(classifyFrame(obs([face(130, 200)], VGA, blurred))).toBe('move_left');
    expect(classifyFrame(obs([face(130)], VGA, { ...GOOD_LIGHT, sharpness: 0.2 }))).toBe('ready');
  });

  it('without a frame sample the light and blur checks are skipped', () => {
    expect(classifyFrame(obs([face(130)], VGA, null))).toBe('ready');
    expect(classifyFrame(obs([], VGA, null))).toBe('no_face');
  });
});

describe('classifyFrame: head pose', () => {
  function turned(dx: number): FaceDetectionLike {
    const f = face(130);
    const kp = [...(f.keypoints ?? [])];
    const nose = kp[2] as { x: number; y: number };
    kp[2] = { x: nose.x + dx / VGA.width, y: nose.y };
    return { ...f, keypoints: kp };
  }

  it('nose far off the eye midpoint → face_the_camera', () => {
    // eye distance 0.4 × 130 = 52 px; 0.3 of it is 15.6 px.
    expect(classifyFrame(obs([turned(15)]))).toBe('ready');
    expect(classifyFrame(obs([turned(20)]))).toBe('face_the_camera');
    expect(classifyFrame(obs([turned(-20)]))).toBe('face_the_camera');
  });

  it('pose comes after centring and before blur', () => {
    const off = { ...turned(30), boundingBox: { originX: 100, originY: 127, width: 130, height: 130 } };
    expect(classifyFrame(obs([off]))).toBe('move_left');
    expect(classifyFrame(obs([turned(30)], VGA, { ...GOOD_LIGHT, sharpness: 0.05 }))).toBe('face_the_camera');
  });

  it('missing keypoints skip the pose check', () => {
    const f = face(130);
    expect(classifyFrame(obs([{ ...f, keypoints: [] }]))).toBe('ready');
  });

  it('honours a custom config', () => {
    const strict = { ...GUIDANCE_CONFIG, faceSize: { ...GUIDANCE_CONFIG.faceSize, minBoxPx: 200 } };
    expect(classifyFrame(obs([face(150)]), strict)).toBe('move_closer');
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
    expect(feed(['ready', 'no_face', 'ready', 'move_left', 'move_left', 'ready', 'ready'])).toEqual([
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
    expect(feed(['ready', 'no_face', 'no_face', 'blurry', 'blurry', 'blurry'])).toEqual([
      'ready',
      'ready',
      'ready',
      'ready',
      'ready',
      'blurry',
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
      const r = nextGuidance(filter, obs(dets));
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

import { describe, expect, it } from 'vitest';
import { centreOffset, centringHint, distanceHint, headPose, isFrontal, ovalFor } from './face-geometry';
import { GUIDANCE_CONFIG } from './guidance-config';

const VGA = { width: 640, height: 480 };
const box = (cx: number, cy: number, size = 130) => ({
  originX: cx - size / 2,
  originY: cy - size / 2,
  width: size,
  height: size,
});

describe('ovalFor', () => {
  it('sizes the oval by the short side, centred horizontally and at 0.4 of the height', () => {
    expect(ovalFor(VGA, GUIDANCE_CONFIG.oval)).toEqual({ cx: 320, cy: 192, rx: 0.23 * 480, ry: 0.3 * 480 });
    const portrait = ovalFor({ width: 720, height: 1280 }, GUIDANCE_CONFIG.oval);
    expect(portrait).toMatchObject({ cx: 360, cy: 512 });
    expect(portrait.rx).toBeCloseTo(0.23 * 720, 6);
  });
});

describe('distanceHint', () => {
  it('too small → move_closer, too big → move_back, otherwise nothing', () => {
    expect(distanceHint(box(320, 192, 95), VGA, GUIDANCE_CONFIG.faceSize)).toBe('move_closer');
    expect(distanceHint(box(320, 192, 130), VGA, GUIDANCE_CONFIG.faceSize)).toBeUndefined();
    expect(distanceHint(box(320, 192, 300), VGA, GUIDANCE_CONFIG.faceSize)).toBe('move_back');
  });
});

describe('centringHint (raw video coordinates, preview mirrored)', () => {
  const oval = GUIDANCE_CONFIG.oval;

  it('centred → undefined, offset 0', () => {
    expect(centringHint(box(320, 192), VGA, oval)).toBeUndefined();
    expect(centreOffset(box(320, 192), VGA, oval)).toEqual({ x: 0, y: 0 });
  });

  it('raw-left (shows right in the mirror) → move_left; raw-right → move_right', () => {
    expect(centringHint(box(200, 192), VGA, oval)).toBe('move_left');
    expect(centringHint(box(440, 192), VGA, oval)).toBe('move_right');
  });

  it('low → move_up, high → move_down', () => {
    expect(centringHint(box(320, 330), VGA, oval)).toBe('move_up');
    expect(centringHint(box(320, 80), VGA, oval)).toBe('move_down');
  });

  it('the offset is in tolerance units: 1 on the tolerance ellipse', () => {
    const tx = oval.radiusX * 480 * oval.centreTolerance;
    const o = centreOffset(box(320 + tx, 192), VGA, oval);
    expect(o.x).toBeCloseTo(1, 9);
    expect(centringHint(box(320 + tx - 0.01, 192), VGA, oval)).toBeUndefined();
    expect(centringHint(box(320 + tx + 0.5, 192), VGA, oval)).toBe('move_right');
  });
});

describe('headPose / isFrontal', () => {
  // Good-clip keypoints (frame 1 of face_640x480): eyes, nose, mouth, ears, normalised.
  const fixture = [
    { x: 0.39917, y: 0.27307 },
    { x: 0.48709, y: 0.28264 },
    { x: 0.43852, y: 0.33426 },
    { x: 0.43731, y: 0.38776 },
    { x: 0.35096, y: 0.29727 },
    { x: 0.53726, y: 0.31532 },
  ];

  it('measures the good clip as frontal', () => {
    const pose = headPose(fixture, VGA);
    expect(pose).toBeDefined();
    expect(pose?.yaw).toBeCloseTo(-0.0523, 3);
    expect(pose?.rollDeg).toBeCloseTo(4.67, 1);
    expect(pose?.pitchRatio).toBeGreaterThan(0.45);
    expect(pose?.pitchRatio).toBeLessThan(0.6);
    expect(isFrontal(pose!, GUIDANCE_CONFIG.pose)).toBe(true);
  });

  it('flags yaw, roll and pitch outside their bands', () => {
    const frontal = { yaw: 0, rollDeg: 0, pitchRatio: 0.5 };
    const cfg = GUIDANCE_CONFIG.pose;
    expect(isFrontal(frontal, cfg)).toBe(true);
    expect(isFrontal({ ...frontal, yaw: 0.31 }, cfg)).toBe(false);
    expect(isFrontal({ ...frontal, yaw: -0.31 }, cfg)).toBe(false);
    expect(isFrontal({ ...frontal, rollDeg: 21 }, cfg)).toBe(false);
    expect(isFrontal({ ...frontal, rollDeg: -21 }, cfg)).toBe(false);
    expect(isFrontal({ ...frontal, pitchRatio: 0.2 }, cfg)).toBe(false);
    expect(isFrontal({ ...frontal, pitchRatio: 0.85 }, cfg)).toBe(false);
    expect(isFrontal({ ...frontal, pitchRatio: Number.NaN }, cfg)).toBe(false);
  });

  it('a tilted head: roll follows the eye line', () => {
    const eyes = [
      { x: 0.4, y: 0.3 },
      { x: 0.5, y: 0.3 + (0.1 * 640 * Math.tan(Math.PI / 6)) / 480 },
      { x: 0.45, y: 0.37 },
      { x: 0.45, y: 0.45 },
    ];
    expect(headPose(eyes, VGA)?.rollDeg).toBeCloseTo(30, 6);
  });

  it('undefined without eyes, nose and mouth, or with both eyes on one point', () => {
    expect(headPose(undefined, VGA)).toBeUndefined();
    expect(headPose(fixture.slice(0, 3), VGA)).toBeUndefined();
    const sameEyes = [fixture[0]!, fixture[0]!, fixture[2]!, fixture[3]!];
    expect(headPose(sameEyes, VGA)).toBeUndefined();
  });
});

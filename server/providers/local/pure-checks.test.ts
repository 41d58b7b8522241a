/** The pure parts: the virtual-camera list, sample planning, frozen runs and the face-track jump. */
import { describe, expect, it } from 'vitest';
import { faceFindings } from './findings/faces.js';
import { longestFrozenRun } from './findings/frozen.js';
import { evenlySpacedIndices, parseShowinfo } from './frame-plan.js';
import type { AnalysedSample } from './types.js';
import { matchVirtualCamera } from './virtual-cameras.js';

describe('matchVirtualCamera', () => {
  it.each([
    ['OBS Virtual Camera', 'OBS Virtual Camera'],
    ['ManyCam Virtual Webcam', 'ManyCam'],
    ['Snap Camera', 'Snap Camera'],
    ['XSplit VCam', 'XSplit VCam'],
    ['DroidCam Source 3', 'DroidCam'],
    ['Dummy video device (0x0000)', 'v4l2loopback (Linux)'],
    ['Some Virtual Cam', 'virtual camera'],
    ['fake_device_0', 'Chromium fake device'],
    ['/repo/.cache/y4m/face_640x480.y4m', 'Chromium file-fed fake camera'],
  ])('names %s', (label, name) => expect(matchVirtualCamera(label)).toBe(name));

  it.each(['FaceTime HD Camera (Built-in)', 'Integrated Webcam', 'Logitech BRIO (046d:085e)', 'Front Camera'])(
    'lets %s through',
    (label) => expect(matchVirtualCamera(label)).toBeUndefined(),
  );
});

describe('evenlySpacedIndices', () => {
  it('spreads samples over the clip and never exceeds the frames', () => {
    expect(evenlySpacedIndices(125, 10)).toEqual([6, 18, 31, 43, 56, 68, 81, 93, 106, 118]);
    expect(evenlySpacedIndices(4, 10)).toEqual([0, 1, 2, 3]);
    expect(evenlySpacedIndices(0, 10)).toEqual([]);
  });
});

describe('parseShowinfo', () => {
  it('splits the grey and sampled streams by pixel format', () => {
    const lines = [
      'n:   0 pts:      0 pts_time:0       pos: 1746 fmt:gray sar:1/1 s:64x64 i:P iskey:1 type:I',
      'n:   0 pts:    512 pts_time:0.04    pos: 1900 fmt:rgb24 sar:1/1 s:480x360 i:P iskey:0 type:P',
      'unrelated line',
    ];
    expect(parseShowinfo(lines)).toEqual({
      grey: [{ timeS: 0, format: 'gray', width: 64, height: 64 }],
      rgb: [{ timeS: 0.04, format: 'rgb24', width: 480, height: 360 }],
    });
  });
});

describe('longestFrozenRun', () => {
  const times = Array.from({ length: 11 }, (_, i) => i * 0.1);
  it('finds the longest run of near-identical frames', () => {
    const diffs = [3, 0, 0, 0.1, 3, 0, 3, 3, 3, 3];
    expect(longestFrozenRun(diffs, times, 10)).toMatchObject({ firstFrame: 1, lastFrame: 4 });
    expect(longestFrozenRun(diffs, times, 10)?.durationS).toBeCloseTo(0.4);
  });
  it('finds none in a moving clip', () => expect(longestFrozenRun([1, 2, 1], times.slice(0, 4), 10)).toBeUndefined());
});

describe('faceFindings', () => {
  const sample = (centreX: number, height: number, i: number): AnalysedSample => ({
    frameIndex: i,
    timeS: i / 2,
    width: 480,
    height: 360,
    jpeg: new Uint8Array(),
    faces: [{ x: 0, y: 0, width: height, height, landmarkHeight: height, centreX, centreY: 180, score: 1 }],
  });
  it('accepts a steady face and flags a sideways jump with the two samples', () => {
    expect(faceFindings([0, 1, 2, 3].map((i) => sample(240 + i * 5, 130, i)))).toEqual([]);
    const spliced = [sample(240, 130, 0), sample(242, 130, 1), sample(120, 130, 2), sample(121, 130, 3)];
    const [jump] = faceFindings(spliced);
    expect(jump).toMatchObject({ code: 'face_track_jump', samples: [1, 2] });
  });
  it('flags a sudden change of face size', () => {
    const [jump] = faceFindings([sample(240, 120, 0), sample(240, 180, 1)]);
    expect(jump?.code).toBe('face_track_jump');
  });
});

import { describe, expect, it } from 'vitest';
import { tipFor } from './guidance-tips';

describe('tipFor', () => {
  it('names the problem behind each hint', () => {
    expect(tipFor('too_dark')).toBe('light');
    expect(tipFor('too_bright')).toBe('light');
    expect(tipFor('move_closer')).toBe('distance');
    expect(tipFor('move_up')).toBe('distance');
    expect(tipFor('no_face')).toBe('glasses');
    expect(tipFor('face_the_camera')).toBe('glasses');
    expect(tipFor('multiple_faces')).toBe('background');
    expect(tipFor('blurry')).toBe('steady');
  });
  it('has nothing to say while loading or when the frame is good', () => {
    expect(tipFor('loading')).toBeNull();
    expect(tipFor('ready')).toBeNull();
  });
});

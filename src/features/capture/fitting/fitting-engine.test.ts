import { describe, expect, it } from 'vitest';
import { enginePreferenceFrom } from './fitting-engine';

describe('enginePreferenceFrom (?fitting=)', () => {
  it('auto unless ffmpeg is asked for', () => {
    expect(enginePreferenceFrom('')).toBe('auto');
    expect(enginePreferenceFrom('?fitting=ffmpeg')).toBe('ffmpeg');
    expect(enginePreferenceFrom('?demo=face&fitting=ffmpeg')).toBe('ffmpeg');
    expect(enginePreferenceFrom('?fitting=webcodecs')).toBe('auto');
    expect(enginePreferenceFrom('?fitting=FFMPEG')).toBe('auto');
  });
});

import { describe, expect, it } from 'vitest';
import { FALLBACK_SETTINGS, effectiveSettings, initialSource } from './settings';

describe('capture settings on the open page', () => {
  it('uses what the server says, waits while loading, falls back without demo clips on failure', () => {
    expect(effectiveSettings({ publicCapture: false, demoClips: true }, false)).toEqual({
      publicCapture: false,
      demoClips: true,
    });
    expect(effectiveSettings(undefined, false)).toBeUndefined();
    expect(effectiveSettings(undefined, true)).toEqual(FALLBACK_SETTINGS);
    expect(FALLBACK_SETTINGS.demoClips).toBe(false);
  });

  it('ignores ?demo= when demo clips are off', () => {
    expect(initialSource('?demo=face', true)).toEqual({ kind: 'demo', clip: 'face' });
    expect(initialSource('?demo=face', false)).toEqual({ kind: 'camera' });
    expect(initialSource('', true)).toEqual({ kind: 'camera' });
  });
});

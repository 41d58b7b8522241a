import { describe, expect, it } from 'vitest';
import { demoClipUrl, sourceFromSearch, sourceKey } from './media-source';

describe('demo source choice', () => {
  it('reads ?demo= for the known clips only', () => {
    expect(sourceFromSearch('?demo=face')).toEqual({ kind: 'demo', clip: 'face' });
    expect(sourceFromSearch('?x=1&demo=twofaces')).toEqual({ kind: 'demo', clip: 'twofaces' });
    expect(sourceFromSearch('?demo=noface')).toEqual({ kind: 'demo', clip: 'noface' });
    // Anything else falls back to the camera rather than fetching an arbitrary path.
    expect(sourceFromSearch('?demo=../secret')).toEqual({ kind: 'camera' });
    expect(sourceFromSearch('')).toEqual({ kind: 'camera' });
  });

  it('round-trips through the address and names the file', () => {
    expect(sourceKey(sourceFromSearch('?demo=noface'))).toBe('noface');
    expect(sourceKey({ kind: 'camera' })).toBe('');
    expect(demoClipUrl('face')).toBe('/demo/face.mp4');
  });
});

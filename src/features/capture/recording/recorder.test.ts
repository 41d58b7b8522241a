import { describe, expect, it } from 'vitest';
import { RECORDER_MIME_CANDIDATES, fileNameForMimeType, pickRecorderMimeType } from './recorder';

describe('pickRecorderMimeType', () => {
  it('prefers MP4/H.264 (Chromium, Safari)', () => {
    expect(pickRecorderMimeType(() => true)).toBe('video/mp4;codecs=avc1');
  });

  it('falls through the list in order', () => {
    const supported = new Set(['video/webm;codecs=vp9', 'video/webm;codecs=vp8']); // Firefox-like
    expect(pickRecorderMimeType((t) => supported.has(t))).toBe('video/webm;codecs=vp9');
    expect(pickRecorderMimeType((t) => t === 'video/mp4')).toBe('video/mp4');
  });

  it('undefined when nothing matches, and survives a throwing isTypeSupported', () => {
    expect(pickRecorderMimeType(() => false)).toBeUndefined();
    expect(
      pickRecorderMimeType(() => {
        throw new Error('boom');
      }),
    ).toBeUndefined();
  });

  it('keeps the required order', () => {
    expect(RECORDER_MIME_CANDIDATES).toEqual([
      'video/mp4;codecs=avc1',
      'video/mp4',
      'video/webm;codecs=h264',
      'video/webm;codecs=vp9',
      'video/webm;codecs=vp8',
    ]);
  });
});

describe('fileNameForMimeType', () => {
  it.each([
    ['video/mp4;codecs=avc1', 'capture.mp4'],
    ['video/mp4', 'capture.mp4'],
    ['video/x-matroska;codecs=avc1', 'capture.mkv'],
    ['video/webm;codecs=vp9', 'capture.webm'],
    ['video/quicktime', 'capture.mov'],
    ['', 'capture.webm'],
  ])('%s → %s', (mime, name) => {
    expect(fileNameForMimeType(mime)).toBe(name);
  });
});

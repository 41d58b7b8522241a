import { describe, expect, it } from 'vitest';
import type { ImageProbe, VideoProbe } from '@contract/media/types.js';
import { MediaOutOfLimits } from '../domain-errors.js';
import type { ImageLimits, MediaLimits, VideoLimits } from '../providers/types.js';
import { TEST_VIDEO_PROBE } from '../test-support/media-probes.js';
import { assertMediaFits, mediaForProvider } from './media-for-provider.js';

const video: VideoProbe = { ...TEST_VIDEO_PROBE, durationS: 5, frameCount: 150 };
const still: ImageProbe = { kind: 'image', format: 'jpeg', mime: 'image/jpeg', width: 640, height: 480 };

const videoLimits = (maxDurationS: number): VideoLimits => ({
  containers: ['mp4'],
  codecs: ['h264'],
  durationS: { min: 1, max: maxDurationS },
  fps: { min: 15, max: 60 },
  maxLongSidePx: 1920,
  maxShortSidePx: 1080,
  maxBytes: 10_000_000,
  maxBytesAfterBase64: false,
});
const imageLimits: ImageLimits = {
  formats: ['jpeg'],
  maxLongSidePx: 1920,
  maxShortSidePx: 1080,
  maxBytes: 1_000_000,
  maxBytesAfterBase64: false,
};
const provider = (id: string, limits: MediaLimits) => ({ id: id as 'tencent', displayName: `Vendor ${id}`, limits });

describe('mediaForProvider', () => {
  const files = [
    { role: 'video', probe: video, byteLength: 1000 },
    { role: 'video.tencent', probe: video, byteLength: 900 },
    { role: 'image', probe: still, byteLength: 100 },
  ];

  it('sends a provider its own fitted file before the shared one, and the shared one to the others', () => {
    const limits: MediaLimits = { preferred: 'video', video: videoLimits(5) };
    expect(mediaForProvider(provider('tencent', limits), files)?.role).toBe('video.tencent');
    expect(mediaForProvider(provider('glair', limits), files)?.role).toBe('video');
  });

  it('tries the preferred kind first, and only kinds the provider takes', () => {
    const both: MediaLimits = { preferred: 'image', video: videoLimits(5), image: imageLimits };
    expect(mediaForProvider(provider('glair', both), files)?.role).toBe('image');
    expect(mediaForProvider(provider('glair', { ...both, image: undefined }), files)?.role).toBe('video');
    expect(mediaForProvider(provider('glair', { preferred: 'image', image: both.image }), [files[0]!])).toBeUndefined();
  });
});

describe('assertMediaFits', () => {
  it('passes when every provider can take its file', () => {
    expect(() =>
      assertMediaFits(
        [provider('tencent', { preferred: 'video', video: videoLimits(5) })],
        [{ role: 'video', probe: video, byteLength: 1000 }],
      ),
    ).not.toThrow();
  });

  it('names each provider and each limit its file misses, or that it has no file', () => {
    const short = provider('alibaba-intl', { preferred: 'video', video: videoLimits(3) });
    const stills = provider('finauth', { preferred: 'image', image: imageLimits });
    let refusal: unknown;
    try {
      assertMediaFits([short, stills], [{ role: 'video', probe: video, byteLength: 1000 }]);
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(MediaOutOfLimits);
    const { code, message, details } = refusal as MediaOutOfLimits;
    expect(code).toBe('media_out_of_limits');
    expect(details).toEqual({
      problems: [
        expect.objectContaining({
          provider: 'alibaba-intl',
          file: 'video',
          rule: 'duration',
          message: expect.stringMatching(/^Vendor alibaba-intl: /),
        }),
        { provider: 'finauth', rule: 'kind', message: 'Vendor finauth needs a image.' },
      ],
    });
    expect(message).toMatch(/^Vendor alibaba-intl: .* Vendor finauth needs a image\.$/);
  });
});

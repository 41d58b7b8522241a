/**
 * A stand-in for contract/media/probe.ts in the Tencent, GLAIR and FinAuth tests: the "media" is a text label the
 * stub reads back, e.g. `video:mp4:3.5` (container, duration in seconds) or `image:png`, optionally with a size
 * (`video:mp4:3.5:720x1280`, `image:png:1280x720`; 480x640 when left out). Anything else is undecodable.
 */
import { ProbeError, type ProbeResult } from '@contract/media/types.js';

export function fakeVideo(container: 'mp4' | 'mov' | 'webm' | 'mkv' = 'mp4', durationS = 3, size?: string): Buffer {
  return Buffer.from(`video:${container}:${durationS}${size === undefined ? '' : `:${size}`}`);
}

export function fakeImage(format: 'jpeg' | 'png' = 'jpeg', size?: string): Buffer {
  return Buffer.from(`image:${format}${size === undefined ? '' : `:${size}`}`);
}

function dimensions(size: string | undefined): { width: number; height: number } {
  const [width, height] = (size ?? '480x640').split('x').map(Number);
  return { width: width ?? 480, height: height ?? 640 };
}

export function stubProbe(bytes: Uint8Array): ProbeResult {
  // Only the label's start is read, and each part without the spaces tests pad it with to exercise size limits.
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  const [kind, format, third, fourth] = text.split(':').map((part) => part.trim());
  if (kind === 'image' && (format === 'jpeg' || format === 'png')) {
    return { kind: 'image', format, mime: `image/${format}`, ...dimensions(third) };
  }
  if (kind === 'video' && (format === 'mp4' || format === 'mov' || format === 'webm' || format === 'mkv')) {
    const durationS = Number(third);
    return {
      kind: 'video',
      container: format,
      mime: `video/${format}`,
      codec: 'h264',
      ...dimensions(fourth),
      durationS,
      frameCount: Math.round(durationS * 25),
      fps: 25,
      hasAudio: false,
      fragmented: false,
      rotation: 0,
    };
  }
  throw new ProbeError('unsupported_format', 'stub probe: not a labelled test medium');
}

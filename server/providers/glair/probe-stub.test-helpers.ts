/**
 * A stand-in for server/media/probe.ts in tests: the "media" is a text label the stub reads back,
 * e.g. `video:mp4:3.5` (container, duration in seconds) or `image:png`. Anything else is undecodable.
 */
import { ProbeError, type ProbeResult } from '../../media/types.js';

export function fakeVideo(container: 'mp4' | 'mov' | 'webm' | 'mkv' = 'mp4', durationS = 3): Buffer {
  return Buffer.from(`video:${container}:${durationS}`);
}

export function fakeImage(format: 'jpeg' | 'png' = 'jpeg'): Buffer {
  return Buffer.from(`image:${format}`);
}

export function stubProbe(bytes: Uint8Array): ProbeResult {
  const [kind, format, duration] = Buffer.from(bytes).toString('latin1').split(':');
  if (kind === 'image' && (format === 'jpeg' || format === 'png')) {
    return { kind: 'image', format, mime: `image/${format}`, width: 480, height: 640 };
  }
  if (kind === 'video' && (format === 'mp4' || format === 'mov' || format === 'webm' || format === 'mkv')) {
    const durationS = Number(duration);
    return {
      kind: 'video',
      container: format,
      mime: `video/${format}`,
      codec: 'h264',
      width: 480,
      height: 640,
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

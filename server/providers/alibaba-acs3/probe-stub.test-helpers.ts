/**
 * A stand-in for contract/media/probe.ts in tests: the "media" is a text label the stub reads back, padded to a size,
 * e.g. `video:mp4:2.5:25` (container, seconds, fps) or `image:jpeg:480:640` (format, width, height). Anything else
 * is undecodable. Videos default to 150 KB because the service wants more than 100 KB.
 */
import { ProbeError, type ProbeResult } from '@contract/media/types.js';

export function fakeVideo(
  options: { container?: 'mp4' | 'mov' | 'webm' | 'mkv'; durationS?: number; fps?: number; bytes?: number } = {},
): Buffer<ArrayBuffer> {
  const label = `video:${options.container ?? 'mp4'}:${options.durationS ?? 2}:${options.fps ?? 25}:`;
  return Buffer.from(label.padEnd(options.bytes ?? 150 * 1024, '.'), 'latin1');
}

export function fakeImage(
  options: { format?: 'jpeg' | 'png'; width?: number; height?: number; bytes?: number } = {},
): Buffer<ArrayBuffer> {
  const label = `image:${options.format ?? 'jpeg'}:${options.width ?? 480}:${options.height ?? 640}:`;
  return Buffer.from(label.padEnd(options.bytes ?? label.length, '.'), 'latin1');
}

export function stubProbe(bytes: Uint8Array): ProbeResult {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  const [kind, format, a, b] = head.split(':');
  if (kind === 'image' && (format === 'jpeg' || format === 'png')) {
    return { kind: 'image', format, mime: `image/${format}`, width: Number(a), height: Number(b) };
  }
  if (kind === 'video' && (format === 'mp4' || format === 'mov' || format === 'webm' || format === 'mkv')) {
    const durationS = Number(a);
    const fps = Number(b);
    return {
      kind: 'video',
      container: format,
      mime: `video/${format}`,
      codec: 'h264',
      width: 480,
      height: 640,
      durationS,
      frameCount: Math.round(durationS * fps),
      fps,
      hasAudio: false,
      fragmented: false,
      rotation: 0,
    };
  }
  throw new ProbeError('unsupported_format', 'stub probe: not a labelled test medium');
}

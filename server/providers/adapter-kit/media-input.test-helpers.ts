import { createHash } from 'node:crypto';
import type { MediaInput } from '../types.js';

/** A MediaInput as the runner builds it, for adapter tests (mp4 video or JPEG still). */
export function mediaInput(kind: 'video' | 'image', bytes: Buffer): MediaInput {
  return {
    kind,
    bytes,
    container: kind === 'video' ? 'mp4' : 'jpeg',
    mime: kind === 'video' ? 'video/mp4' : 'image/jpeg',
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

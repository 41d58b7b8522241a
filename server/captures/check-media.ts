/**
 * Decides by content whether uploaded bytes are a usable clip (or still) for every chosen
 * provider: container signature and parsed metadata, then each provider's limits.
 */
import { HttpError } from '../http-error.js';
import { checkFit } from '../media/fit-check.js';
import { probeMedia } from '../media/probe.js';
import { ProbeError, type ImageProbe, type ProbeResult, type VideoProbe } from '../media/types.js';
import type { Provider } from '../providers/types.js';

const PROBE_ERRORS: Record<ProbeError['code'], { status: number; message: string }> = {
  unsupported_format: { status: 415, message: 'is not a video format this service reads (MP4, MOV or WebM).' },
  corrupt_media: { status: 422, message: 'is damaged and cannot be read.' },
  truncated_media: { status: 422, message: 'is incomplete: the upload was cut off. Please record again.' },
  no_video_track: { status: 422, message: 'has no video track.' },
};

function probe(bytes: Uint8Array, field: 'video' | 'image'): ProbeResult {
  try {
    return probeMedia(bytes);
  } catch (err) {
    if (err instanceof ProbeError) {
      const known = PROBE_ERRORS[err.code];
      const code = err.code === 'unsupported_format' ? 'unsupported_media' : err.code;
      throw new HttpError(known.status, code, `The ${field} ${known.message}`);
    }
    throw err;
  }
}

export function probeVideo(bytes: Uint8Array): VideoProbe {
  const result = probe(bytes, 'video');
  if (result.kind !== 'video') {
    throw new HttpError(415, 'not_a_video', `The video field holds a ${result.format.toUpperCase()} image, not a video.`);
  }
  return result;
}

export function probeImage(bytes: Uint8Array): ImageProbe {
  const result = probe(bytes, 'image');
  if (result.kind !== 'image') throw new HttpError(415, 'not_an_image', 'The image field holds a video, not a still image.');
  return result;
}

/** Throws 422 media_out_of_limits naming each provider and each limit the media misses. */
export function assertFitsProviders(
  media: { video: { probe: VideoProbe; bytes: number }; image?: { probe: ImageProbe; bytes: number } },
  providers: Provider[],
): void {
  const problems: Array<{ provider: string; rule: string; message: string }> = [];
  for (const p of providers) {
    const wantsImage = p.limits.preferred === 'image';
    const item = wantsImage ? media.image : media.video;
    const limits = wantsImage ? p.limits.image : p.limits.video;
    if (!item || !limits) {
      problems.push({ provider: p.id, rule: 'kind', message: `${p.displayName} needs ${wantsImage ? 'a still image' : 'a video'}.` });
      continue;
    }
    const fit = checkFit(item.probe, item.bytes, p.limits);
    if (!fit.ok) {
      for (const v of fit.violations) problems.push({ provider: p.id, rule: v.rule, message: `${p.displayName}: ${v.message}` });
    }
  }
  if (problems.length > 0) {
    throw new HttpError(422, 'media_out_of_limits', problems.map((p) => p.message).join(' '), { problems });
  }
}

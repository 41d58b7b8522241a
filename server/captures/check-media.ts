/**
 * Decides by content whether uploaded bytes are usable: container signature and parsed metadata,
 * and that each file is the kind its field promises. (Whether each chosen provider can take its
 * file: media/media-for-provider.ts.)
 */
import { probeMedia } from '@contract/media/probe.js';
import { ProbeError, type ProbeResult } from '@contract/media/types.js';
import { MediaUnsuitable, UnsupportedMedia } from '../domain-errors.js';
import type { FittableMedia } from '../media/media-for-provider.js';
import type { MediaStore, StagedMedia } from '../media/store.js';

const PROBE_ERRORS: Record<ProbeError['code'], { refusal: typeof UnsupportedMedia | typeof MediaUnsuitable; message: string }> = {
  unsupported_format: {
    refusal: UnsupportedMedia,
    message: 'is not a format this service reads (MP4, MOV, WebM; JPEG or PNG stills).',
  },
  corrupt_media: { refusal: MediaUnsuitable, message: 'is damaged and cannot be read.' },
  // The probe already ignores stray bytes after a complete file: this means the file itself ends early.
  truncated_media: {
    refusal: MediaUnsuitable,
    message:
      'is incomplete: it ends part-way through its own video data (the recording or the upload was cut short). Please record again.',
  },
  no_video_track: { refusal: MediaUnsuitable, message: 'has no video track.' },
  dimension_mismatch: { refusal: MediaUnsuitable, message: 'is inconsistent:' },
};

export interface ProbedFile extends FittableMedia {
  staged: StagedMedia;
}

/**
 * The probe is pure (the browser runs it too) and reads a whole file from memory, so a staged
 * file is read back for it. At most this many are held at once in the process, so concurrent
 * uploads cannot multiply memory: 2 × MAX_UPLOAD_BYTES at most, and 2 keeps both cores busy.
 */
const PROBE_SLOTS = 2;
let probesRunning = 0;
const probeQueue: Array<() => void> = [];

async function withProbeSlot<T>(run: () => Promise<T>): Promise<T> {
  if (probesRunning >= PROBE_SLOTS) await new Promise<void>((resolve) => probeQueue.push(resolve));
  else probesRunning++;
  try {
    return await run();
  } finally {
    const next = probeQueue.shift();
    if (next) next();
    else probesRunning--;
  }
}

/** Probes one staged upload and checks it is the kind its field promises. */
export function probeUpload(role: string, staged: StagedMedia, media: MediaStore): Promise<ProbedFile> {
  return withProbeSlot(async () => probeBytes(role, staged, await media.readStaged(staged)));
}

function probeBytes(role: string, staged: StagedMedia, bytes: Uint8Array): ProbedFile {
  let probe: ProbeResult;
  try {
    probe = probeMedia(bytes);
  } catch (err) {
    if (!(err instanceof ProbeError)) throw err;
    const known = PROBE_ERRORS[err.code];
    // A frame-size disagreement names both sizes (a crafted file or a broken remux, not a cut-off upload).
    const message = err.code === 'dimension_mismatch' ? `${known.message} ${err.message}.` : known.message;
    throw new known.refusal(err.code === 'unsupported_format' ? 'unsupported_media' : err.code, `The file "${role}" ${message}`);
  }
  const wanted = role.startsWith('image') ? 'image' : 'video';
  if (probe.kind !== wanted) {
    throw wanted === 'video'
      ? new UnsupportedMedia(
          'not_a_video',
          `The file "${role}" is a ${probe.kind === 'image' ? probe.format.toUpperCase() : ''} image, not a video.`,
        )
      : new UnsupportedMedia('not_an_image', `The file "${role}" is a video, not a still image.`);
  }
  return { role, staged, byteLength: staged.byteLength, probe };
}

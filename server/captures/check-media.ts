/**
 * Decides by content whether uploaded bytes are usable for every chosen provider: container
 * signature and parsed metadata first, then each provider's limits on the file it will receive.
 */
import { checkFit } from '@contract/media/fit-check.js';
import { probeMedia } from '@contract/media/probe.js';
import { ProbeError, type ProbeResult } from '@contract/media/types.js';
import { HttpError } from '../http-error.js';
import type { MediaStore, StagedMedia } from '../media/store.js';
import type { Provider } from '../providers/types.js';

const PROBE_ERRORS: Record<ProbeError['code'], { status: number; message: string }> = {
  unsupported_format: { status: 415, message: 'is not a format this service reads (MP4, MOV, WebM; JPEG or PNG stills).' },
  corrupt_media: { status: 422, message: 'is damaged and cannot be read.' },
  // The probe already ignores stray bytes after a complete file: this means the file itself ends early.
  truncated_media: { status: 422, message: 'is incomplete: it ends part-way through its own video data (the recording or the upload was cut short). Please record again.' },
  no_video_track: { status: 422, message: 'has no video track.' },
  dimension_mismatch: { status: 422, message: 'is inconsistent:' },
};

export interface ProbedFile {
  role: string;
  staged: StagedMedia;
  byteLength: number;
  probe: ProbeResult;
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
    throw new HttpError(known.status, err.code === 'unsupported_format' ? 'unsupported_media' : err.code, `The file "${role}" ${message}`);
  }
  const wanted = role.startsWith('image') ? 'image' : 'video';
  if (probe.kind !== wanted) {
    throw wanted === 'video'
      ? new HttpError(415, 'not_a_video', `The file "${role}" is a ${probe.kind === 'image' ? probe.format.toUpperCase() : ''} image, not a video.`)
      : new HttpError(415, 'not_an_image', `The file "${role}" is a video, not a still image.`);
  }
  return { role, staged, byteLength: staged.byteLength, probe };
}

/** The file a provider will be sent: its own fitted variant first, then the shared one. */
export function fileForProvider(provider: Provider, files: Map<string, ProbedFile>): ProbedFile | undefined {
  const kinds = provider.limits.preferred === 'image' ? ['image', 'video'] : ['video', 'image'];
  for (const kind of kinds) {
    if (!(kind === 'image' ? provider.limits.image : provider.limits.video)) continue;
    const file = files.get(`${kind}.${provider.id}`) ?? files.get(kind);
    if (file) return file;
  }
  return undefined;
}

/** Throws 422 media_out_of_limits naming each provider and each limit its file misses. */
export function assertFitsProviders(files: Map<string, ProbedFile>, providers: Provider[]): void {
  const problems: Array<{ provider: string; file?: string; rule: string; message: string }> = [];
  for (const p of providers) {
    const file = fileForProvider(p, files);
    if (!file) {
      problems.push({ provider: p.id, rule: 'kind', message: `${p.displayName} needs a ${p.limits.preferred}.` });
      continue;
    }
    const fit = checkFit(file.probe, file.byteLength, p.limits);
    if (!fit.ok) {
      for (const v of fit.violations) {
        problems.push({ provider: p.id, file: file.role, rule: v.rule, message: `${p.displayName}: ${v.message}` });
      }
    }
  }
  if (problems.length > 0) {
    throw new HttpError(422, 'media_out_of_limits', problems.map((p) => p.message).join(' '), { problems });
  }
}

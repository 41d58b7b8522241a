/**
 * Guesses, before recording, which fitting jobs the chosen providers will need: the page then
 * downloads the 32 MB ffmpeg core while the person is being guided, and skips it when every plan
 * will be `as-is` or every job is one the browser can do itself. A wrong guess costs only time:
 * fitting loads the core itself when it must.
 */
import type { VideoProbe } from '@contract/media/types';
import { RECORDING_MS, VIDEO_BITS_PER_SECOND } from '../recording/recorder';
import { runsInBrowser, type EnginePreference } from './fitting-engine';
import { planFitting, type FitJobAction, type FitProvider, type RecordingFacts } from './plan';

/** Chromium's H.264 MediaRecorder wrote about 41 % of the requested bitrate (browser-measurements.md §4). */
const RECORDER_BITRATE_SHARE = 0.41;

export interface CameraFacts {
  /** The type MediaRecorder will be asked for (pickRecorderMimeType), if any. */
  recorderMimeType: string | undefined;
  width?: number;
  height?: number;
  frameRate?: number;
}

function containerAndCodec(mimeType: string | undefined): Pick<VideoProbe, 'container' | 'codec' | 'mime'> {
  const type = (mimeType ?? '').toLowerCase();
  if (type.startsWith('video/mp4')) return { container: 'mp4', codec: 'h264', mime: 'video/mp4' };
  // Chromium records `video/webm;codecs=h264` as Matroska.
  if (type.includes('h264') || type.includes('avc1')) return { container: 'mkv', codec: 'h264', mime: 'video/x-matroska' };
  return { container: 'webm', codec: type.includes('vp9') ? 'vp9' : 'vp8', mime: 'video/webm' };
}

export function predictRecording(camera: CameraFacts): RecordingFacts {
  const durationS = RECORDING_MS / 1000;
  const fps = camera.frameRate ?? 25;
  const probe: VideoProbe = {
    kind: 'video',
    ...containerAndCodec(camera.recorderMimeType),
    width: camera.width ?? 640,
    height: camera.height ?? 480,
    durationS,
    frameCount: Math.round(durationS * fps),
    fps,
    hasAudio: false,
    fragmented: true,
    rotation: 0,
  };
  return { probe, byteLength: Math.round(((VIDEO_BITS_PER_SECOND * RECORDER_BITRATE_SHARE) / 8) * durationS) };
}

/** The trims, remuxes and transcodes the chosen providers will (probably) need; none when every plan is as-is. */
export function likelyFittingJobs(providers: readonly FitProvider[], camera: CameraFacts): FitJobAction[] {
  if (providers.length === 0) return [];
  return planFitting(predictRecording(camera), providers).jobs.map((job) => job.action);
}

/**
 * True when ffmpeg.wasm will (probably) run for these jobs: one the browser cannot do itself (or
 * is not allowed to: `?fitting=ffmpeg`).
 */
export async function ffmpegLikelyNeeded(
  jobs: readonly FitJobAction[],
  engine: EnginePreference,
  canFitInBrowser: (action: FitJobAction) => Promise<boolean>,
): Promise<boolean> {
  for (const job of jobs) {
    if (!(await runsInBrowser(job, engine, canFitInBrowser))) return true;
  }
  return false;
}

/**
 * Guesses, before recording, whether the chosen providers will need ffmpeg: the page then
 * downloads the 32 MB core while the person is being guided, and skips it when every plan will
 * be `as-is`. A wrong guess costs only time: fitting loads the core itself when it must.
 */
import type { VideoProbe } from '../../../../server/media/types';
import { RECORDING_MS, VIDEO_BITS_PER_SECOND } from '../recorder';
import { planFitting, type FitProvider, type RecordingFacts } from './plan';

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

/** True when some chosen provider will (probably) need a trim, remux or transcode. */
export function fittingLikelyNeeded(providers: readonly FitProvider[], camera: CameraFacts): boolean {
  if (providers.length === 0) return false;
  const plan = planFitting(predictRecording(camera), providers);
  return plan.jobs.length > 0;
}

/**
 * Whether this browser can do a fitting job itself (browser-fit.ts) instead of ffmpeg.wasm: a
 * stream copy needs only workers; a re-encode also needs a video decoder and an H.264 encoder that
 * accepts the job's size, rate and bitrate. A "yes" is a good guess, not a promise (the recording's
 * own codec is only known to the decoder): a job that then fails falls back to ffmpeg.wasm.
 */
import type { FitJobAction } from './plan';

/** H.264 High profile level 4.0: covers every size the planner asks for (≤ 1080p); the encoder picks the level it needs. */
const AVC_PROBE_CODEC = 'avc1.640028';

export async function canFitInBrowser(action: FitJobAction): Promise<boolean> {
  if (typeof Worker === 'undefined') return false;
  if (action.kind !== 'transcode') return true;
  if (typeof VideoDecoder === 'undefined' || typeof VideoEncoder === 'undefined') return false;
  try {
    const { supported } = await VideoEncoder.isConfigSupported({
      codec: AVC_PROBE_CODEC,
      width: action.width,
      height: action.height,
      framerate: action.fps,
      bitrate: action.bitsPerSecond,
      bitrateMode: 'constant',
    });
    return supported === true;
  } catch {
    return false;
  }
}

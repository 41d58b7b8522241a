/**
 * Encode while recording (#16): when the recorder's file would need a re-encode for some chosen
 * provider, the page encodes the camera's frames itself as they arrive, into ONE MP4/H.264 file
 * that every chosen provider takes as-is, so stopping only finalises that file (recording/live-encoder.ts).
 * This decides whether, and at which settings: the strictest of the chosen providers' limits,
 * planned with the same planner as fitting and checked against each provider with the server's fit
 * check. Pure.
 */
import type { VideoLimits } from '@contract/api';
import { checkFit } from '@contract/media/fit-check';
import type { VideoProbe } from '@contract/media/types';
import { planForProvider, type FitProvider, type TranscodeAction } from './plan';
import { likelyFittingJobs, predictRecording, type CameraFacts } from './predict';

/** Why the recorder (and fitting after it) is used instead; `null` reason never happens with an action. */
export type LiveEncodeDecision =
  { action: TranscodeAction } | { action: null; reason: 'nothing_chosen' | 'no_re_encode_needed' | 'no_common_file' };

/**
 * The limits a file must meet to suit every provider at once: MP4/H.264 (the only thing the browser
 * makes), the narrowest duration and frame-rate windows, the smallest size and byte caps (raw
 * bytes: a base64 cap is turned into its raw equivalent). Null when no file can suit them all.
 */
export function strictestVideoLimits(providers: readonly FitProvider[]): VideoLimits | null {
  const all = providers.map((p) => p.limits.video);
  if (all.length === 0 || all.some((v) => v === undefined)) return null;
  const limits = all as VideoLimits[];
  if (!limits.every((v) => v.containers.includes('mp4') && (!v.codecs || v.codecs.includes('h264')))) return null;
  const rawMaxBytes = (v: VideoLimits) => (v.maxBytesAfterBase64 ? Math.floor((v.maxBytes * 3) / 4) : v.maxBytes);
  const minBytes = Math.max(0, ...limits.map((v) => v.minBytes ?? 0));
  const strictest: VideoLimits = {
    containers: ['mp4'],
    codecs: ['h264'],
    durationS: { min: Math.max(...limits.map((v) => v.durationS.min)), max: Math.min(...limits.map((v) => v.durationS.max)) },
    fps: { min: Math.max(...limits.map((v) => v.fps.min)), max: Math.min(...limits.map((v) => v.fps.max)) },
    maxLongSidePx: Math.min(...limits.map((v) => v.maxLongSidePx)),
    maxShortSidePx: Math.min(...limits.map((v) => v.maxShortSidePx)),
    ...(minBytes > 0 ? { minBytes } : {}),
    maxBytes: Math.min(...limits.map(rawMaxBytes)),
    maxBytesAfterBase64: false,
    ...(limits.some((v) => v.orientation === 'portrait') ? { orientation: 'portrait' as const } : {}),
  };
  const empty = strictest.durationS.min > strictest.durationS.max || strictest.fps.min > strictest.fps.max;
  return empty || (strictest.minBytes ?? 0) > strictest.maxBytes ? null : strictest;
}

/** The file a transcode makes from `recording`, as the probe will see it (bytes at the target bitrate). */
export function predictedOutput(action: TranscodeAction, recording: VideoProbe): { probe: VideoProbe; bytes: number } {
  const durationS = action.durationS ?? recording.durationS;
  const probe: VideoProbe = {
    ...recording,
    container: 'mp4',
    mime: 'video/mp4',
    codec: 'h264',
    width: action.width,
    height: action.height,
    durationS,
    fps: action.fps,
    frameCount: Math.round(durationS * action.fps),
    fragmented: false,
    rotation: 0,
  };
  return { probe, bytes: Math.round((action.bitsPerSecond / 8) * durationS) };
}

/**
 * Whether to encode while recording and at which settings. Only when the recorder's own file would
 * need a re-encode (a stream copy after recording is already fast), and only when one file suits
 * every chosen provider; otherwise the recorder records and fitting makes a file per provider.
 */
export function liveEncodeDecision(providers: readonly FitProvider[], camera: CameraFacts): LiveEncodeDecision {
  if (providers.length === 0) return { action: null, reason: 'nothing_chosen' };
  if (!likelyFittingJobs(providers, camera).some((job) => job.kind === 'transcode')) {
    return { action: null, reason: 'no_re_encode_needed' };
  }
  const limits = strictestVideoLimits(providers);
  if (!limits) return { action: null, reason: 'no_common_file' };
  // The camera's frames as the encoder gets them: nothing the planner could stream-copy.
  const { probe } = predictRecording({ ...camera, recorderMimeType: 'video/webm;codecs=vp8' });
  const planned = planForProvider(
    { probe, byteLength: 0 },
    { id: providers[0]!.id, limits: { preferred: 'video', video: limits } },
  );
  if (planned.action.kind !== 'transcode') return { action: null, reason: 'no_common_file' };
  const action = planned.action;
  const output = predictedOutput(action, probe);
  const fitsEveryone = providers.every((p) => checkFit(output.probe, output.bytes, p.limits).ok);
  return fitsEveryone ? { action } : { action: null, reason: 'no_common_file' };
}

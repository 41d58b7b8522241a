/**
 * Which way the recording state records: `live-encode` (the camera track through
 * MediaStreamTrackProcessor into an H.264 VideoEncoder while the person records, live-encoder.ts)
 * when the recorder's file would need a re-encode and the browser can encode live; else `recorder`
 * (MediaRecorder, then fitting's stream copy or re-encode: today's paths, kept as the fallback).
 */
import { liveEncodeDecision } from '../fitting/live-encode-plan';
import type { EnginePreference } from '../fitting/fitting-engine';
import type { FitProvider, TranscodeAction } from '../fitting/plan';
import type { CameraFacts } from '../fitting/predict';

export type RecordingPath =
  | { kind: 'live-encode'; action: TranscodeAction }
  | {
      kind: 'recorder';
      reason: 'nothing_chosen' | 'no_re_encode_needed' | 'no_common_file' | 'unsupported' | 'turned_off' | 'failed_before';
    };

export interface RecordingPathInputs {
  providers: readonly FitProvider[];
  camera: CameraFacts;
  /** `ffmpeg` (`?fitting=ffmpeg`) compares the after-recording paths, so it records with the recorder. */
  engine: EnginePreference;
  /** False with `?live-encode=off` (the bench and e2e measure the fallback that way). */
  allowed: boolean;
  /** Live encoding failed earlier on this page: the recorder from now on. */
  failedBefore: boolean;
  canEncodeLive: (action: TranscodeAction) => Promise<boolean>;
}

export async function chooseRecordingPath(inputs: RecordingPathInputs): Promise<RecordingPath> {
  if (!inputs.allowed || inputs.engine === 'ffmpeg') return { kind: 'recorder', reason: 'turned_off' };
  if (inputs.failedBefore) return { kind: 'recorder', reason: 'failed_before' };
  const decision = liveEncodeDecision(inputs.providers, inputs.camera);
  if (!decision.action) return { kind: 'recorder', reason: decision.reason };
  if (!(await inputs.canEncodeLive(decision.action))) return { kind: 'recorder', reason: 'unsupported' };
  return { kind: 'live-encode', action: decision.action };
}

/** `?live-encode=off` turns encoding while recording off on this page. */
export function liveEncodeAllowedFrom(search: string): boolean {
  return new URLSearchParams(search).get('live-encode') !== 'off';
}

/** H.264 High profile level 4.0, as fitting probes it (browser-fit-support.ts). */
const AVC_PROBE_CODEC = 'avc1.640028';

/**
 * Whether this browser can encode the camera live at `action`'s settings: MediaStreamTrackProcessor
 * on the page (Chromium; elsewhere Mediabunny would start a blob: worker, which the CSP refuses),
 * WebCodecs' VideoEncoder, and an encoder that takes the settings in real time.
 */
export async function canEncodeLive(action: TranscodeAction): Promise<boolean> {
  if (typeof MediaStreamTrackProcessor === 'undefined' || typeof VideoEncoder === 'undefined') return false;
  try {
    const { supported } = await VideoEncoder.isConfigSupported({
      codec: AVC_PROBE_CODEC,
      width: action.width,
      height: action.height,
      framerate: action.fps,
      bitrate: action.bitsPerSecond,
      bitrateMode: 'constant',
      latencyMode: 'realtime',
    });
    return supported === true;
  } catch {
    return false;
  }
}

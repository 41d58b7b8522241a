/** Messages between the screening host (main thread) and its two workers. */
import type { ClipAnalysis, FaceBox, UnreadableClip } from './types.js';

/** The decode worker gets one clip (as workerData) and answers once, then is terminated. */
export interface DecodeWorkerData {
  entry: 'decode';
  bytes: Uint8Array;
  /** The decoder's wasm, compiled once by the host (instantiating it per clip is cheap, compiling is not). */
  wasmModule?: WebAssembly.Module;
}

export interface DecodedSampleMessage {
  frameIndex: number;
  timeS: number;
  width: number;
  height: number;
  rgb: Uint8Array;
  jpeg: Uint8Array;
}

export type DecodeReply =
  | ({ ok: true; samples: DecodedSampleMessage[]; decodeMs: number } & Pick<ClipAnalysis, 'decodedFrames' | 'frameTimesS' | 'greyDiffs' | 'declared'>)
  | ({ ok: false } & UnreadableClip);

/** The detect worker is long-lived; requests carry an id. */
export interface DetectRequest {
  id: number;
  frames: Array<{ rgb: Uint8Array; width: number; height: number }>;
}

export type DetectReply = { id: number; ok: true; faces: FaceBox[][] } | { id: number; ok: false; error: string };

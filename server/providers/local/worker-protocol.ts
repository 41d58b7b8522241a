/** Messages between the screening host (main thread) and its two workers. */
import type { DecodedSample } from './decode-clip.js';
import type { ClipAnalysis, FaceBox, UnreadableClip } from './types.js';

/** The decode worker gets one clip (as workerData) and answers once, then is terminated. */
export interface DecodeWorkerData {
  entry: 'decode';
  bytes: Uint8Array;
  /** The decoder's wasm, compiled once by the host (instantiating it per clip is cheap, compiling is not). */
  wasmModule?: WebAssembly.Module;
}

/** A sampled frame as it crosses the worker boundary (plain data, transferable buffers). */
export type DecodedSampleMessage = DecodedSample;

export type DecodeReply =
  | ({ ok: true; samples: DecodedSampleMessage[]; decodeMs: number } & Pick<
      ClipAnalysis,
      'decodedFrames' | 'frameTimesS' | 'greyDiffs' | 'declared' | 'decodedSizes' | 'oversized'
    >)
  | ({ ok: false } & UnreadableClip);

/** The detect worker is long-lived; requests carry an id. */
export interface DetectRequest {
  id: number;
  frames: Array<{ rgb: Uint8Array; width: number; height: number }>;
}

export type DetectReply = { id: number; ok: true; faces: FaceBox[][] } | { id: number; ok: false; error: string };

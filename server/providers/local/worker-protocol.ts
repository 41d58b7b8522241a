/**
 * Messages between the screening host (main thread) and its two workers. Per clip the host opens a
 * MessageChannel between the decode worker and the detect worker: the sampled frames go straight
 * from one to the other while decoding goes on ({@link FrameMessage}), never through the host.
 */
import type { DecodedSample } from './decode-clip.js';
import type { MessagePort } from 'node:worker_threads';
import type { ClipAnalysis, FaceBox, UnreadableClip } from './types.js';

/** The decode worker gets one clip (as workerData) and answers once, then is terminated. */
export interface DecodeWorkerData {
  entry: 'decode';
  bytes: Uint8Array;
  /** The decoder's wasm, compiled once by the host (instantiating it per clip is cheap, compiling is not). */
  wasmModule?: WebAssembly.Module;
  /** Where the sampled frames go (the detect worker holds the other end). */
  framePort: MessagePort;
}

/** On a clip's frame channel, decode worker → detect worker; `end` names the pass whose faces the host wants. */
export type FrameMessage =
  { kind: 'frame'; pass: number; index: number; width: number; height: number; rgb: Uint8Array } | { kind: 'end'; pass: number };

/** A sampled frame as it crosses the worker boundary (plain data, transferable buffers). */
export type DecodedSampleMessage = DecodedSample;

export type DecodeReply =
  | ({ ok: true; samples: DecodedSampleMessage[]; pass: number; decodeMs: number } & Pick<
      ClipAnalysis,
      'decodedFrames' | 'frameTimesS' | 'greyDiffs' | 'declared' | 'decodedSizes' | 'oversized'
    >)
  | ({ ok: false } & UnreadableClip);

/** The detect worker is long-lived; a clip's request carries an id and the clip's frame channel. */
export interface DetectRequest {
  id: number;
  framePort: MessagePort;
}

/**
 * After the channel's `end`: the faces of that pass, indexed by streamed frame, and the time the
 * detector spent on them. `ok: false` if detection failed or the channel closed without an `end`.
 */
export type DetectReply = { id: number; ok: true; faces: FaceBox[][]; busyMs: number } | { id: number; ok: false; error: string };

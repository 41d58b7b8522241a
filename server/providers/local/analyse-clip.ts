/**
 * What the decode worker does with one clip: probe the container (our own parser; its numbers only
 * plan the samples, the findings use what was decoded), then decode with a fresh ffmpeg.wasm.
 * A stream whose frames are not the size its header declares is stopped before the expensive part:
 * by the probe when the H.264 SPS says so, else by the decoder at its first oversized frame.
 */
import { FrameSizeMismatchError } from '@contract/media/h264-sps.js';
import { probeMedia, ProbeError } from '@contract/media/probe.js';
import { LOCAL_SCREENING_CONFIG } from './config.js';
import { decodeClip, DecodeError, type DecodedClip, type StreamedFrame } from './decode-clip.js';
import { evenlySpacedIndices, maxPixelsFor } from './frame-plan.js';
import type { DecodeReply } from './worker-protocol.js';

const SAMPLE_COUNT = LOCAL_SCREENING_CONFIG.sampling.frameCount;

/**
 * `onFrame` gets each sampled frame's RGB while decoding goes on, with the decode pass it belongs to
 * (a second pass happens when the header overstated the frame count); the reply names the pass whose
 * samples it lists.
 */
export async function decodeForScreening(
  bytes: Uint8Array,
  onFrame: (pass: number, frame: StreamedFrame) => void,
): Promise<DecodeReply> {
  let declared;
  try {
    const probe = probeMedia(bytes);
    if (probe.kind !== 'video')
      return { ok: false, readable: false, reason: 'not_video', detail: `the file is a ${probe.format} still, not a video` };
    const { durationS, frameCount, fps, width, height, codec, container } = probe;
    declared = { durationS, frameCount, fps, width, height, codec, container };
  } catch (error) {
    if (error instanceof FrameSizeMismatchError) {
      return {
        ok: false,
        readable: false,
        reason: error.code,
        detail: error.message,
        frameSizes: { declared: error.header, stream: error.stream, source: 'sps' },
      };
    }
    if (error instanceof ProbeError) return { ok: false, readable: false, reason: error.code, detail: error.message };
    throw error;
  }

  const started = performance.now();
  const maxPixels = maxPixelsFor(declared.width, declared.height);
  let decoded: DecodedClip;
  let pass = 1;
  try {
    decoded = await decodeClip(bytes, evenlySpacedIndices(declared.frameCount, SAMPLE_COUNT), maxPixels, (f) => onFrame(1, f));
    const decodedFrames = decoded.greyDiffs.length + 1;
    // The header's frame count was only a plan: if it overstated the frames, sample again over what exists.
    if (decoded.samples.length < Math.min(SAMPLE_COUNT, decodedFrames)) {
      pass = 2;
      decoded = await decodeClip(bytes, evenlySpacedIndices(decodedFrames, SAMPLE_COUNT), maxPixels, (f) => onFrame(2, f));
    }
  } catch (error) {
    if (error instanceof DecodeError && error.oversized) {
      const { width, height } = declared;
      const stream = error.oversized;
      const detail = `the header says the frames are ${width}×${height} but the decoder met a ${stream.width}×${stream.height} frame`;
      return {
        ok: false,
        readable: false,
        reason: 'dimension_mismatch',
        detail,
        frameSizes: { declared: { width, height }, stream, source: 'decoder' },
      };
    }
    if (error instanceof DecodeError)
      return { ok: false, readable: false, reason: 'decode_failed', detail: `${error.message}: ${error.logTail.join(' / ')}` };
    return {
      ok: false,
      readable: false,
      reason: 'decoder_crashed',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  return {
    ok: true,
    decodedFrames: decoded.greyDiffs.length + 1,
    frameTimesS: decoded.frameTimesS,
    greyDiffs: decoded.greyDiffs,
    declared,
    samples: decoded.samples,
    pass,
    decodedSizes: decoded.decodedSizes,
    ...(decoded.oversized ? { oversized: decoded.oversized } : {}),
    decodeMs: performance.now() - started,
  };
}

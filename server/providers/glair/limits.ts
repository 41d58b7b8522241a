/**
 * What GLAIR Vision deepfake accepts (vendor doc "Parameter"; spec §3 "Limits"). The capture app fits media to
 * GLAIR_MEDIA_LIMITS; the simulator enforces GLAIR_HARD_LIMITS. Both cite this one file. The doc gives a size
 * and a file type and nothing else: every other number here is ours.
 */
import type { MediaLimits } from '../types.js';

const MiB = 1024 * 1024;

/** What the vendor refuses outright (the simulator answers its error for each). */
export const GLAIR_HARD_LIMITS = {
  /** Doc: "The maximum video size is 6MB." Counted on the file part, not the multipart envelope.
   * (guess) "MB" read as MiB, the lenient reading; the capture limit below holds under both. */
  maxVideoBytes: 6 * MiB,
  /** Doc (frames): "The maximum total size is 6MB." (guess) Counted over the base64 strings, in MiB as above. */
  maxFramesBase64Bytes: 6 * MiB,
  /** (guess) The doc names no frame count; an empty list is "no file". */
  minFrames: 1,
  /** Public (docs.glair.ai/vision/errors): no rate is published, only HTTP 429. No limit unless a test sets one. */
  maxRequestsPerSecond: undefined as number | undefined,
} as const;

/** 6,000,000 rather than 6 MiB so that both readings of the doc's "6MB" hold, envelope included. */
const CAPTURE_MAX_BYTES = 6_000_000;

export const GLAIR_MEDIA_LIMITS: MediaLimits = {
  // Doc: "this API exclusively supports video input requests"; the frames endpoint is the secondary path.
  preferred: 'video',
  video: {
    // Doc: "video: file (.mp4)".
    containers: ['mp4'],
    // (guess) The doc names no codec; H.264 is what browsers record into MP4 and what any decoder reads.
    codecs: ['h264'],
    // (guess) The doc names no duration. A few seconds of face is what deepfake models sample; 10 s of 720p
    // stays well under 6 MB.
    durationS: { min: 1, max: 10 },
    // (guess) The doc names no frame rate. The floor keeps motion visible to the model; MediaRecorder clips
    // average below nominal on a busy phone (see Tencent's limits), and 60 fps phones are common.
    fps: { min: 15, max: 60 },
    // (guess) The doc names no resolution; 720p keeps a 10 s clip under the size limit.
    maxLongSidePx: 1280,
    maxShortSidePx: 720,
    // Doc: "The maximum video size is 6MB." Sent as a raw multipart file, so there is no base64 inflation.
    maxBytes: CAPTURE_MAX_BYTES,
    maxBytesAfterBase64: false,
    orientation: 'any',
  },
  image: {
    // (guess) The doc says only "base64 encoded" frames; JPEG and PNG are what image decoders take.
    formats: ['jpeg', 'png'],
    // (guess) No resolution in the doc; the video's 720p bound is reused.
    maxLongSidePx: 1280,
    maxShortSidePx: 720,
    // Doc (frames): "The maximum total size is 6MB", and the frames travel as base64 inside JSON.
    maxBytes: CAPTURE_MAX_BYTES,
    maxBytesAfterBase64: true,
    orientation: 'any',
  },
};

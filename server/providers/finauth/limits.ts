/**
 * What FinAuth StarScope anti_deepfake accepts (vendor doc "Parameters"; spec §1 "Inputs and limits"). The capture
 * app fits media to FINAUTH_MEDIA_LIMITS; the simulator enforces FINAUTH_HARD_LIMITS. Both cite this one file.
 */
import type { MediaLimits } from '../types.js';

const MiB = 1024 * 1024;

/** What the vendor refuses outright (the simulator answers the error chosen for each in simulator/validate.ts). */
export const FINAUTH_HARD_LIMITS = {
  /** Doc (video): "the size after Base64 encoding not exceeding 10MB". (guess) "MB" read as MiB, as for Tencent. */
  maxVideoBase64Bytes: 10 * MiB,
  /** Doc (image): "Image size does not exceed 10MB". (guess) counted on the raw file, MiB. */
  maxImageBytes: 10 * MiB,
  /** Doc (video): "it must not exceed 20 seconds". */
  maxVideoDurationS: 20,
  /** Doc: "720P is maximum supported" for both image and video; read as 1280 × 720 in either orientation. */
  maxLongSidePx: 1280,
  maxShortSidePx: 720,
  /** Doc: sign_version "Currently only supports: hmac_sha1". */
  signVersions: ['hmac_sha1'] as const,
  /** Doc: data_type 0 = image, 1 = video. */
  dataTypes: ['0', '1'] as const,
  /** Doc: no QPS or concurrency figure is published; over the limit it answers 403 CONCURRENCY_LIMIT_EXCEEDED. */
  maxRequestsPerSecond: undefined,
} as const;

/**
 * The size the capture app must stay under, counted after base64 (4/3 of the raw bytes). 10,000,000 rather than
 * 10 MiB so that both readings of the doc's "10MB" hold. (guess)
 */
const CAPTURE_MAX_BASE64_BYTES = 10_000_000;
/** The doc counts the image on its raw size; the decimal reading of "10MB" is the stricter one. (guess) */
const CAPTURE_MAX_IMAGE_BYTES = 10_000_000;

export const FINAUTH_MEDIA_LIMITS: MediaLimits = {
  // (guess) The doc takes both and prefers neither; a clip carries more evidence than one frame, and the product
  // captures selfie video.
  preferred: 'video',
  video: {
    // Doc: "a format supported by ffmpeg". Browsers record (or remux to) mp4, so mp4 is the one we send.
    containers: ['mp4'],
    // Doc names no codec, so none is required here.
    // Doc: "The recommended duration is 2 to 5 seconds" (hard maximum 20 s, see FINAUTH_HARD_LIMITS).
    durationS: { min: 2, max: 5 },
    // Doc: "a frame rate between 25fps and 30fps" is a recommendation, not a rejection rule. A phone's
    // MediaRecorder writes variable-rate clips that average below nominal when the CPU is busy (measured for
    // Tencent, whose doc has the same sentence: 17–24 fps from a 25 fps camera while face detection runs), so the
    // floor is where frame sampling still sees motion, and the ceiling allows variable-rate clips a hair over 30.
    // (guess)
    fps: { min: 15, max: 30.5 },
    // Doc: "480P recommended (720P is maximum supported)".
    maxLongSidePx: 1280,
    maxShortSidePx: 720,
    // Doc: "the size after Base64 encoding not exceeding 10MB", although the file travels as a raw multipart part.
    maxBytes: CAPTURE_MAX_BASE64_BYTES,
    maxBytesAfterBase64: true,
    // Doc: "The video supports upright detection and will be automatically rotated to the correct orientation."
    orientation: 'any',
    // Doc: "the face size is no smaller than 100*100 pixels" (image and video) is not a media property the probe
    // can measure; the capture guide's face oval is far larger than that at 480p.
  },
  image: {
    // Doc: "only "jpg" and "png" formats are supported".
    formats: ['jpeg', 'png'],
    // Doc: "It is recommended that the image resolution is 480P (720P is maximum supported)".
    maxLongSidePx: 1280,
    maxShortSidePx: 720,
    // Doc: "Image size does not exceed 10MB" (no base64 wording for images).
    maxBytes: CAPTURE_MAX_IMAGE_BYTES,
    maxBytesAfterBase64: false,
    orientation: 'any',
  },
};

/** Base64 length of n bytes (standard, padded): what the doc's video limit counts. */
export function base64Length(byteLength: number): number {
  return Math.ceil(byteLength / 3) * 4;
}

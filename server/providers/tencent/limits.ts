/**
 * What Tencent DetectAIFakeFaces accepts (vendor doc "FaceInput", spec §5 "Input"). The capture app fits
 * media to TENCENT_MEDIA_LIMITS; the simulator enforces TENCENT_HARD_LIMITS. Both cite this one file.
 */
import type { MediaLimits } from '../types.js';

const MiB = 1024 * 1024;

/** What the vendor refuses outright (the simulator answers the documented error code for each). */
export const TENCENT_HARD_LIMITS = {
  /** Public (Tencent "request structure"): a TC3-signed POST may be at most 10 MB → RequestSizeLimitExceeded.
   * (guess) "MB" read as MiB. */
  maxRequestBodyBytes: 10 * MiB,
  /** Doc: base64 of image or video "with a maximum of 10M". (guess) MiB, as above. */
  maxFaceInputBase64Bytes: 10 * MiB,
  /** Doc: "Video duration ... maximum of 20s" → FailedOperation.VideoDurationExceeded. */
  maxVideoDurationS: 20,
  /** Doc: FaceInputType 1 = image, 2 = video; "Other: Return error code InvalidParameter". */
  faceInputTypes: [1, 2] as const,
  /** Public common error AuthFailure.SignatureExpire: timestamp and server time may differ by at most 5 minutes. */
  maxClockSkewS: 300,
  /** Doc: "A maximum of 5 requests can be initiated per second for this API." */
  maxRequestsPerSecond: 5,
} as const;

/**
 * The size the capture app must stay under, counted after base64 (4/3 of the raw bytes). 10,000,000 rather than
 * 10 MiB so that both readings of the doc's "10M" hold and the JSON envelope around FaceInput (~40 bytes) still
 * fits the 10 MiB request-body limit. (guess)
 */
const CAPTURE_MAX_BASE64_BYTES = 10_000_000;

export const TENCENT_MEDIA_LIMITS: MediaLimits = {
  // Doc: "If your scenario involves both video and image, we recommend using video for detection."
  preferred: 'video',
  video: {
    // Doc: mp4, avi and flv are supported; browsers record (or remux to) mp4, so mp4 is the one we send.
    containers: ['mp4'],
    // Doc names no codec, so none is required here.
    // Doc: "Video duration is recommended to be 2–5s" (hard maximum 20 s, see TENCENT_HARD_LIMITS).
    durationS: { min: 2, max: 5 },
    // Doc: "a frame rate between 25fps and 30fps" is a recommendation, not a rejection rule. A phone's
    // MediaRecorder writes variable-rate clips that average below nominal when the CPU is busy (measured
    // here: 17–24 fps from a 25 fps camera while face detection runs), so the floor is where the vendor's
    // frame sampling still sees motion, and the ceiling allows variable-rate clips a hair over 30. (guess)
    fps: { min: 15, max: 30.5 },
    // Doc: "Video resolution is recommended at 480x640 (maximum support for 720p)".
    maxLongSidePx: 1280,
    maxShortSidePx: 720,
    // Doc: "The size after base64 encoding should be within 8M, with a maximum of 10M".
    maxBytes: CAPTURE_MAX_BASE64_BYTES,
    maxBytesAfterBase64: true,
    // Doc recommends portrait 480x640 from the front camera but does not require it.
    orientation: 'any',
  },
  image: {
    // Doc: "Only jpg and png formats are supported."
    formats: ['jpeg', 'png'],
    // Doc recommends 480x640 for images and gives no maximum; the video's 720p bound is reused. (guess)
    maxLongSidePx: 1280,
    maxShortSidePx: 720,
    // Doc: base64 "should not exceed 3M, with a maximum of 10M".
    maxBytes: CAPTURE_MAX_BASE64_BYTES,
    maxBytesAfterBase64: true,
    orientation: 'any',
  },
};

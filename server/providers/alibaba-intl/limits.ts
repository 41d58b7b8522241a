/**
 * What DeepfakeDetectIntl / DeepfakeDetectIntlStream accept (vendor doc "Image and video requirements"; spec §2
 * "Parameters"). The capture app fits media to ALIBABA_INTL_MEDIA_LIMITS; the simulator enforces
 * ALIBABA_INTL_HARD_LIMITS. Both cite this one file.
 */
import type { CloudauthMediaRules } from '../alibaba-acs3/simulator-media.js';
import type { MediaLimits } from '../types.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** What the vendor refuses outright (the simulator answers a documented code for each; see simulator-media.ts). */
export const ALIBABA_INTL_HARD_LIMITS = {
  media: {
    image: {
      // Doc: "Image format: JPG, JPEG."
      formats: ['jpeg'],
      // Doc: "The maximum size is 10 MB." (guess) MB read as MiB.
      maxBytes: 10 * MiB,
      // Doc: "The maximum resolution is 1920 × 1080 pixels (height × width). The height must be greater than the width."
      maxHeightPx: 1920,
      maxWidthPx: 1080,
    },
    video: {
      // Doc: "Video format: MP4, MOV."
      containers: ['mp4', 'mov'],
      // Doc: "The video must be larger than 100 KB. The maximum size is 10 MB." (guess) KB and MB read as KiB and MiB.
      minBytesExclusive: 100 * KiB,
      maxBytes: 10 * MiB,
      // Doc: "Video length: 1 to 3 seconds."
      durationS: { min: 1, max: 3 },
      // Doc: "Video frame rate: 8 frames per second (fps) or higher."
      minFps: 8,
    },
    // (guess) How long and how much the service downloads from a FaceUrl; the doc gives only the DownloadTimeout code.
    download: { timeoutMs: 10_000, maxBytes: 10 * MiB },
  } satisfies CloudauthMediaRules,
  /** Doc: SceneCode is letters, digits and `_`; "must be 10-character" (doc) vs "maximum length of 10" (sdk): ≤ 10. */
  sceneCodePattern: /^[A-Za-z0-9_]{1,10}$/,
  /** Public (API overview, QPS limits): 10 QPS per API per account in ap-southeast-1. */
  maxRequestsPerSecond: 10,
  /** (guess) How much an upload policy lets through; above the API's 10 MB so the API's own code decides. */
  maxUploadBytes: 20 * MiB,
  /** (guess) How long an AuthorizeFileUpload policy stays valid, and how long an uploaded object is kept. */
  uploadPolicyTtlMs: 15 * 60_000,
  uploadedObjectTtlMs: 30 * 60_000,
} as const;

/** Exported for the gateway: the published per-API rate (public API overview, ap-southeast-1). */
export const ALIBABA_INTL_REQUESTS_PER_SECOND = ALIBABA_INTL_HARD_LIMITS.maxRequestsPerSecond;

export const ALIBABA_INTL_MEDIA_LIMITS: MediaLimits = {
  // The product screens selfie videos; the doc supports both ("analyze face images or videos").
  preferred: 'video',
  video: {
    // Doc: "Video format: MP4, MOV."
    containers: ['mp4', 'mov'],
    // Doc names no codec, so none is required here.
    // Doc: "Video length: 1 to 3 seconds."
    durationS: { min: 1, max: 3 },
    // Doc: "8 frames per second (fps) or higher"; it gives no maximum, 60 fps is what phones record at most. (guess)
    fps: { min: 8, max: 60 },
    // Doc: recommended 640 × 480 (height × width) and no maximum for video; the image maximum is reused. (guess)
    maxLongSidePx: 1920,
    maxShortSidePx: 1080,
    // Doc: "larger than 100 KB"; one byte over 100 KiB satisfies both readings of KB. (guess)
    minBytes: 100 * KiB + 1,
    // Doc: "The maximum size is 10 MB"; 10,000,000 satisfies both readings of MB. Sent raw (OSS upload), not base64.
    maxBytes: 10_000_000,
    maxBytesAfterBase64: false,
    // Doc recommends 640 × 480 (height × width), i.e. portrait, but does not require it.
    orientation: 'any',
  },
  image: {
    // Doc: "Image format: JPG, JPEG."
    formats: ['jpeg'],
    // Doc: "The maximum resolution is 1920 × 1080 pixels (height × width)."
    maxLongSidePx: 1920,
    maxShortSidePx: 1080,
    // Doc: max 10 MB, but "For images larger than 1 MB, you can upload them using a URL"; we always send FaceBase64,
    // so the still stays at 1 MB (recommended: 50–100 KB). Counted before base64, as the doc counts the image.
    maxBytes: 1_000_000,
    maxBytesAfterBase64: false,
    // Doc: "The height must be greater than the width."
    orientation: 'portrait',
  },
};

/**
 * What DeepfakeDetectIntl / DeepfakeDetectIntlStream accept (vendor doc "Image and video requirements"; spec §2
 * "Parameters"). The capture app fits media to ALIBABA_INTL_MEDIA_LIMITS; the simulator enforces
 * ALIBABA_INTL_HARD_LIMITS. The media limits are the China product's too, so both come from
 * ../alibaba-acs3/media-limits.ts, which cites both docs.
 */
import { CLOUDAUTH_MEDIA_LIMITS, CLOUDAUTH_MEDIA_RULES } from '../alibaba-acs3/media-limits.js';
import type { MediaLimits } from '../types.js';

const MiB = 1024 * 1024;

/** What the vendor refuses outright (the simulator answers a documented code for each; see ../alibaba-acs3/simulator/media.ts). */
export const ALIBABA_INTL_HARD_LIMITS = {
  media: CLOUDAUTH_MEDIA_RULES,
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

export const ALIBABA_INTL_MEDIA_LIMITS: MediaLimits = CLOUDAUTH_MEDIA_LIMITS;

/**
 * The contract every screening provider implements, and the common result the rest of the
 * product (storage, review UI, capture outcome) understands. A vendor's own wire format never
 * leaves its folder under `server/providers/<vendor>/`.
 */

import type { CheckOutcome, ProviderMode } from '@contract/api';
import type { MediaLimits } from '@contract/media/limits.js';

// The browser-safe vocabulary (verdicts, error categories, outcomes, media limits) lives in the
// contract; re-exported here for the vendor folders.
export type { CheckFailure, CheckOutcome, CheckSuccess, ErrorCategory, ProviderMode, RetakeReason, Verdict } from '@contract/api';
export type { ImageFormat, ImageLimits, MediaLimits, VideoContainer, VideoLimits } from '@contract/media/limits.js';

/**
 * The providers this server knows. The API types a provider id as text (`@contract/api`
 * ProviderId): which of these a deployment runs is the registry's business.
 */
export type ProviderId = 'local' | 'tencent' | 'finauth' | 'alibaba-intl' | 'glair' | 'alibaba-cn';

/** A clip (or still) ready to send: bytes plus what the probe found in them. */
export interface MediaInput {
  kind: 'video' | 'image';
  bytes: Buffer;
  /** Probe results, e.g. container 'mp4', codec 'h264'. */
  container: string;
  mime: string;
  sha256: string;
}

export interface CheckContext {
  /**
   * Stable per check (a UUID), reused on every retry so a vendor-side duplicate is recognisable.
   * Vendors' own unique ids (MerchantBizId, OuterOrderNo…) are derived from it.
   */
  idempotencyKey: string;
  /** 1 for the first try; each retry is freshly signed (new timestamp and nonce). */
  attempt: number;
  signal?: AbortSignal;
  /**
   * A short-lived, HMAC-signed URL on this server from which the vendor can fetch this check's
   * media (used where a vendor only takes video by URL). It stops working after `ttlSeconds`
   * and once the case's media is purged.
   */
  publicMediaUrl?: (ttlSeconds: number) => string;
  /**
   * The media store's own presigned GET URL for this check's media (MEDIA_STORE=s3 only), valid for
   * `ttlSeconds`; for vendors configured to fetch from the bucket directly.
   */
  presignedMediaUrl?: (ttlSeconds: number) => Promise<string>;
  /** The capture's own telemetry; only the local screening reads it (camera label). Never sent to a vendor. */
  telemetry?: Record<string, unknown>;
}

export interface Provider {
  id: ProviderId;
  displayName: string;
  mode: ProviderMode;
  limits: MediaLimits;
  check(media: MediaInput, ctx: CheckContext): Promise<CheckOutcome>;
}

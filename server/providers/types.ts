/**
 * The contract every screening provider implements, and the common result the rest of the
 * product (storage, review UI, capture outcome) understands. A vendor's own wire format never
 * leaves its folder under `server/providers/<vendor>/`.
 */

export type ProviderId = 'local' | 'tencent' | 'finauth' | 'alibaba-intl' | 'glair' | 'alibaba-cn';

/** `live`: real vendor with configured credentials; `simulated`: our built-in simulator; `local`: on-box checks. */
export type ProviderMode = 'live' | 'simulated' | 'local';

export type Verdict = 'pass' | 'review' | 'fail';

export type VideoContainer = 'mp4' | 'mov' | 'webm' | 'mkv' | 'avi' | 'flv';
export type ImageFormat = 'jpeg' | 'png';

/** What a clip must satisfy to be accepted by a vendor. The capture app fits media to these. */
export interface VideoLimits {
  containers: VideoContainer[];
  /** Codec names as the probe reports them (e.g. 'h264'); omitted when the vendor accepts any. */
  codecs?: string[];
  durationS: { min: number; max: number };
  fps: { min: number; max: number };
  /** Longest side / shortest side in pixels (720p → 1280 × 720). */
  maxLongSidePx: number;
  maxShortSidePx: number;
  minBytes?: number;
  maxBytes: number;
  /** True when the vendor counts the size after base64 encoding (4/3 of the raw bytes). */
  maxBytesAfterBase64: boolean;
  /** 'portrait' when the vendor wants height > width. */
  orientation?: 'any' | 'portrait';
}

export interface ImageLimits {
  formats: ImageFormat[];
  maxLongSidePx: number;
  maxShortSidePx: number;
  maxBytes: number;
  maxBytesAfterBase64: boolean;
  orientation?: 'any' | 'portrait';
}

export interface MediaLimits {
  /** Which input the product sends to this vendor by default. */
  preferred: 'video' | 'image';
  video?: VideoLimits;
  image?: ImageLimits;
}

/**
 * The small common set every vendor error maps onto. Only `throttled` and `unavailable` are retried; `unavailable`
 * and `timeout` count as outages for the circuit breaker. `vendor_protocol`: the vendor answered, but not in a way
 * we can read (a 2xx we cannot parse, a redirect, an error code in none of our tables, an answer over the size
 * cap). It may have processed (and billed) the request, so it is never re-sent, and it says nothing about the
 * vendor being down, so it is not an outage.
 */
export type ErrorCategory = 'retake' | 'input' | 'auth' | 'throttled' | 'unavailable' | 'timeout' | 'vendor_protocol';

/** Why the person should record again; shown to the end user in plain words. */
export type RetakeReason =
  | 'no_face'
  | 'multiple_faces'
  | 'covered_face'
  | 'incomplete_face'
  | 'poor_quality'
  | 'decode_failed'
  | 'too_long'
  | 'too_short'
  | 'too_large';

/** Fields both outcomes carry. */
interface OutcomeCommon {
  vendorRequestId?: string;
  /** The unique ids we sent (e.g. `{ MerchantBizId: "…" }`), so a retry is recognisable. */
  sentIds?: Record<string, string>;
  latencyMs: number;
  /** The vendor's response body as received (parsed JSON, or text); never our request or secrets. */
  raw: unknown;
}

export interface CheckSuccess extends OutcomeCommon {
  kind: 'result';
  verdict: Verdict;
  /** 0–1 where the vendor gives a score, with 1 meaning "most likely fake". */
  score?: number;
  /** The vendor's threshold on the same 0–1 scale, where it gives one. */
  threshold?: number;
  riskTags: string[];
}

export interface CheckFailure extends OutcomeCommon {
  kind: 'error';
  category: ErrorCategory;
  retakeReason?: RetakeReason;
  /** The vendor's own code, e.g. `FailedOperation.CoveredFace`. */
  vendorCode: string;
  message: string;
  /** HTTP status where there was a response. */
  httpStatus?: number;
  /** How long the vendor asked us to wait (Retry-After, x-acs-retry-after), for throttling. */
  retryAfterMs?: number;
}

export type CheckOutcome = CheckSuccess | CheckFailure;

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

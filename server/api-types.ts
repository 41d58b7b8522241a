/**
 * JSON shapes of the public HTTP API. The server owns them; the front end imports them with
 * `import type` only, so no server code reaches the browser bundle.
 */
import type {
  CheckOutcome,
  ErrorCategory,
  MediaLimits,
  ProviderId,
  ProviderMode,
  RetakeReason,
  Verdict,
} from './providers/types.js';

export type { CheckOutcome, ErrorCategory, MediaLimits, ProviderId, ProviderMode, RetakeReason, Verdict };

/** Every 4xx/5xx answer of the API. */
export interface ApiError {
  code: string;
  message: string;
}

export interface ProviderHealth {
  /** `open`: the vendor kept failing and is not being called until `retryAt`. */
  circuit: 'closed' | 'open' | 'half_open';
  consecutiveFailures: number;
  retryAt?: string;
  inFlight: number;
  queued: number;
}

export interface ProviderInfo {
  id: ProviderId;
  displayName: string;
  mode: ProviderMode;
  limits: MediaLimits;
  health: ProviderHealth;
}

/** GET /api/providers */
export interface ProvidersResponse {
  providers: ProviderInfo[];
}

/** The `meta` field of POST /api/captures (JSON text). */
export interface CaptureMeta {
  providers: ProviderId[];
  telemetry?: Record<string, unknown>;
  /** The person's consent to processing their biometric data (required: 400 `consent_required` without it). */
  consent: CaptureConsent;
}

/** Which consent text the person agreed to, when (ISO 8601) and in which language it was shown. */
export interface CaptureConsent {
  version: string;
  acceptedAt: string;
  locale: string;
}

/** 202 answer of POST /api/captures. The token is the only key to the capture's status. */
export interface CaptureAccepted {
  caseId: string;
  captureToken: string;
}

/** GET /api/captures/:id (header `x-capture-token`). End users never see scores. */
export interface CaptureStatus {
  status: 'processing' | 'done' | 'retake';
  reason?: RetakeReason;
}

export type CheckStatus = 'pending' | 'running' | 'done' | 'error';

export interface CheckView {
  id: string;
  providerId: ProviderId;
  providerName: string;
  mode: ProviderMode;
  status: CheckStatus;
  attempts: number;
  /** Present once the check has finished (result or mapped vendor error). */
  outcome?: CheckOutcome;
  createdAt: string;
  finishedAt?: string;
}

export interface MediaView {
  /** `video`, `image`, or a provider's own fitted file such as `video.alibaba-intl`. */
  role: string;
  sha256: string;
  mime: string;
  bytes: number;
  /** Probe results: container, codec, duration, resolution, fps. */
  probe: Record<string, unknown>;
  /** Reviewer-only URL of the bytes. */
  url: string;
}

export type CaseStatus = 'processing' | 'done' | 'retake';

export interface CaseSummary {
  id: string;
  createdAt: string;
  status: CaseStatus;
  /** Two or more vendors returned different verdicts. */
  disagreement: boolean;
  checks: Array<Pick<CheckView, 'providerId' | 'mode' | 'status'> & { verdict?: Verdict; category?: ErrorCategory }>;
}

/** GET /api/cases */
export interface CaseListResponse {
  cases: CaseSummary[];
}

/** GET /api/cases/:id */
export interface CaseDetail {
  id: string;
  createdAt: string;
  status: CaseStatus;
  disagreement: boolean;
  telemetry: Record<string, unknown>;
  media: MediaView[];
  checks: CheckView[];
  /** Absent only on cases stored before consent was recorded. */
  consent?: CaptureConsent;
}

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

export interface ProviderInfo {
  id: ProviderId;
  displayName: string;
  mode: ProviderMode;
  limits: MediaLimits;
}

/** GET /api/providers */
export interface ProvidersResponse {
  providers: ProviderInfo[];
}

/** The `meta` field of POST /api/captures (JSON text). */
export interface CaptureMeta {
  providers: ProviderId[];
  telemetry?: Record<string, unknown>;
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
  role: 'video' | 'image';
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
  telemetry: Record<string, unknown>;
  media: MediaView[];
  checks: CheckView[];
}

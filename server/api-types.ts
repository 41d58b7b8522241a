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
  /** The capture-integrity screening (absent for cases created before it existed). */
  integrity?: CaptureIntegrity;
}

/** What a capture-integrity finding is about: a capture to retake, or a sign of injected/replayed video. */
export type IntegrityFindingKind = 'bad_capture' | 'suspected_fake';

/** Codes of the local screening's deterministic checks (see server/providers/local/findings). */
export type IntegrityFindingCode =
  | 'unreadable'
  | 'too_short'
  | 'too_long'
  | 'fps_too_low'
  | 'no_face'
  | 'multiple_faces'
  | 'face_too_small'
  | 'face_often_absent'
  | 'face_track_jump'
  | 'frozen_frames'
  | 'virtual_camera';

export interface IntegrityFinding {
  code: IntegrityFindingCode;
  kind: IntegrityFindingKind;
  /** Plain words for the reviewer. */
  message: string;
  /** Indices into `CaptureIntegrity.frames` this finding is about. */
  frames?: number[];
  /** What was measured and the threshold it was held to. */
  evidence: Record<string, unknown>;
}

/** A sampled frame of the capture, stored as case media `frame.<index>` (JPEG). */
export interface IntegrityFrame {
  index: number;
  /** `frame.0` … `frame.9`. */
  role: string;
  /** Index among all decoded frames, and its presentation time. */
  frameIndex: number;
  timeS: number;
  width: number;
  height: number;
  /** Faces the detector found, in this frame's pixels. */
  faces: Array<{ x: number; y: number; width: number; height: number; score: number }>;
}

/**
 * GET /api/cases/:id `integrity`: the local screening of the capture (deterministic checks, NO
 * deepfake model). `pending` until it has run; `error` when the screening itself could not run
 * (not the clip's fault). Its verdict is never 'pass': 'review' means only that nothing failed.
 */
export interface CaptureIntegrity {
  status: 'pending' | 'done' | 'error';
  /** Always "local screening — no deepfake model". */
  label: string;
  verdict?: 'fail' | 'review';
  findings: IntegrityFinding[];
  frames: IntegrityFrame[];
  measurements?: {
    durationS: number;
    fps: number;
    decodedFrames: number;
    samplesWithOneFace: number;
    samplesWithFace: number;
    longestFrozenRunS: number;
  };
  timingsMs?: { queued: number; decode?: number; detect?: number; total: number };
  screenedAt?: string;
  /** Why the screening could not run (status `error`). */
  error?: string;
}

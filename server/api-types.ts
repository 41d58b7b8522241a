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
  /** Checks waiting to be sent: for a concurrency slot, on an open circuit, or in back-off before a retry. */
  queued: number;
  /** The part of `queued` waiting for an open circuit to let calls through again. */
  waitingOnCircuit: number;
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

export interface CaseSummary extends CaseReviewFields {
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
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** GET /api/cases/:id */
export interface CaseDetail extends CaseReviewFields {
  id: string;
  createdAt: string;
  status: CaseStatus;
  disagreement: boolean;
  telemetry: Record<string, unknown>;
  media: MediaView[];
  checks: CheckView[];
  /** Every decision on the case, oldest first (the last one is `decision`). */
  decisions?: DecisionView[];
  /** The capture-integrity screening (absent for cases created before it existed). */
  integrity?: CaptureIntegrity;
  /** Absent only on cases stored before consent was recorded. */
  consent?: CaptureConsent;
}

// ─── Review (issue #6): the contract shared by the server and the reviewer UI ───────────────
// Every /api/cases…, /api/dashboard and /api/admin… route needs a session cookie; every
// state-changing one (POST/PUT/PATCH/DELETE) other than login also needs header `x-csrf-token`
// equal to the session's `csrfToken`. Anonymous → 401 `unauthenticated`; bad/missing CSRF → 403
// `csrf_failed`; reviewer on an admin route → 403 `forbidden`.

export type Role = 'reviewer' | 'admin';

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
}

/** POST /api/auth/login body. Throttled: too many failures → 429 `too_many_attempts` + Retry-After. */
export interface LoginRequest {
  email: string;
  password: string;
}

/** 200 of POST /api/auth/login and GET /api/auth/me (401 when there is no session). POST /api/auth/logout → 204. */
export interface SessionResponse {
  user: SessionUser;
  /** Send back as `x-csrf-token` on every state-changing request. */
  csrfToken: string;
}

/**
 * GET /api/admin/users → { users }; POST /api/admin/users { email, password, role } → 201 UserView
 * (password ≥ 12 characters, else 400 `weak_password`; 409 `email_taken`).
 * POST /api/admin/users/:id/unlock → UnlockResponse (404 `not_found`).
 */
export interface UserView extends SessionUser {
  createdAt: string;
  /** Present while the login throttle delays sign-in attempts on this account (list only). */
  signInDelay?: SignInDelayView;
}
export interface SignInDelayView {
  /** When the last delay ends (ISO). */
  until: string;
  /** Client addresses whose attempts on this account are delayed. */
  addresses: number;
  /** The account-wide ceiling is reached: every address that never signed in here waits. */
  accountWide: boolean;
}
export interface UnlockResponse {
  /** Throttle counters cleared. */
  cleared: number;
}
export interface UserListResponse {
  users: UserView[];
}
export interface CreateUserRequest {
  email: string;
  password: string;
  role: Role;
}

/** Where a case is in review (separate from CaseStatus, which is about the vendor checks). */
export type ReviewStatus = 'new' | 'in_review' | 'decided';
export type Decision = 'approve' | 'reject' | 'escalate';

/** Reason codes a decision must carry, by decision. */
export const DECISION_REASONS = {
  approve: ['genuine_person', 'vendor_false_positive', 'other'],
  reject: ['deepfake_suspected', 'replay_or_screen', 'mask_or_spoof', 'wrong_person', 'bad_capture', 'other'],
  escalate: ['vendors_disagree', 'unclear_media', 'needs_second_opinion', 'other'],
} as const satisfies Record<Decision, readonly string[]>;
export type DecisionReason = (typeof DECISION_REASONS)[Decision][number];

/** POST /api/cases/:id/decisions body → 201 DecisionView. `note` optional (≤ 2000 chars). */
export interface DecisionRequest {
  decision: Decision;
  reasonCode: DecisionReason;
  note?: string;
}
export interface DecisionView {
  id: string;
  decision: Decision;
  reasonCode: DecisionReason;
  note?: string;
  by: { id: string; email: string };
  at: string;
}

/** Extra fields every CaseSummary / CaseDetail carries for review. */
export interface CaseReviewFields {
  reviewStatus: ReviewStatus;
  assignee?: { id: string; email: string };
  /** The latest decision, if any. */
  decision?: Decision;
  /** When the media will be purged (createdAt + RETENTION_DAYS); absent once purged. */
  mediaExpiresAt?: string;
  mediaPurged: boolean;
}

/**
 * GET /api/cases query: status=new|in_review|decided, verdict=pass|review|fail|error (any check),
 * vendor=<ProviderId> (a check by it), disagreement=true|false, from / to (ISO dates, createdAt),
 * q=<case id or its prefix>, sort=created_desc (default)|created_asc, limit (1–100, default 25),
 * cursor (opaque, from nextCursor). Answer: CaseListResponse with `nextCursor` when more remain.
 */
export interface CaseListQuery {
  status?: ReviewStatus;
  verdict?: Verdict | 'error';
  vendor?: ProviderId;
  disagreement?: boolean;
  from?: string;
  to?: string;
  q?: string;
  sort?: 'created_desc' | 'created_asc';
  limit?: number;
  cursor?: string;
}

/**
 * POST /api/cases/take-next → 200 { caseId } assigning to the caller the case they already hold
 * in review, else the oldest `new` case (it becomes `in_review`); 204 when none is waiting.
 */
export interface TakeNextResponse {
  caseId: string;
}

/** POST /api/cases/:id/reruns { providerId } → 202 CheckView (a new check on the stored clip). 409 `media_purged` after purge. */
export interface RerunRequest {
  providerId: ProviderId;
}

export type AuditActor =
  | { type: 'user'; id: string; email: string }
  | { type: 'system' }
  | { type: 'capture' };

/**
 * One append-only audit record. Actions: case.created, check.started, check.finished,
 * case.viewed, media.viewed, case.assigned, decision.recorded, check.rerun_requested,
 * media.purged, case.deleted, user.created, auth.login, auth.login_failed, auth.logout.
 */
export interface AuditEventView {
  id: string;
  at: string;
  actor: AuditActor;
  action: string;
  caseId?: string;
  detail: Record<string, unknown>;
}

/** GET /api/cases/:id/audit → the case's timeline, oldest first. */
export interface AuditListResponse {
  events: AuditEventView[];
}

/** DELETE /api/admin/cases/:id (admin) → 204: the case, its media and checks go; the audit record stays. */

/** GET /api/dashboard?from&to (ISO; default last 30 days), daily buckets. */
export interface DashboardResponse {
  from: string;
  to: string;
  days: Array<{
    day: string; // YYYY-MM-DD
    cases: number;
    /** Checks that finished with each verdict, or an error. */
    verdicts: Record<Verdict | 'error', number>;
    decisions: Record<Decision, number>;
  }>;
  vendors: Array<{
    providerId: ProviderId;
    checks: number;
    errors: number;
    errorRate: number;
    latencyMsP50?: number;
    latencyMsP95?: number;
  }>;
  agreement: {
    /** For each pair of vendors that both returned a verdict on the same case. */
    vendorPairs: Array<{ a: ProviderId; b: ProviderId; cases: number; agreed: number }>;
    /** Vendor verdict vs the reviewer's final decision (approve≈pass, reject≈fail; escalate skipped). */
    vendorVsReviewer: Array<{ providerId: ProviderId; cases: number; agreed: number }>;
  };
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
  | 'virtual_camera'
  | 'dimension_mismatch';

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

/**
 * Every closed list of values the API uses, once (the media limits' containers and formats sit with
 * them in ../media/limits.ts). Free of zod on purpose: the SPA imports these
 * values from `@contract/api/enums` and only types from `@contract/api`, so the schemas (and zod)
 * stay out of its bundle. The schemas and their inferred types sit in the area files.
 */

/** A vendor check's verdict. */
export const VERDICTS = ['pass', 'review', 'fail'] as const;

/** A verdict, or `error` for a check that ended in a vendor error: the queue's verdict filter and the dashboard's buckets. */
export const VERDICT_FILTERS = [...VERDICTS, 'error'] as const;

/**
 * The small common set every vendor error maps onto. Only `throttled` and `unavailable` are retried; `unavailable`
 * and `timeout` count as outages for the circuit breaker. `vendor_protocol`: the vendor answered, but not in a way
 * we can read (a 2xx we cannot parse, a redirect, an error code in none of our tables, an answer over the size
 * cap). It may have processed (and billed) the request, so it is never re-sent, and it says nothing about the
 * vendor being down, so it is not an outage.
 */
export const ERROR_CATEGORIES = ['retake', 'input', 'auth', 'throttled', 'unavailable', 'timeout', 'vendor_protocol'] as const;

/** Why the person should record again; shown to the end user in plain words. */
export const RETAKE_REASONS = [
  'no_face',
  'multiple_faces',
  'covered_face',
  'incomplete_face',
  'poor_quality',
  'decode_failed',
  'too_long',
  'too_short',
  'too_large',
] as const;

export const CHECK_STATUSES = ['pending', 'running', 'done', 'error'] as const;

/** `live`: real vendor with configured credentials; `simulated`: our built-in simulator; `local`: on-box checks. */
export const PROVIDER_MODES = ['live', 'simulated', 'local'] as const;

/** A vendor's circuit breaker; `open`: the vendor kept failing and is not being called until `retryAt`. */
export const CIRCUIT_STATES = ['closed', 'open', 'half_open'] as const;

/** Where a case's vendor checks are (also the capture's status): still running, all finished, or record again. */
export const CASE_STATUSES = ['processing', 'done', 'retake'] as const;

/** Where a case is in review (separate from CASE_STATUSES, which is about the vendor checks). */
export const REVIEW_STATUSES = ['new', 'in_review', 'decided'] as const;

/** `risk_desc`: riskiest first (cases.risk), then oldest first, the order take-next hands cases out in by default. */
export const CASE_SORTS = ['created_desc', 'created_asc', 'risk_desc'] as const;

/** Which waiting case take-next hands out first (REVIEW_TAKE_NEXT_ORDER): the riskiest, or the oldest. */
export const TAKE_NEXT_ORDERS = ['risk', 'age'] as const;

export const DECISIONS = ['approve', 'reject', 'escalate'] as const;

/** Reason codes a decision must carry, by decision. */
export const DECISION_REASONS = {
  approve: ['genuine_person', 'vendor_false_positive', 'other'],
  reject: ['deepfake_suspected', 'replay_or_screen', 'mask_or_spoof', 'wrong_person', 'bad_capture', 'other'],
  escalate: ['vendors_disagree', 'unclear_media', 'needs_second_opinion', 'other'],
} as const satisfies Record<(typeof DECISIONS)[number], readonly string[]>;
export type DecisionReason = (typeof DECISION_REASONS)[(typeof DECISIONS)[number]][number];

/** Every reason code of any decision, once. */
export const ALL_DECISION_REASONS = [...new Set(Object.values(DECISION_REASONS).flat())] as [DecisionReason, ...DecisionReason[]];

export const ROLES = ['reviewer', 'admin'] as const;

/** What a capture-integrity finding is about: a capture to retake, or a sign of injected/replayed video. */
export const INTEGRITY_FINDING_KINDS = ['bad_capture', 'suspected_fake'] as const;

/** Codes of the local screening's deterministic checks (see server/providers/local/findings). */
export const INTEGRITY_FINDING_CODES = [
  'unreadable',
  'too_short',
  'too_long',
  'fps_too_low',
  'no_face',
  'multiple_faces',
  'face_too_small',
  'face_often_absent',
  'face_track_jump',
  'frozen_frames',
  'virtual_camera',
  'dimension_mismatch',
] as const;

/** The queue's `finding` filter: any finding, none, a kind of finding, or one finding code. */
export const FINDING_FILTERS = ['any', 'none', ...INTEGRITY_FINDING_KINDS, ...INTEGRITY_FINDING_CODES] as const;

/**
 * An integrator's capture session (POST /api/v1/sessions). `created` → `opened` (the link was opened) →
 * `submitted` (the one upload arrived) → `processing` (vendor checks running) → `completed` (every vendor
 * check final) → `decided` (a reviewer decided). `expired` / `cancelled` end a session that has no upload.
 */
export const SESSION_STATUSES = [
  'created',
  'opened',
  'submitted',
  'processing',
  'completed',
  'decided',
  'expired',
  'cancelled',
] as const;

/** Webhook event types (Standard Webhooks `type`); an endpoint may subscribe to some of them. */
export const WEBHOOK_EVENT_TYPES = ['session.submitted', 'session.completed', 'session.decided', 'session.expired'] as const;

/** A webhook delivery: waiting for its (next) attempt, in flight, delivered (2xx), or given up after the retry window. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivering', 'delivered', 'failed'] as const;

/**
 * A vendor check and its outcome: the common result every provider's answer maps onto (a vendor's
 * own wire format never leaves its folder under server/providers/), and the reviewer's re-run.
 */
import { z } from 'zod';
import { CHECK_STATUSES, ERROR_CATEGORIES, RETAKE_REASONS, VERDICTS } from './enums.js';
import { providerIdSchema, providerModeSchema } from './providers.js';

export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;

/** See ERROR_CATEGORIES (enums.ts) for which are retried and which count as outages. */
export const errorCategorySchema = z.enum(ERROR_CATEGORIES);
export type ErrorCategory = z.infer<typeof errorCategorySchema>;

/** Why the person should record again; shown to the end user in plain words. */
export const retakeReasonSchema = z.enum(RETAKE_REASONS);
export type RetakeReason = z.infer<typeof retakeReasonSchema>;

/** Fields both outcomes carry. */
const outcomeCommon = {
  vendorRequestId: z.string().optional(),
  /** The unique ids we sent (e.g. `{ MerchantBizId: "…" }`), so a retry is recognisable. */
  sentIds: z.record(z.string(), z.string()).optional(),
  latencyMs: z.number(),
  /** The vendor's response body as received (parsed JSON, or text); never our request or secrets. */
  raw: z.unknown(),
};

export const checkSuccessSchema = z.object({
  kind: z.literal('result'),
  ...outcomeCommon,
  verdict: verdictSchema,
  /** 0–1 where the vendor gives a score, with 1 meaning "most likely fake". */
  score: z.number().optional(),
  /** The vendor's threshold on the same 0–1 scale, where it gives one. */
  threshold: z.number().optional(),
  riskTags: z.array(z.string()),
});
export type CheckSuccess = z.infer<typeof checkSuccessSchema>;

export const checkFailureSchema = z.object({
  kind: z.literal('error'),
  ...outcomeCommon,
  category: errorCategorySchema,
  retakeReason: retakeReasonSchema.optional(),
  /** The vendor's own code, e.g. `FailedOperation.CoveredFace`. */
  vendorCode: z.string(),
  message: z.string(),
  /** HTTP status where there was a response. */
  httpStatus: z.number().int().optional(),
  /** How long the vendor asked us to wait (Retry-After, x-acs-retry-after), for throttling. */
  retryAfterMs: z.number().optional(),
});
export type CheckFailure = z.infer<typeof checkFailureSchema>;

export const checkOutcomeSchema = z.discriminatedUnion('kind', [checkSuccessSchema, checkFailureSchema]);
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

export const checkStatusSchema = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const checkViewSchema = z
  .object({
    id: z.string(),
    providerId: providerIdSchema,
    providerName: z.string(),
    mode: providerModeSchema,
    status: checkStatusSchema,
    attempts: z.number().int(),
    /** Present once the check has finished (result or mapped vendor error). */
    outcome: checkOutcomeSchema.optional(),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
  })
  .meta({ id: 'CheckView' });
export type CheckView = z.infer<typeof checkViewSchema>;

/**
 * POST /api/cases/:id/reruns { providerId } → 202 CheckView (a new check on the stored clip).
 * 400 `unknown_provider` for a provider this server does not run; 409 `media_purged` after purge.
 */
export const rerunRequestSchema = z.object({ providerId: providerIdSchema });
export type RerunRequest = z.infer<typeof rerunRequestSchema>;

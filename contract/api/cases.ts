/** A case as reviewers see it: GET /api/cases (summaries) and GET /api/cases/:id (detail). */
import { z } from 'zod';
import { captureConsentViewSchema } from './captures.js';
import { CASE_STATUSES, REVIEW_STATUSES } from './enums.js';
import { checkViewSchema, errorCategorySchema, verdictSchema } from './checks.js';
import { decisionSchema, decisionViewSchema, userRefSchema } from './decisions.js';
import { captureIntegritySchema, integrityFindingCodeSchema, integrityFindingKindSchema } from './integrity.js';
import { sessionStatusSchema } from './sessions.js';

export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const reviewStatusSchema = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

/** The path of every /api/cases/:id… and /api/admin/cases/:id route. Any text: an unknown id is 404 `not_found`. */
export const caseParamsSchema = z.object({ id: z.string().describe('The case id') });
export type CaseParams = z.infer<typeof caseParamsSchema>;

export const mediaViewSchema = z.object({
  /** `video`, `image`, or a provider's own fitted file such as `video.alibaba-intl`. */
  role: z.string(),
  sha256: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  /** Probe results: container, codec, duration, resolution, fps. */
  probe: z.record(z.string(), z.unknown()),
  /** Reviewer-only URL of the bytes. */
  url: z.string(),
});
export type MediaView = z.infer<typeof mediaViewSchema>;

/** Extra fields every CaseSummary / CaseDetail carries for review. */
export const caseReviewFieldsSchema = z.object({
  reviewStatus: reviewStatusSchema,
  assignee: userRefSchema.optional(),
  /** The latest decision, if any. */
  decision: decisionSchema.optional(),
  /** When the media will be purged (createdAt + RETENTION_DAYS); absent once purged. */
  mediaExpiresAt: z.string().optional(),
  mediaPurged: z.boolean(),
  /** The integrating application and applicant reference, for cases that came through a session. */
  application: z.object({ id: z.string(), name: z.string() }).optional(),
  reference: z.string().optional(),
  /**
   * How risky the case looks, higher first (the queue's `risk_desc` sort and take-next): 8 the local screening
   * suspects a fake, + 4 a check said fail, + 2 the checks disagree, + 1 a review verdict, a vendor error or a
   * bad capture. 0: nothing flagged.
   */
  risk: z.number().int(),
});
export type CaseReviewFields = z.infer<typeof caseReviewFieldsSchema>;

export const caseSummarySchema = caseReviewFieldsSchema
  .extend({
    id: z.string(),
    createdAt: z.string(),
    status: caseStatusSchema,
    /** Two or more vendors returned different verdicts. */
    disagreement: z.boolean(),
    checks: z.array(
      checkViewSchema
        .pick({ providerId: true, mode: true, status: true })
        .extend({ verdict: verdictSchema.optional(), category: errorCategorySchema.optional() }),
    ),
    /** The local screening in short: its status, verdict and which findings (absent when screening was off). */
    integrity: z
      .object({
        status: z.enum(['pending', 'done', 'error']),
        verdict: z.enum(['fail', 'review']).optional(),
        findings: z.array(z.object({ code: integrityFindingCodeSchema, kind: integrityFindingKindSchema })),
      })
      .optional(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** GET /api/cases */
export const caseListResponseSchema = z.object({
  cases: z.array(caseSummarySchema),
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor: z.string().optional(),
});
export type CaseListResponse = z.infer<typeof caseListResponseSchema>;

/** GET /api/cases/:id */
export const caseDetailSchema = caseReviewFieldsSchema
  .extend({
    id: z.string(),
    createdAt: z.string(),
    status: caseStatusSchema,
    disagreement: z.boolean(),
    telemetry: z.record(z.string(), z.unknown()),
    media: z.array(mediaViewSchema),
    checks: z.array(checkViewSchema),
    /** Every decision on the case, oldest first (the last one is `decision`). */
    decisions: z.array(decisionViewSchema).optional(),
    /** The capture-integrity screening (absent for cases created before it existed). */
    integrity: captureIntegritySchema.optional(),
    /** Absent only on cases stored before consent was recorded. */
    consent: captureConsentViewSchema.optional(),
    /** The session the upload came through: its id, status and the integrator's metadata. */
    session: z
      .object({ id: z.string(), status: sessionStatusSchema, metadata: z.record(z.string(), z.unknown()).optional() })
      .optional(),
  })
  .meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** POST /api/admin/retention/purge → how many cases' media the purge removed. */
export const retentionPurgeResponseSchema = z.object({ purged: z.number().int() });
export type RetentionPurgeResponse = z.infer<typeof retentionPurgeResponseSchema>;

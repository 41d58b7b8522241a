/**
 * The review queue: GET /api/cases (filtered, keyset-paginated) and POST /api/cases/take-next.
 * The query schema is the one the server validates with (400 `invalid_query` otherwise).
 */
import { z } from 'zod';
import { reviewStatusSchema } from './cases.js';
import { CASE_SORTS, FINDING_FILTERS, VERDICT_FILTERS } from './enums.js';

export const verdictFilterSchema = z.enum(VERDICT_FILTERS);
export type VerdictFilter = z.infer<typeof verdictFilterSchema>;

export const caseSortSchema = z.enum(CASE_SORTS);
export type CaseSort = z.infer<typeof caseSortSchema>;

export const findingFilterSchema = z.enum(FINDING_FILTERS);
export type FindingFilter = z.infer<typeof findingFilterSchema>;

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO date' });

/**
 * status=new|in_review|decided, verdict=pass|review|fail|error (any check), vendor=<provider id>
 * (a check by it), disagreement=true|false, finding=any|none|<finding kind>|<finding code> (the local
 * screening's findings), from / to (ISO dates, createdAt), q=<case id or its prefix>, reference=<applicant
 * reference>, applicationId=<application id>, sort=created_desc (default)|created_asc|risk_desc (riskiest, then
 * oldest, first), limit (1–100, default 25), cursor (opaque, from nextCursor). Answer: CaseListResponse with `nextCursor` when more remain.
 */
export const caseListQuerySchema = z.object({
  status: reviewStatusSchema.optional(),
  verdict: verdictFilterSchema.optional(),
  vendor: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
  disagreement: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  finding: findingFilterSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().max(100).optional(),
  /** The integrator's applicant reference (exact). */
  reference: z.string().max(128).optional(),
  /** Cases from one integrating application. */
  applicationId: z.string().max(64).optional(),
  sort: caseSortSchema.default('created_desc'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
/** The query as the server reads it (defaults applied). */
export type ParsedCaseListQuery = z.infer<typeof caseListQuerySchema>;
/** The query as a client fills it in; every field optional, sent as text (`apiQueryString`). */
export type CaseListQuery = Partial<ParsedCaseListQuery>;

/**
 * POST /api/cases/take-next → 200 { caseId } assigning to the caller the case they already hold
 * in review, else the riskiest waiting case, oldest first among equals (REVIEW_TAKE_NEXT_ORDER=age:
 * the oldest); it becomes `in_review`. 204 when none is waiting.
 */
export const takeNextResponseSchema = z.object({ caseId: z.string() });
export type TakeNextResponse = z.infer<typeof takeNextResponseSchema>;

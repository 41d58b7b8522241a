/** GET /api/dashboard?from&to (ISO; default last 30 days, at most 366), daily buckets. */
import { z } from 'zod';
import { decisionSchema } from './decisions.js';
import { providerIdSchema } from './providers.js';
import { verdictFilterSchema } from './queue.js';

/** An ISO date, or empty for the default. */
const isoDateOrEmpty = z.string().refine((v) => v === '' || !Number.isNaN(Date.parse(v)), { message: 'must be an ISO date' });

/**
 * The route validates with it (400 `invalid_query` for a date it cannot read) and then refuses a
 * range it will not serve (`from` after `to`, more than 366 days; also `invalid_query`).
 */
export const dashboardQuerySchema = z.object({
  from: isoDateOrEmpty.optional().describe('ISO date; default 30 days before `to`'),
  to: isoDateOrEmpty.optional().describe('ISO date; default now'),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

const count = z.number().int();

export const dashboardResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(
    z.object({
      /** YYYY-MM-DD */
      day: z.string(),
      cases: count,
      /** Checks that finished with each verdict, or a vendor error (a retake answer is not one: see `retakes`). */
      verdicts: z.record(verdictFilterSchema, count),
      /** Checks the vendor answered "record again" (the person's capture, not the vendor, failed). */
      retakes: count,
      decisions: z.record(decisionSchema, count),
    }),
  ),
  vendors: z.array(
    z.object({
      providerId: providerIdSchema,
      checks: count,
      /** Vendor errors (outages, protocol, auth, input…); retake answers are counted apart. */
      errors: count,
      retakes: count,
      errorRate: z.number(),
      latencyMsP50: z.number().optional(),
      latencyMsP95: z.number().optional(),
    }),
  ),
  agreement: z.object({
    /** For each pair of vendors (not the on-box `local` screening) that both returned a verdict on the same case. */
    vendorPairs: z.array(z.object({ a: providerIdSchema, b: providerIdSchema, cases: count, agreed: count })),
    /** Vendor verdict vs the reviewer's final decision (approve≈pass, reject≈fail; escalate skipped). */
    vendorVsReviewer: z.array(z.object({ providerId: providerIdSchema, cases: count, agreed: count })),
  }),
  /** The manager's headline figures. Backlog and oldest waiting case are as of now, whatever the range. */
  headline: z.object({
    /** Cases waiting for a decision (new or in review). */
    backlog: count,
    /** When the oldest waiting case arrived (absent: nothing waits). */
    oldestWaitingAt: z.string().optional(),
    oldestWaitingCaseId: z.string().optional(),
    /** Decisions recorded in the range. */
    decisions: count,
    /** Median time from a case's arrival to its first decision, over first decisions recorded in the range. */
    medianDecisionMs: z.number().optional(),
  }),
  /** Decisions recorded in the range by each reviewer, per UTC day (days without a decision left out). */
  reviewers: z.array(
    z.object({
      email: z.string(),
      decisions: count,
      /** Days on which the reviewer decided at least once. */
      activeDays: count,
      byDay: z.record(z.string(), count),
    }),
  ),
});
export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;

export const DASHBOARD_EXPORTS = ['cases', 'decisions'] as const;

/** GET /api/admin/exports/:kind?from&to (CSV) — one row per case created / decision recorded in the range (required, ≤ 366 days). */
export const dashboardExportParamsSchema = z.object({ kind: z.enum(DASHBOARD_EXPORTS) });
export const dashboardExportQuerySchema = z.object({
  from: z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO date' }),
  to: z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO date' }),
});
export type DashboardExportQuery = z.infer<typeof dashboardExportQuerySchema>;

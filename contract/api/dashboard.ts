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
      /** Checks that finished with each verdict, or an error. */
      verdicts: z.record(verdictFilterSchema, count),
      decisions: z.record(decisionSchema, count),
    }),
  ),
  vendors: z.array(
    z.object({
      providerId: providerIdSchema,
      checks: count,
      errors: count,
      errorRate: z.number(),
      latencyMsP50: z.number().optional(),
      latencyMsP95: z.number().optional(),
    }),
  ),
  agreement: z.object({
    /** For each pair of vendors that both returned a verdict on the same case. */
    vendorPairs: z.array(z.object({ a: providerIdSchema, b: providerIdSchema, cases: count, agreed: count })),
    /** Vendor verdict vs the reviewer's final decision (approve≈pass, reject≈fail; escalate skipped). */
    vendorVsReviewer: z.array(z.object({ providerId: providerIdSchema, cases: count, agreed: count })),
  }),
});
export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;

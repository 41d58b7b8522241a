/** A reviewer's decision on a case: POST /api/cases/:id/decisions → 201 DecisionView. */
import { z } from 'zod';
import { ALL_DECISION_REASONS, DECISION_REASONS, DECISIONS, type DecisionReason } from './enums.js';

export const decisionSchema = z.enum(DECISIONS);
export type Decision = z.infer<typeof decisionSchema>;

export const decisionReasonSchema = z.enum(ALL_DECISION_REASONS);

const isReasonFor = (decision: Decision, reasonCode: string) =>
  (DECISION_REASONS[decision] as readonly string[]).includes(reasonCode);

/** The body: `note` optional (≤ 2000 chars); `reasonCode` must be one of the reasons for that decision. */
export const decisionRequestSchema = z
  .object({
    decision: decisionSchema,
    reasonCode: z.string(),
    note: z.string().max(2000).optional(),
  })
  .refine((d) => isReasonFor(d.decision, d.reasonCode), {
    message: 'reasonCode is not one of the reasons for this decision',
    path: ['reasonCode'],
  });
/** The refinement guarantees what the type says: `reasonCode` is a DecisionReason. */
export type DecisionRequest = Omit<z.infer<typeof decisionRequestSchema>, 'reasonCode'> & { reasonCode: DecisionReason };

/** A user as decisions, assignments and audit records name them. */
export const userRefSchema = z.object({ id: z.string(), email: z.string() });

export const decisionViewSchema = z
  .object({
    id: z.string(),
    decision: decisionSchema,
    reasonCode: decisionReasonSchema,
    note: z.string().optional(),
    by: userRefSchema,
    at: z.string(),
  })
  .meta({ id: 'DecisionView' });
export type DecisionView = z.infer<typeof decisionViewSchema>;

/**
 * Wire shapes of a DetectAIFakeFaces answer (doc "Output Parameters", examples 1 and 3; spec §5 "Responses").
 * Both arrive with HTTP 200. Unknown fields are kept, unknown Type values stay plain strings.
 */
import { z } from 'zod';

/** Doc: Low / Mid / High. Other values are tolerated here and handled by the mapping. */
export const KNOWN_RISK_LEVELS = ['Low', 'Mid', 'High'] as const;
export type KnownRiskLevel = (typeof KNOWN_RISK_LEVELS)[number];

/** The Type values the SDK model lists (the doc's example uses SuspectedWatermark); others may appear. */
export const KNOWN_RISK_TYPES = [
  'SuspectedSpoofingAttack',
  'SuspectedSynthesisImage',
  'SuspectedSynthesisVideo',
  'SuspectedeAnomalyAttack',
  'SuspectedAdversarialAttack',
  'SuspectedBlackIndustry',
  'SuspectedWatermark',
] as const;

export const attackRiskDetailSchema = z.looseObject({ Type: z.string() });

export const successBodySchema = z.looseObject({
  Response: z.looseObject({
    AttackRiskLevel: z.string(),
    // Doc: only returned for High or Mid, otherwise an empty array; absent or null is read as empty.
    AttackRiskDetailList: z
      .array(attackRiskDetailSchema)
      .nullish()
      .transform((list) => list ?? []),
    ExtraInfo: z.unknown().optional(),
    RequestId: z.string(),
  }),
});

export const errorBodySchema = z.looseObject({
  Response: z.looseObject({
    Error: z.looseObject({
      Code: z.string(),
      Message: z.string().default(''),
    }),
    // Doc: present whenever the request reached the server; optional here so a gateway error still maps.
    RequestId: z.string().optional(),
  }),
});

export type SuccessBody = z.infer<typeof successBodySchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;

export type ParsedBody = { kind: 'success'; body: SuccessBody } | { kind: 'error'; body: ErrorBody } | { kind: 'unexpected' };

/** An `Error` object decides it: Tencent answers errors with the same HTTP 200. */
export function parseResponseBody(json: unknown): ParsedBody {
  const asError = errorBodySchema.safeParse(json);
  if (asError.success) return { kind: 'error', body: asError.data };
  const asSuccess = successBodySchema.safeParse(json);
  if (asSuccess.success) return { kind: 'success', body: asSuccess.data };
  return { kind: 'unexpected' };
}

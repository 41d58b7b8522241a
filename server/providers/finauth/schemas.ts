/**
 * Wire shapes of an anti_deepfake answer (vendor doc "Response Description"; spec §1 "Responses"). Unknown fields are
 * kept. FinAuth uses real HTTP statuses, and some of its errors (413, 504) are not JSON at all: see mapping.ts.
 */
import { z } from 'zod';

/** Doc: "Values are True or False"; JSON gives booleans. (guess) A "true"/"false" string is read the same way. */
const resultSchema = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i)
    .transform((text) => text.toLowerCase() === 'true'),
]);

export const successBodySchema = z.looseObject({
  // Doc: "always returned except when error 404"; optional here so an answer without one still maps.
  request_id: z.string().optional(),
  time_used: z.number().optional(),
  /** Doc: true = deepfake. */
  result: resultSchema,
  /** Doc: [0,1], "A higher score indicates a greater possibility of an attack". */
  score: z.number(),
  /** Doc: [0,1], "The default value is 0.5". */
  threshold: z.number().optional(),
});

export const errorBodySchema = z.looseObject({
  request_id: z.string().optional(),
  time_used: z.number().optional(),
  /** Doc: "CODE" or "CODE:<key or reason>", e.g. `MISSING_ARGUMENTS:image`, `AUTHENTICATION_ERROR:EXPIRED_SIGN`. */
  error: z.string().min(1),
});

export type SuccessBody = z.infer<typeof successBodySchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;

export type ParsedBody = { kind: 'success'; body: SuccessBody } | { kind: 'error'; body: ErrorBody } | { kind: 'unexpected' };

/** Doc: `error` "is returned only when the request fails", so its presence decides. */
export function parseResponseBody(json: unknown): ParsedBody {
  const asError = errorBodySchema.safeParse(json);
  if (asError.success) return { kind: 'error', body: asError.data };
  const asSuccess = successBodySchema.safeParse(json);
  if (asSuccess.success) return { kind: 'success', body: asSuccess.data };
  return { kind: 'unexpected' };
}

/** `AUTHENTICATION_ERROR:EXPIRED_SIGN` → code `AUTHENTICATION_ERROR`, detail `EXPIRED_SIGN`. */
export function splitErrorString(error: string): { code: string; detail?: string } {
  const colon = error.indexOf(':');
  if (colon === -1) return { code: error.trim() };
  const detail = error.slice(colon + 1).trim();
  return { code: error.slice(0, colon).trim(), detail: detail === '' ? undefined : detail };
}

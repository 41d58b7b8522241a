/**
 * Wire shapes of a GLAIR deepfake answer (vendor doc "Deepfake Detection Object" and "Responses"; spec §3).
 * Unknown fields are kept; unknown `status` and `value` strings are left to the mapping.
 */
import { z } from 'zod';

/** Doc: the `status` enum, plus `ERROR` from the doc's 400 example. */
export const DOCUMENTED_STATUSES = ['SUCCESS', 'NO_FILE', 'FILE_INVALID_FORMAT', 'FAILED', 'ERROR'] as const;

/** Doc: `value` is `real` or `fake`. */
export const DOCUMENTED_VALUES = ['real', 'fake'] as const;

export const successBodySchema = z.looseObject({
  status: z.literal('SUCCESS'),
  reason: z.string().optional(),
  read: z.looseObject({
    deepfake: z.looseObject({
      value: z.string(),
      confidence: z.number().finite(),
    }),
  }),
});

/**
 * Every error body seen so far: the doc's 400 example `{"status":"ERROR","reason":…}`. The official Go SDK also
 * reads a `message` when `reason` is missing (gateway-style bodies such as `{"message":"Unauthorized"}`).
 */
export const errorBodySchema = z.looseObject({
  status: z.string().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

export type SuccessBody = z.infer<typeof successBodySchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;

export type ParsedBody =
  { kind: 'success'; body: SuccessBody } | { kind: 'status'; body: ErrorBody & { status: string } } | { kind: 'unexpected' };

/** `status` decides: SUCCESS must carry a readable result; any other status is the vendor refusing. */
export function parseResponseBody(json: unknown): ParsedBody {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'unexpected' };
  const status = (json as { status?: unknown }).status;
  if (status === 'SUCCESS') {
    const success = successBodySchema.safeParse(json);
    return success.success ? { kind: 'success', body: success.data } : { kind: 'unexpected' };
  }
  const error = errorBodySchema.safeParse(json);
  if (error.success && typeof error.data.status === 'string' && error.data.status !== '') {
    return { kind: 'status', body: { ...error.data, status: error.data.status } };
  }
  return { kind: 'unexpected' };
}

/** For non-2xx answers: whatever the body says, if anything (it may be HTML from a proxy). */
export function errorDetails(json: unknown): { status?: string; reason?: string } {
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return {};
  return {
    status: parsed.data.status || undefined,
    reason: parsed.data.reason || parsed.data.message || undefined,
  };
}

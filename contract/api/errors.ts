import { z } from 'zod';

/**
 * Every 4xx/5xx answer of the API. `code` is one of the documented codes (README, "Error codes");
 * `details` carries structured extras where a code has them (e.g. the per-provider problems of
 * `media_out_of_limits`).
 */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

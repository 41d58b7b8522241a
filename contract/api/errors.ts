import { z } from 'zod';

/**
 * Every 4xx/5xx answer of the API. `code` is one of the documented codes (README, "Error codes");
 * `details` carries structured extras where a code has them (e.g. the per-provider problems of
 * `media_out_of_limits`).
 */
export const apiErrorSchema = z
  .object({
    code: z.string().describe('Stable, documented per route'),
    message: z.string().describe('For people: what went wrong and what to send instead'),
    details: z.unknown().optional().describe('Structured extras, where a code has them'),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof apiErrorSchema>;

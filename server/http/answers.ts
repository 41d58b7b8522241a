/**
 * Building blocks for a route's `schema.response`, so every route describes its answers the same
 * way: its success schema from contract/api, then `...errorAnswers({ 404: ['not_found'] })` for the
 * refusals it makes itself, each `{ code, message, details? }` with the codes named. The access
 * guard's 401/403, the rate limit's 429 and 500 `internal_error` are added to every /api/ route by
 * http/openapi.ts; a route lists only its own.
 */
import { z } from 'zod';
import { apiErrorSchema, binarySchema } from '@contract/api';

/** The statuses the API refuses with (README, "Error codes"). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;

const list = (codes: readonly string[]) => codes.map((c) => `\`${c}\``).join(', ');

/** One error answer: `{ code, message, details? }` (the shared `ApiError` component), described by the codes it carries. */
export const errorAnswer = (codes: readonly string[]) => ({
  description: list(codes),
  content: { 'application/json': { schema: apiErrorSchema } },
});
type ErrorAnswer = ReturnType<typeof errorAnswer>;

/** The error answers a route gives itself, by status: `{ 400: ['invalid_query'], 404: ['not_found'] }`. */
export function errorAnswers<C extends Partial<Record<ErrorStatus, readonly string[]>>>(
  codes: C,
): { [S in keyof C]: ErrorAnswer } {
  const answers: Record<string, ErrorAnswer> = {};
  for (const [status, codeList] of Object.entries(codes))
    if (codeList) answers[status] = errorAnswer(codeList as readonly string[]);
  return answers as { [S in keyof C]: ErrorAnswer };
}

/** An answer without a body (204). */
export const noContent = (description: string) => z.undefined().describe(description);

/**
 * A file's bytes (media), in its stored MIME type; Range requests answer 206 with part of them.
 * Described, never serialized: the route sends a file stream.
 */
export const binaryAnswer = (description: string) => ({
  description,
  content: { 'video/*': { schema: binarySchema }, 'image/*': { schema: binarySchema } },
});

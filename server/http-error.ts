import type { z } from 'zod';

/** An error the API answers as `{ code, message }` with its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A zod error as one line, `path: message; …`; issues at the root are named `rootLabel`. */
export function describeIssues(error: z.ZodError, rootLabel = ''): string {
  return error.issues.map((i) => `${i.path.join('.') || rootLabel}: ${i.message}`).join('; ');
}

/** Zod's issues, or a validation error's issues rebuilt from them (http/validation.ts). */
export interface Issues {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}

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
export function describeIssues(error: Issues, rootLabel = ''): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || rootLabel}: ${i.message}`).join('; ');
}

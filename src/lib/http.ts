/**
 * Small JSON-over-HTTP helpers shared by the features. Every failure becomes an `ApiRequestError`
 * carrying the HTTP status (0 for network failures) and the API's `{ code, message }` body.
 */

/** `status` is 0 when the request never got an HTTP answer (offline, DNS, CORS, aborted). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }

  get isUnauthorized(): boolean {
    return this.status === 401;
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

/** Generic text for a status when the body has no usable message. */
export function defaultMessageForStatus(status: number): string {
  if (status === 0) return 'Could not reach the server. Check your connection and try again.';
  if (status === 401) return 'Sign-in required.';
  if (status === 403) return 'You do not have access to this.';
  if (status === 404) return 'Not found.';
  if (status === 413) return 'The file is too large.';
  if (status === 429) return 'Too many requests. Please wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Please try again in a moment.';
  return `Request failed (HTTP ${status}).`;
}

/**
 * Turns an error answer's body text into an ApiRequestError. The API answers `{ code, message }`;
 * anything else (a proxy's HTML page, empty body) falls back to a generic message.
 */
export function errorFromResponseBody(status: number, bodyText: string): ApiRequestError {
  let code = `http_${status}`;
  let message = defaultMessageForStatus(status);
  if (bodyText) {
    try {
      const body: unknown = JSON.parse(bodyText);
      if (body && typeof body === 'object') {
        const b = body as Record<string, unknown>;
        if (typeof b.code === 'string' && b.code) code = b.code;
        if (typeof b.message === 'string' && b.message) message = b.message;
      }
    } catch {
      // not JSON: keep the generic message
    }
  }
  return new ApiRequestError(status, code, message);
}

/** fetch() + JSON parse; throws ApiRequestError for network failures and non-2xx answers. */
export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers, credentials: init.credentials ?? 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'network_error', defaultMessageForStatus(0));
  }
  const text = await response.text();
  if (!response.ok) throw errorFromResponseBody(response.status, text);
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiRequestError(response.status, 'invalid_json', 'The server sent an answer we could not read.');
  }
}

/** TanStack Query retry policy: never retry 4xx (they will not change), retry others twice. */
export function shouldRetryRequest(failureCount: number, error: unknown): boolean {
  if (isApiRequestError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * Small JSON-over-HTTP helpers shared by the features. Every failure becomes an `ApiRequestError`
 * carrying the HTTP status (0 for network failures) and the API's `{ code, message }` body.
 */
import { isAbortError } from './abort';

/** `status` is 0 when the request never got an HTTP answer (offline, DNS, CORS, aborted). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  /** From a 429/503 answer's Retry-After header: how long to wait before trying again. */
  retryAfterS?: number;

  constructor(status: number, code: string, message: string, retryAfterS?: number) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    if (retryAfterS !== undefined) this.retryAfterS = retryAfterS;
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

let csrfToken: string | undefined;
let unauthorizedHandler: ((error: ApiRequestError) => void) | undefined;

/** The session's CSRF token (from login or GET /api/auth/me); sent on every state-changing call. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function getCsrfToken(): string | undefined {
  return csrfToken;
}

/** Called on any 401 answer (the session expired or was revoked); the app sends the user to login. */
export function setUnauthorizedHandler(handler: ((error: ApiRequestError) => void) | undefined): void {
  unauthorizedHandler = handler;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface FetchJsonInit extends RequestInit {
  /** Do not call the 401 handler (the session probe and login itself expect 401s). */
  skipUnauthorizedHandler?: boolean;
}

/** fetch() + JSON parse; throws ApiRequestError for network failures and non-2xx answers. */
export async function fetchJson<T>(url: string, init: FetchJsonInit = {}): Promise<T> {
  const { skipUnauthorizedHandler, ...requestInit } = init;
  const headers = new Headers(requestInit.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  const method = (requestInit.method ?? 'GET').toUpperCase();
  if (!SAFE_METHODS.has(method) && csrfToken && !headers.has('x-csrf-token')) headers.set('x-csrf-token', csrfToken);
  let response: Response;
  try {
    response = await fetch(url, { ...requestInit, headers, credentials: requestInit.credentials ?? 'same-origin' });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiRequestError(0, 'network_error', defaultMessageForStatus(0));
  }
  const text = await response.text();
  if (!response.ok) {
    const error = errorFromResponseBody(response.status, text);
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
    if (retryAfter !== undefined) error.retryAfterS = retryAfter;
    if (error.status === 401 && !skipUnauthorizedHandler) unauthorizedHandler?.(error);
    throw error;
  }
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiRequestError(response.status, 'invalid_json', 'The server sent an answer we could not read.');
  }
}

/** Seconds from a Retry-After-style value (seconds or HTTP date), or undefined. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** TanStack Query retry policy: never retry 4xx (they will not change), retry others twice. */
export function shouldRetryRequest(failureCount: number, error: unknown): boolean {
  if (isApiRequestError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

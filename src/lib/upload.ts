/**
 * multipart/form-data POST with real upload progress. fetch() cannot report request-body
 * progress in browsers today, so this uses XMLHttpRequest (`xhr.upload.onprogress`).
 */
import { ApiRequestError, defaultMessageForStatus, errorFromResponseBody } from './http';

export interface UploadRetryInfo {
  /** The attempt about to start (2 = the first retry). */
  attempt: number;
  maxAttempts: number;
  /** How long until it starts. */
  delayMs: number;
}

export interface UploadOptions {
  /** 0–1 fraction of the request body sent. Resets to 0 when a retry starts. */
  onProgress?: (fraction: number) => void;
  /** Called when a retry is scheduled, before the wait. */
  onRetry?: (info: UploadRetryInfo) => void;
  signal?: AbortSignal;
  /**
   * Automatic retries after a network error (no HTTP answer) or a 5xx / 429 answer; other HTTP
   * errors (the upload itself is wrong) and timeouts are never retried. Default 0.
   */
  retries?: number;
  /** Wait before each retry (the last value repeats); jittered by ±20 %. */
  retryDelaysMs?: readonly number[];
  /** For tests: the wait and the jitter source. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Per-attempt timeout in ms; 0 = none. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

function abortError(): DOMException {
  return new DOMException('Upload cancelled', 'AbortError');
}

function sendOnce<T>(url: string, body: FormData, options: UploadOptions): Promise<T> {
  const { onProgress, signal, timeoutMs = 0, headers = {} } = options;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbortSignal = () => xhr.abort();
    const done = () => signal?.removeEventListener('abort', onAbortSignal);

    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.timeout = timeoutMs;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);

    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      done();
      const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        try {
          resolve((text ? JSON.parse(text) : undefined) as T);
        } catch {
          reject(new ApiRequestError(xhr.status, 'invalid_json', 'The server sent an answer we could not read.'));
        }
        return;
      }
      const error = errorFromResponseBody(xhr.status, text);
      const retryAfterS = parseRetryAfter(xhr.getResponseHeader('Retry-After'));
      if (retryAfterS !== undefined) error.retryAfterS = retryAfterS;
      reject(error);
    };
    xhr.onerror = () => {
      done();
      reject(new ApiRequestError(0, 'network_error', defaultMessageForStatus(0)));
    };
    xhr.ontimeout = () => {
      done();
      reject(new ApiRequestError(0, 'timeout', 'The upload took too long. Check your connection and try again.'));
    };
    xhr.onabort = () => {
      done();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbortSignal);
    xhr.send(body);
  });
}

export const DEFAULT_RETRY_DELAYS_MS = [1000, 3000, 7000] as const;

/**
 * The longest Retry-After worth waiting for with the person watching; a longer one (a busy
 * server, a rate limit) ends the automatic retries and shows the server's message instead.
 */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Retry-After in seconds (delta-seconds form; an HTTP date is treated as absent). */
export function parseRetryAfter(header: string | null): number | undefined {
  if (!header || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/** Answers that sending the same upload again cannot fix (the server's disk is full). */
const PERMANENT_SERVER_CODES = new Set(['storage_full']);

/** A failure worth sending again: no answer at all, or the server (or a proxy) is struggling. */
export function isRetryableUploadError(error: unknown): boolean {
  if (!(error instanceof ApiRequestError)) return false;
  if (error.status === 0) return error.code === 'network_error';
  if (PERMANENT_SERVER_CODES.has(error.code)) return false;
  if (error.retryAfterS !== undefined && error.retryAfterS * 1000 > MAX_RETRY_AFTER_MS) return false;
  return error.status >= 500 || error.status === 429;
}

/** Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * POSTs `body` and resolves with the parsed JSON answer. Rejects with ApiRequestError (status 0
 * for network failures) or an AbortError DOMException when `signal` aborts.
 * `makeBody` is called per attempt so a retry sends a fresh FormData.
 */
export async function postFormWithProgress<T>(url: string, makeBody: () => FormData, options: UploadOptions = {}): Promise<T> {
  const retries = options.retries ?? 0;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendOnce<T>(url, makeBody(), options);
    } catch (error) {
      if (options.signal?.aborted || !isRetryableUploadError(error) || attempt >= retries) throw error;
      const base = delays[Math.min(attempt, delays.length - 1)] ?? 1000;
      // Never sooner than the server asked (429 rate_limited, 503 busy carry Retry-After).
      const asked = error instanceof ApiRequestError && error.retryAfterS !== undefined ? error.retryAfterS * 1000 : 0;
      const delayMs = Math.max(asked, Math.round(base * (0.8 + 0.4 * random())));
      options.onProgress?.(0);
      options.onRetry?.({ attempt: attempt + 2, maxAttempts: retries + 1, delayMs });
      await sleep(delayMs, options.signal);
    }
  }
}

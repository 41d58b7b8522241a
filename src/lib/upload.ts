/**
 * multipart/form-data POST with real upload progress. fetch() cannot report request-body
 * progress in browsers today, so this uses XMLHttpRequest (`xhr.upload.onprogress`).
 */
import { ApiRequestError, defaultMessageForStatus, errorFromResponseBody } from './http';

export interface UploadOptions {
  /** 0–1 fraction of the request body sent. Resets to 0 when a retry starts. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Automatic retries after a network error (no HTTP answer). HTTP errors are never retried. */
  networkRetries?: number;
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
      reject(errorFromResponseBody(xhr.status, text));
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

/**
 * POSTs `body` and resolves with the parsed JSON answer. Rejects with ApiRequestError (status 0
 * for network failures) or an AbortError DOMException when `signal` aborts.
 * `makeBody` is called per attempt so a retry sends a fresh FormData.
 */
export async function postFormWithProgress<T>(
  url: string,
  makeBody: () => FormData,
  options: UploadOptions = {},
): Promise<T> {
  const retries = options.networkRetries ?? 1;
  for (let attempt = 0; ; attempt++) {
    try {
      if (attempt > 0) options.onProgress?.(0);
      return await sendOnce<T>(url, makeBody(), options);
    } catch (error) {
      const retryable = error instanceof ApiRequestError && error.status === 0 && !options.signal?.aborted;
      if (!retryable || attempt >= retries) throw error;
    }
  }
}

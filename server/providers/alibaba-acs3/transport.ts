/**
 * Client side of both Alibaba providers: one deadline around a whole check (which may be several requests), the
 * signed send itself, and the per-check id. Outcomes carry the vendor's body, never our request or keys.
 */
import { createHash } from 'node:crypto';
import type { CheckOutcome } from '../types.js';
import { mapAborted, mapNetworkFailure, mapTimeout, parseRetryAfterMs, type PopAnswer } from './pop-mapping.js';
import type { RpcRequest } from './rpc-request.js';

function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof DOMException && reason.name === 'TimeoutError';
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

export interface Deadline {
  signal: AbortSignal;
  elapsedMs(): number;
}

/**
 * Runs `work` under our own deadline and the caller's signal. Whatever `work` throws (fetch rejects on abort and on
 * network errors) becomes timeout, cancelled or unavailable.
 */
export async function runWithDeadline(
  options: { vendor: string; timeoutMs: number; signal?: AbortSignal },
  work: (deadline: Deadline) => Promise<CheckOutcome>,
): Promise<CheckOutcome> {
  const started = performance.now();
  const elapsedMs = () => Math.round(performance.now() - started);
  const timeoutSignal = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeoutSignal]) : timeoutSignal;
  try {
    return await work({ signal, elapsedMs });
  } catch (error) {
    if (timeoutSignal.aborted) return mapTimeout(options.vendor, elapsedMs(), options.timeoutMs);
    if (options.signal?.aborted) {
      return isTimeoutReason(options.signal.reason)
        ? mapTimeout(options.vendor, elapsedMs(), elapsedMs())
        : mapAborted(options.vendor, elapsedMs());
    }
    return mapNetworkFailure(options.vendor, elapsedMs(), describeNetworkError(error));
  }
}

/** Sends a built request as is: the same body string that was hashed, and no redirect following. */
export async function sendRpc(fetchImpl: typeof fetch, request: RpcRequest, deadline: Deadline): Promise<PopAnswer> {
  // fetch derives Host from the URL (the value we signed) and refuses to take it from us.
  const { host: _host, ...headers } = request.headers;
  const response = await fetchImpl(request.url, {
    method: request.method,
    headers,
    body: request.body,
    signal: deadline.signal,
    // A signed request is never replayed to wherever a redirect points; the 3xx is reported instead.
    redirect: 'manual',
  });
  const bodyText = await response.text();
  return {
    status: response.status,
    bodyText,
    retryAfterMs: parseRetryAfterMs(response.headers.get('x-acs-retry-after')),
    latencyMs: deadline.elapsedMs(),
  };
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * MerchantBizId / OuterOrderNo: "32-character alphanumeric, unique per request" (doc). The check's UUID without its
 * dashes, so every retry of one check carries the same id; any other key is hashed down to 32 hex characters.
 */
export function uniqueIdFromIdempotencyKey(idempotencyKey: string): string {
  if (UUID_PATTERN.test(idempotencyKey)) return idempotencyKey.replaceAll('-', '').toLowerCase();
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 32);
}

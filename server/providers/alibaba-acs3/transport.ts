/**
 * Client side of both Alibaba providers: one deadline around a whole check (which may be several requests), the
 * signed send itself, and the per-check id. Outcomes carry the vendor's body, never our request or keys.
 */
import { createHash } from 'node:crypto';
import { readBoundedText } from '../adapter-kit/read-body.js';
import { runWithDeadline as runWithTransportDeadline, type Deadline } from '../adapter-kit/send.js';
import type { CheckFailure, CheckOutcome } from '../types.js';
import { parseRetryAfterMs, popTransport, type PopAnswer } from './pop-mapping.js';
import type { RpcRequest } from './rpc-request.js';

export type { Deadline } from '../adapter-kit/send.js';

/** ../adapter-kit/send.ts's deadline, with outcomes that name the Alibaba product in their messages. */
export function runWithDeadline(
  options: { vendor: string; timeoutMs: number; signal?: AbortSignal },
  work: (deadline: Deadline) => Promise<CheckOutcome>,
): Promise<CheckOutcome> {
  return runWithTransportDeadline(
    { timeoutMs: options.timeoutMs, signal: options.signal, outcomes: popTransport(options.vendor) },
    work,
  );
}

export type SentRpc = { answer: PopAnswer } | { failure: CheckFailure };

/**
 * Sends a built request as is: the same body string that was hashed, and no redirect following. An answer over
 * ../adapter-kit/read-body.ts's cap is a failure (vendor_protocol) without a PopAnswer.
 */
export async function sendRpc(
  fetchImpl: typeof fetch,
  request: RpcRequest,
  deadline: Deadline,
  vendor: string,
): Promise<SentRpc> {
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
  const body = await readBoundedText(response);
  if (!body.complete)
    return { failure: popTransport(vendor).tooLarge(deadline.elapsedMs(), body, { httpStatus: response.status }) };
  return {
    answer: {
      status: response.status,
      bodyText: body.text,
      retryAfterMs: parseRetryAfterMs(response.headers.get('x-acs-retry-after')),
      latencyMs: deadline.elapsedMs(),
    },
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

/**
 * The Tencent Cloud DetectAIFakeFaces provider: one signed POST per check, answer mapped onto CheckOutcome.
 * Credentials live only in this closure; outcomes carry the vendor's body, never our request or keys.
 */
import { readBoundedText } from '../adapter-kit/read-body.js';
import { errorMessage, runWithDeadline, startLatencyClock } from '../adapter-kit/send.js';
import type { CheckContext, CheckOutcome, MediaInput, Provider } from '../types.js';
import { TENCENT_MEDIA_LIMITS } from './limits.js';
import { mapHttpResponse, TENCENT_TRANSPORT } from './mapping.js';
import { buildDetectRequest, type DetectRequest } from './request.js';

export { TENCENT_DEFAULT_ENDPOINT } from './request.js';

export const TENCENT_DISPLAY_NAME = 'Tencent Cloud DetectAIFakeFaces';

/** (guess) Video analysis takes seconds; the SDK waits 60 s, a person at a camera should not. */
export const DEFAULT_TENCENT_TIMEOUT_MS = 30_000;

export interface TencentProviderOptions {
  /** The API URL, e.g. TENCENT_DEFAULT_ENDPOINT, or a function read on every check (a simulator's late-bound port). */
  endpoint: string | (() => string);
  secretId: string;
  secretKey: string;
  /** Sent as X-TC-Region when set; the doc says it is not required. */
  region?: string;
  mode: 'live' | 'simulated';
  now?: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createTencentProvider(options: TencentProviderOptions): Provider {
  const { secretId, secretKey, region } = options;
  const now = options.now ?? (() => new Date());
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TENCENT_TIMEOUT_MS;
  const { endpoint } = options;
  const endpointNow = typeof endpoint === 'function' ? endpoint : () => endpoint;

  async function check(media: MediaInput, ctx: CheckContext): Promise<CheckOutcome> {
    const elapsedMs = startLatencyClock();

    // Built fresh on every call: a retry must carry a new timestamp and signature.
    let request: DetectRequest;
    try {
      request = buildDetectRequest({
        endpoint: endpointNow(),
        credentials: { secretId, secretKey },
        region,
        media: { kind: media.kind, bytes: media.bytes },
        now,
      });
    } catch (error) {
      // A misconfigured endpoint; the message names the URL problem, never the credentials.
      return TENCENT_TRANSPORT.invalidRequest(elapsedMs(), errorMessage(error));
    }
    // fetch derives Host from the URL (the same value we signed) and refuses to take it from us.
    const { Host: _host, ...headers } = request.headers;

    return runWithDeadline({ timeoutMs, signal: ctx.signal, outcomes: TENCENT_TRANSPORT, elapsedMs }, async ({ signal }) => {
      const response = await fetchImpl(request.url, {
        method: request.method,
        headers,
        body: request.body,
        signal,
        // A signed body is never replayed to wherever a redirect points; the 3xx is reported instead.
        redirect: 'manual',
      });
      const body = await readBoundedText(response);
      if (!body.complete) return TENCENT_TRANSPORT.tooLarge(elapsedMs(), body, { httpStatus: response.status });
      return mapHttpResponse({ status: response.status, bodyText: body.text, latencyMs: elapsedMs() });
    });
  }

  return {
    id: 'tencent',
    displayName: TENCENT_DISPLAY_NAME,
    mode: options.mode,
    limits: TENCENT_MEDIA_LIMITS,
    check,
  };
}

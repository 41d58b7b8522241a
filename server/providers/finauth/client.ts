/**
 * The FinAuth StarScope anti_deepfake provider: one freshly signed multipart POST per check, answer mapped onto
 * CheckOutcome. Credentials live only in this closure; outcomes carry the vendor's body, never our request or keys.
 */
import { readBoundedText } from '../adapter-kit/read-body.js';
import { errorMessage, runWithDeadline, startLatencyClock } from '../adapter-kit/send.js';
import type { CheckContext, CheckOutcome, MediaInput, Provider } from '../types.js';
import { FINAUTH_MEDIA_LIMITS } from './limits.js';
import { FINAUTH_TRANSPORT, mapHttpResponse } from './mapping.js';
import { buildAntiDeepfakeRequest, type AntiDeepfakeRequest } from './request.js';
import { randomDigits } from './signer.js';

export { FINAUTH_DEFAULT_ENDPOINT, FINAUTH_INDONESIA_ENDPOINT } from './request.js';

export const FINAUTH_DISPLAY_NAME = 'FinAuth StarScope';

/** (guess) Video analysis takes seconds; a person at a camera should not wait longer than this. */
export const DEFAULT_FINAUTH_TIMEOUT_MS = { video: 30_000, image: 15_000 } as const;

export interface FinauthProviderOptions {
  mode: 'live' | 'simulated';
  /**
   * The base URL, e.g. FINAUTH_DEFAULT_ENDPOINT or `http://127.0.0.1:PORT/sim/finauth` (a path prefix is kept and
   * `/finauth/v5/anti_deepfake` appended), or a function read on every check (a simulator's late-bound port).
   */
  endpoint: string | (() => string);
  apiKey: string;
  apiSecret: string;
  now?: () => Date;
  /** The sign's `d` (up to 10 decimal digits); 10 random digits by default. */
  random?: () => string;
  fetch?: typeof fetch;
  /** One deadline for both kinds; otherwise DEFAULT_FINAUTH_TIMEOUT_MS per kind. */
  timeoutMs?: number;
}

/**
 * FinAuth has no request-id parameter, so nothing derived from ctx.idempotencyKey can be sent. What identifies one
 * attempt in the vendor's logs is the sign's `d` (10 random digits) and `c` (its Unix time); the api key `a` stays
 * out. Each retry is signed anew, so each attempt has its own pair.
 */
function sentIdsOf(request: AntiDeepfakeRequest): Record<string, string> {
  return { random: request.signFields.random, current_time: String(request.signFields.currentTime) };
}

export function createFinauthProvider(options: FinauthProviderOptions): Provider {
  const { apiKey, apiSecret } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? randomDigits;
  const fetchImpl = options.fetch ?? fetch;
  const { endpoint } = options;
  const endpointNow = typeof endpoint === 'function' ? endpoint : () => endpoint;

  async function check(media: MediaInput, ctx: CheckContext): Promise<CheckOutcome> {
    const elapsedMs = startLatencyClock();
    const timeoutMs = options.timeoutMs ?? DEFAULT_FINAUTH_TIMEOUT_MS[media.kind];

    // Built fresh on every call: a retry must carry a new sign (time and random).
    let request: AntiDeepfakeRequest;
    try {
      request = buildAntiDeepfakeRequest({
        endpoint: endpointNow(),
        credentials: { apiKey, apiSecret },
        media: { kind: media.kind, bytes: media.bytes, container: media.container, mime: media.mime },
        now,
        random,
      });
    } catch (error) {
      // A misconfigured endpoint or key; the messages name the problem, never the credential values.
      return FINAUTH_TRANSPORT.invalidRequest(elapsedMs(), errorMessage(error));
    }
    const sentIds = sentIdsOf(request);

    const outcome = await runWithDeadline(
      { timeoutMs, signal: ctx.signal, outcomes: FINAUTH_TRANSPORT, elapsedMs },
      async ({ signal }) => {
        const response = await fetchImpl(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal,
          // The doc says nothing of redirects: a signed request is never replayed to wherever a 3xx points.
          redirect: 'manual',
        });
        const body = await readBoundedText(response);
        if (!body.complete) return FINAUTH_TRANSPORT.tooLarge(elapsedMs(), body, { httpStatus: response.status });
        return mapHttpResponse({
          status: response.status,
          bodyText: body.text,
          retryAfter: response.headers.get('retry-after'),
          latencyMs: elapsedMs(),
        });
      },
    );
    return { ...outcome, sentIds };
  }

  return {
    id: 'finauth',
    displayName: FINAUTH_DISPLAY_NAME,
    mode: options.mode,
    limits: FINAUTH_MEDIA_LIMITS,
    check,
  };
}

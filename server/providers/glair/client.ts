/**
 * The GLAIR Vision deepfake provider: one authenticated POST per check (video as multipart, a still as a
 * one-frame list), answer mapped onto CheckOutcome. Credentials live only in this closure; outcomes carry the
 * vendor's body, never our request or keys.
 *
 * GLAIR has no idempotency or client reference field, so `sentIds` stays unset: a retry cannot be matched to
 * its first attempt on GLAIR's side, only by the `Request-Id` GLAIR answers with.
 */
import { readBoundedText } from '../adapter-kit/read-body.js';
import { errorMessage, runWithDeadline, startLatencyClock } from '../adapter-kit/send.js';
import type { CheckContext, CheckOutcome, MediaInput, Provider } from '../types.js';
import { GLAIR_MEDIA_LIMITS } from './limits.js';
import { GLAIR_TRANSPORT, mapHttpResponse, mapRefusedRedirect } from './mapping.js';
import { buildDeepfakeRequest, type DeepfakeRequest } from './request.js';

export { GLAIR_DEFAULT_ENDPOINT } from './request.js';

export const GLAIR_DISPLAY_NAME = 'GLAIR Vision';

/** (guess) Uploading up to 6 MB and analysing a clip takes seconds; a person at a camera should not wait a minute. */
export const DEFAULT_GLAIR_TIMEOUT_MS = 30_000;

/** (guess) curl's -L follows up to 50; one or two (http→https, a trailing slash) is all a real API needs. */
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface GlairProviderOptions {
  /** The API base URL, e.g. GLAIR_DEFAULT_ENDPOINT, or a function read on every check (a simulator's late-bound port). */
  endpoint: string | (() => string);
  username: string;
  password: string;
  apiKey: string;
  mode: 'live' | 'simulated';
  /** Used for Retry-After dates. */
  now?: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

type Sent = { response: Response } | { refused: 'cross_origin' | 'too_many'; response: Response };

/**
 * The doc's curl uses `-L`, so redirects are followed, but only within the endpoint's own origin and with the
 * same method and body (as `curl -X POST -L` does). Nothing is signed, so the headers are replayable
 * credentials: fetch's own `follow` would carry x-api-key to any host a redirect names, and turn a 301/302
 * POST into a body-less GET.
 */
async function sendFollowingSameOrigin(fetchImpl: typeof fetch, request: DeepfakeRequest, signal: AbortSignal): Promise<Sent> {
  const origin = new URL(request.url).origin;
  let url = request.url;
  for (let hop = 0; ; hop++) {
    const response = await fetchImpl(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'manual',
    });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return { response };
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) return { refused: 'too_many', response };
    const target = new URL(location, url);
    if (target.origin !== origin) return { refused: 'cross_origin', response };
    url = target.href;
  }
}

export function createGlairProvider(options: GlairProviderOptions): Provider {
  const credentials = { username: options.username, password: options.password, apiKey: options.apiKey };
  const now = options.now ?? (() => new Date());
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_GLAIR_TIMEOUT_MS;
  const { endpoint } = options;
  const endpointNow = typeof endpoint === 'function' ? endpoint : () => endpoint;

  async function check(media: MediaInput, ctx: CheckContext): Promise<CheckOutcome> {
    const elapsedMs = startLatencyClock();

    // Built fresh on every call (a new multipart boundary); there is nothing to re-sign.
    let request: DeepfakeRequest;
    try {
      request = buildDeepfakeRequest({ endpoint: endpointNow(), credentials, media: { kind: media.kind, bytes: media.bytes } });
    } catch (error) {
      // The builders' messages name the problem (endpoint or credential format), never a value.
      return GLAIR_TRANSPORT.invalidRequest(elapsedMs(), errorMessage(error));
    }

    return runWithDeadline({ timeoutMs, signal: ctx.signal, outcomes: GLAIR_TRANSPORT, elapsedMs }, async ({ signal }) => {
      const sent = await sendFollowingSameOrigin(fetchImpl, request, signal);
      const requestId = sent.response.headers.get('request-id') ?? undefined;
      if ('refused' in sent) return mapRefusedRedirect(elapsedMs(), sent.refused, sent.response.status, requestId);
      const body = await readBoundedText(sent.response);
      if (!body.complete) {
        return GLAIR_TRANSPORT.tooLarge(elapsedMs(), body, { httpStatus: sent.response.status, vendorRequestId: requestId });
      }
      return mapHttpResponse({
        status: sent.response.status,
        bodyText: body.text,
        requestId,
        retryAfter: sent.response.headers.get('retry-after') ?? undefined,
        latencyMs: elapsedMs(),
        now: now(),
      });
    });
  }

  return {
    id: 'glair',
    displayName: GLAIR_DISPLAY_NAME,
    mode: options.mode,
    limits: GLAIR_MEDIA_LIMITS,
    check,
  };
}

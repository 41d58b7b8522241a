/**
 * What the Alibaba POP gateway checks before an API sees a request, in this order: action and version, the ACS3
 * Authorization, the AccessKeyId, x-acs-date within 15 minutes, the nonce, the signature over the bytes received,
 * nonce replay, then the per-API rate limit. Each refusal is the gateway's own error code (see pop-error.ts).
 */
import { parseAcs3Authorization, parseAcsDate, verifyAcs3Request } from '../signer.js';

/** Public (V3 signature doc): x-acs-date may differ from server time by at most 15 minutes. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;
/** (guess) Enough nonces for any demo; the oldest are forgotten first beyond this. */
const MAX_REMEMBERED_NONCES = 100_000;

export interface IncomingRpcRequest {
  method: string;
  /** Path as requested (e.g. `/sim/alibaba-cn/`) and the raw query without `?`. */
  path: string;
  rawQuery: string;
  /** Lowercase header names, as Node delivers them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
}

export interface GateRejection {
  code: string;
  detail?: string;
  retryAfterMs?: number;
}

export interface Acs3GateOptions {
  accessKeyId: string;
  accessKeySecret: string;
  now: () => Date;
  /** Requests per second per action; undefined or Infinity = no limit. */
  maxRequestsPerSecond?: number;
  /** Monotonic milliseconds for the rate window; tests pin `now` and must not freeze throttling with it. */
  monotonicMs?: () => number;
}

export interface Acs3Gate {
  /** Undefined when the request may go on to the API; `versions` maps each known action to its version. */
  check(request: IncomingRpcRequest, versions: Readonly<Record<string, string>>): GateRejection | undefined;
}

function header(request: IncomingRpcRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const reject = (code: string, detail?: string): GateRejection => ({ code, detail });

export function createAcs3Gate(options: Acs3GateOptions): Acs3Gate {
  const nonces = new Map<string, number>();
  const recentCalls = new Map<string, number[]>();
  const monotonicMs = options.monotonicMs ?? (() => performance.now());

  function forgetExpiredNonces(nowMs: number) {
    for (const [nonce, expiresAt] of nonces) {
      if (expiresAt > nowMs && nonces.size <= MAX_REMEMBERED_NONCES) break;
      nonces.delete(nonce);
    }
  }

  /** A sliding one-second window per action, counting only requests that passed authentication. */
  function throttle(action: string): GateRejection | undefined {
    const limit = options.maxRequestsPerSecond;
    if (limit === undefined || !Number.isFinite(limit)) return undefined;
    const nowMs = monotonicMs();
    const calls = (recentCalls.get(action) ?? []).filter((at) => nowMs - at < 1000);
    if (calls.length >= limit) {
      recentCalls.set(action, calls);
      const retryAfterMs = Math.max(1, Math.ceil(1000 - (nowMs - (calls[0] ?? nowMs))));
      return { code: 'Throttling.Api', detail: `more than ${limit} calls per second to ${action}`, retryAfterMs };
    }
    calls.push(nowMs);
    recentCalls.set(action, calls);
    return undefined;
  }

  return {
    check(request, versions) {
      // (guess) the gateway's codes for a missing or unknown action or version.
      const action = header(request, 'x-acs-action');
      if (!action) return reject('MissingParameter', 'x-acs-action');
      const version = versions[action];
      if (version === undefined) return reject('InvalidAction.NotFound', action);
      const sentVersion = header(request, 'x-acs-version');
      if (!sentVersion) return reject('MissingParameter', 'x-acs-version');
      if (sentVersion !== version) return reject('InvalidVersion', sentVersion);

      const authorization = header(request, 'authorization');
      const parsed = parseAcs3Authorization(authorization);
      if (!parsed) return reject('IncompleteSignature', 'Authorization');
      if (parsed.accessKeyId !== options.accessKeyId) return reject('InvalidAccessKeyId.NotFound');

      const dateText = header(request, 'x-acs-date');
      if (!dateText) return reject('MissingParameter', 'x-acs-date');
      const date = parseAcsDate(dateText);
      if (!date) return reject('InvalidTimeStamp.Format', dateText);
      const nowMs = options.now().getTime();
      if (Math.abs(nowMs - date.getTime()) > MAX_CLOCK_SKEW_MS) return reject('InvalidTimeStamp.Expired', dateText);
      const nonce = header(request, 'x-acs-signature-nonce');
      if (!nonce) return reject('MissingParameter', 'x-acs-signature-nonce');
      // (guess) V3 requires the payload hash header; POP's code for its absence is not public.
      if (!header(request, 'x-acs-content-sha256')) return reject('MissingParameter', 'x-acs-content-sha256');

      const verified = verifyAcs3Request({
        authorization,
        secretFor: (id) => (id === options.accessKeyId ? options.accessKeySecret : undefined),
        method: request.method,
        canonicalUri: request.path,
        rawQuery: request.rawQuery,
        headers: request.headers,
        body: request.body,
      });
      if (!verified.ok) {
        if (verified.reason === 'malformed' || verified.reason === 'unsigned_header') {
          return reject('IncompleteSignature', verified.header ? `${verified.header} is not signed` : undefined);
        }
        if (verified.reason === 'unknown_access_key') return reject('InvalidAccessKeyId.NotFound');
        // (guess) a body that does not match x-acs-content-sha256 is reported like any other mismatch.
        return reject('SignatureDoesNotMatch');
      }

      // Only an authentic request uses up its nonce, so nobody can burn another client's nonces.
      forgetExpiredNonces(nowMs);
      const nonceKey = `${parsed.accessKeyId}\n${nonce}`;
      if (nonces.has(nonceKey)) return reject('SignatureNonceUsed');
      nonces.set(nonceKey, Math.max(nowMs, date.getTime()) + MAX_CLOCK_SKEW_MS);

      return throttle(action);
    },
  };
}

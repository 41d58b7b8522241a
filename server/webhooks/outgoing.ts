/**
 * Outgoing webhook requests, guarded against SSRF. A URL must be https (http too only when private
 * targets are allowed); its host is resolved once, inside the connection (undici's `connect.lookup`),
 * every address is checked (address-policy.ts) and the socket connects to exactly the checked
 * address — there is no second lookup an attacker's DNS could answer differently (rebinding).
 * Redirects are never followed: a 3xx is a failed attempt.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { forbiddenAddressReason } from './address-policy.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Hostname → its addresses (tests inject one; default: the system resolver). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A URL or address a webhook must not go to; the message says why (no secrets in it). */
export class WebhookTargetError extends Error {
  override name = 'WebhookTargetError';
}

/** The IP literal in a URL host (`[::1]` → `::1`), or undefined for a name. */
function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : undefined;
}

/**
 * Syntax and scheme, and (unless private targets are allowed) no literal private address or
 * localhost name. Names are checked again on their resolved addresses at every attempt.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('The webhook URL is not a valid absolute URL.');
  }
  const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    throw new WebhookTargetError(`The webhook URL must use ${allowPrivate ? 'https or http' : 'https'}.`);
  }
  if (url.username || url.password) throw new WebhookTargetError('The webhook URL must not contain credentials.');
  if (!allowPrivate) {
    const literal = literalAddress(url.hostname);
    const why = literal ? forbiddenAddressReason(literal) : undefined;
    if (why) throw new WebhookTargetError(`The webhook URL points to a ${why} address.`);
    if (/(^|\.)localhost\.?$/i.test(url.hostname)) throw new WebhookTargetError('The webhook URL points to localhost.');
  }
  return url;
}

/** Why an address is refused (undefined: allowed). */
export type AddressPolicy = (ip: string) => string | undefined;

/** net.connect's lookup: resolve once, refuse if any address is forbidden, hand back only checked ones. */
export function guardedLookup(resolve: Resolver, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((found) => {
        const wanted = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        if (wanted.length === 0) throw new WebhookTargetError(`${hostname} has no address.`);
        for (const a of wanted) {
          const why = policy(a.address);
          if (why) throw new WebhookTargetError(`${hostname} resolves to a ${why} address (${a.address}).`);
        }
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, '', 0));
  };
}

export interface AttemptResult {
  delivered: boolean;
  /** The HTTP status, when an answer came. */
  status?: number;
  latencyMs: number;
  /** A short reason for a failed attempt (never a header value). */
  error?: string;
}

export interface WebhookSenderOptions {
  allowPrivate: boolean;
  resolve?: Resolver;
  /** Default: forbiddenAddressReason, or nothing refused when allowPrivate (tests swap in their own). */
  addressPolicy?: AddressPolicy;
  /** The whole attempt, connect to last response byte (default 10 s). */
  timeoutMs?: number;
}

export interface WebhookSender {
  post(url: string, headers: Record<string, string>, body: string): Promise<AttemptResult>;
  close(): Promise<void>;
}

const MAX_ERROR_LENGTH = 200;

function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: unknown };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  if (err instanceof WebhookTargetError) return e.message ?? 'refused address';
  if (e.cause) return describeFailure(e.cause, timeoutMs);
  return [e.code, e.message].filter(Boolean).join(': ').slice(0, MAX_ERROR_LENGTH) || 'request failed';
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const policy = options.addressPolicy ?? (options.allowPrivate ? () => undefined : forbiddenAddressReason);
  const agent = new Agent({
    connect: { lookup: guardedLookup(options.resolve ?? systemResolver, policy), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // One delivery at a time per connection; receivers are often slow serverless functions.
    pipelining: 1,
  });
  return {
    async post(url, headers, body) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      try {
        checkWebhookUrl(url, options.allowPrivate);
        const res = await request(url, {
          dispatcher: agent,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'selfie-screen-webhooks/1' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        // The answer's body is not used; read at most a little of it so the connection can be reused.
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        const status = res.statusCode;
        if (status >= 200 && status < 300) return { delivered: true, status, latencyMs: elapsed() };
        const error = status >= 300 && status < 400 ? `redirect not followed (HTTP ${status})` : `HTTP ${status}`;
        return { delivered: false, status, latencyMs: elapsed(), error };
      } catch (err) {
        return { delivered: false, latencyMs: elapsed(), error: describeFailure(err, timeoutMs) };
      }
    },
    close: () => agent.close(),
  };
}

/**
 * Tencent Cloud API 3.0 signature "TC3-HMAC-SHA256" (spec §5; sdk: tencentcloud-sdk-nodejs-common `Sign.sign3`).
 * Pure functions: the caller supplies the timestamp, so tests and retries control the clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { buildCanonicalRequest, sha256Hex } from '../adapter-kit/canonical-request.js';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
/** Fixed, never derived from the endpoint host: endpoints may be regional hosts, proxies or our simulator. */
export const TENCENT_FACEID_SERVICE = 'faceid';
/** What we sign. The SDK signs exactly these two; the public doc requires at least these two. */
export const TC3_SIGNED_HEADERS = 'content-type;host';

export interface Tc3SignInput {
  secretId: string;
  secretKey: string;
  service: string;
  /** The Host header actually sent: URL.host (hostname, plus the port when it is not the default). */
  host: string;
  /** The URL path actually requested: `/` for the real vendor, e.g. `/sim/tencent/` for our simulator. */
  canonicalUri: string;
  /** The URL query without `?`; empty for the POST we send. */
  canonicalQuery?: string;
  contentType: string;
  /** The exact body bytes sent (a string is hashed as UTF-8). */
  payload: string | Uint8Array;
  /** Unix seconds, the value of X-TC-Timestamp. */
  timestamp: number;
}

export interface Tc3Signature {
  authorization: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  credentialScope: string;
}

function hmacSha256(key: string | Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** UTC calendar date (YYYY-MM-DD) of a Unix-seconds timestamp; it enters the credential scope. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function tc3CredentialScope(timestamp: number, service: string): string {
  return `${tc3Date(timestamp)}/${service}/tc3_request`;
}

/** Public doc: header names and values are lowercased and trimmed, one `name:value\n` per signed header. */
export function canonicalHeaderLine(name: string, value: string): string {
  return `${name.trim().toLowerCase()}:${value.trim().toLowerCase()}\n`;
}

export function tc3SignatureHex(secretKey: string, timestamp: number, service: string, stringToSign: string): string {
  const kDate = hmacSha256(`TC3${secretKey}`, tc3Date(timestamp));
  const kService = hmacSha256(kDate, service);
  const kSigning = hmacSha256(kService, 'tc3_request');
  return createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
}

export function buildStringToSign(timestamp: number, credentialScope: string, canonicalRequest: string): string {
  return [TC3_ALGORITHM, String(timestamp), credentialScope, sha256Hex(canonicalRequest)].join('\n');
}

export function signTc3(input: Tc3SignInput): Tc3Signature {
  if (!Number.isInteger(input.timestamp) || input.timestamp < 0) {
    throw new RangeError('TC3 timestamp must be a non-negative integer of Unix seconds');
  }
  const canonicalRequest = buildCanonicalRequest({
    method: 'POST',
    canonicalUri: input.canonicalUri,
    canonicalQuery: input.canonicalQuery ?? '',
    canonicalHeaders: canonicalHeaderLine('content-type', input.contentType) + canonicalHeaderLine('host', input.host),
    signedHeaders: TC3_SIGNED_HEADERS,
    payloadHash: sha256Hex(input.payload),
  });
  const credentialScope = tc3CredentialScope(input.timestamp, input.service);
  const stringToSign = buildStringToSign(input.timestamp, credentialScope, canonicalRequest);
  const signature = tc3SignatureHex(input.secretKey, input.timestamp, input.service, stringToSign);
  // The ", " separators (comma AND space) are what the SDK sends.
  const authorization =
    `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, ` +
    `SignedHeaders=${TC3_SIGNED_HEADERS}, Signature=${signature}`;
  return { authorization, canonicalRequest, stringToSign, signature, credentialScope };
}

export interface ParsedTc3Authorization {
  secretId: string;
  /** YYYY-MM-DD from the credential scope. */
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION_PATTERN =
  /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/,\s]+)\/tc3_request, ?SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), ?Signature=([0-9a-f]{64})$/;

/** Returns undefined for anything that is not a well-formed TC3 Authorization header. */
export function parseTc3Authorization(header: string | undefined): ParsedTc3Authorization | undefined {
  if (header === undefined) return undefined;
  const match = AUTHORIZATION_PATTERN.exec(header.trim());
  if (!match) return undefined;
  const [, secretId, date, service, signedHeaders, signature] = match;
  if (!secretId || !date || !service || !signedHeaders || !signature) return undefined;
  return { secretId, date, service, signedHeaders: signedHeaders.split(';'), signature };
}

export interface Tc3VerifyInput {
  authorization: string | undefined;
  /** Looks up the secret for a SecretId; undefined when the id is unknown. */
  secretKeyFor: (secretId: string) => string | undefined;
  expectedService: string;
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  /** Request headers by lowercase name, as received. */
  headers: Record<string, string | string[] | undefined>;
  payload: Uint8Array;
  timestamp: number;
}

export type Tc3VerifyResult =
  | { ok: true; secretId: string }
  | {
      ok: false;
      reason: 'malformed' | 'missing_required_header' | 'unknown_secret_id' | 'scope_mismatch' | 'signature_mismatch';
      secretId?: string;
    };

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** Server side: recompute the signature over whatever headers the client chose to sign, compare in constant time. */
export function verifyTc3Request(input: Tc3VerifyInput): Tc3VerifyResult {
  const parsed = parseTc3Authorization(input.authorization);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const { secretId, signedHeaders } = parsed;
  if (!signedHeaders.includes('content-type') || !signedHeaders.includes('host')) {
    return { ok: false, reason: 'missing_required_header', secretId };
  }
  const secretKey = input.secretKeyFor(secretId);
  if (secretKey === undefined) return { ok: false, reason: 'unknown_secret_id', secretId };
  if (parsed.service !== input.expectedService || parsed.date !== tc3Date(input.timestamp)) {
    return { ok: false, reason: 'scope_mismatch', secretId };
  }

  // Public doc: both the canonical headers and the SignedHeaders list are in ascending name order.
  const sortedNames = [...signedHeaders].sort();
  let canonicalHeaders = '';
  for (const name of sortedNames) {
    const value = singleHeader(input.headers[name]);
    if (value === undefined) return { ok: false, reason: 'signature_mismatch', secretId };
    canonicalHeaders += canonicalHeaderLine(name, value);
  }
  const canonicalRequest = buildCanonicalRequest({
    method: input.method,
    canonicalUri: input.canonicalUri,
    canonicalQuery: input.canonicalQuery,
    canonicalHeaders,
    signedHeaders: sortedNames.join(';'),
    payloadHash: sha256Hex(input.payload),
  });
  const scope = tc3CredentialScope(input.timestamp, parsed.service);
  const expected = tc3SignatureHex(
    secretKey,
    input.timestamp,
    parsed.service,
    buildStringToSign(input.timestamp, scope, canonicalRequest),
  );
  const given = Buffer.from(parsed.signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  const same = given.length === wanted.length && timingSafeEqual(given, wanted);
  return same ? { ok: true, secretId } : { ok: false, reason: 'signature_mismatch', secretId };
}

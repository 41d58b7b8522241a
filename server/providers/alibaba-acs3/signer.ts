/**
 * Alibaba Cloud "ACS3-HMAC-SHA256" (V3) request signature, spec §2 steps 1–10 (sdk: `@alicloud/openapi-core@1.0.8`
 * `Utils.getAuthorization`; public: "V3 request structure and signature"). Pure functions: the caller supplies the
 * date and nonce headers, so tests and retries control both.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { buildCanonicalRequest, sha256Hex } from '../adapter-kit/canonical-request.js';
import { decodeWirePairs, percentEncodeRfc3986, type Pairs } from './encoding.js';

export { sha256Hex };

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';
/** SHA-256 of the empty body: what a GET (or an empty form) carries in x-acs-content-sha256. */
export const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** `x-acs-date`: UTC `YYYY-MM-DDTHH:mm:ssZ`, seconds precision (spec §2 step 3). */
export function formatAcsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ACS_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** Undefined unless the text is exactly the x-acs-date format and a real instant. */
export function parseAcsDate(text: string): Date | undefined {
  if (!ACS_DATE_PATTERN.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) || formatAcsDate(date) !== text ? undefined : date;
}

/** Step 5: sort by name, RFC 3986-encode the decoded values, join with `&`. The empty query gives ''. */
export function canonicalQueryString(pairs: Pairs): string {
  return pairs
    .map(([name, value]) => [percentEncodeRfc3986(name), percentEncodeRfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Step 6: the headers that are signed are `host`, `content-type` and every `x-acs-*` one. */
export function isSignedHeaderName(lowercaseName: string): boolean {
  return lowercaseName === 'host' || lowercaseName === 'content-type' || lowercaseName.startsWith('x-acs-');
}

/**
 * Step 6: lowercase names, trimmed values, sorted by name, one `name:value\n` line each. Two headers whose names
 * differ only in case are joined with `,` after sorting their values, as the SDK does.
 */
export function canonicalHeaders(headers: Readonly<Record<string, string>>): { canonical: string; signedHeaders: string } {
  const byName = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!isSignedHeaderName(lower)) continue;
    byName.set(lower, [...(byName.get(lower) ?? []), value.trim()]);
  }
  const names = [...byName.keys()].sort();
  const canonical = names.map((name) => `${name}:${(byName.get(name) ?? []).sort().join(',')}\n`).join('');
  return { canonical, signedHeaders: names.join(';') };
}

/** Step 8. */
export function buildStringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** Step 9: HMAC-SHA256 keyed with the AccessKeySecret itself (no derived key, unlike TC3 or SigV4). */
export function acs3SignatureHex(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

export interface Acs3SignInput {
  accessKeyId: string;
  accessKeySecret: string;
  method: string;
  /** The URL path actually requested: `/` for the vendor, e.g. `/sim/alibaba-intl/api/` for our simulator. */
  canonicalUri: string;
  /** Decoded query parameters (the values before wire encoding). */
  query: Pairs;
  /** Every header that will be sent, Host included; the signed ones are picked out here. */
  headers: Readonly<Record<string, string>>;
  /** Lowercase hex SHA-256 of the exact body bytes (the x-acs-content-sha256 value). */
  payloadHash: string;
}

export interface Acs3Signature {
  authorization: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
}

export function signAcs3(input: Acs3SignInput): Acs3Signature {
  const { canonical, signedHeaders } = canonicalHeaders(input.headers);
  const canonicalRequest = buildCanonicalRequest({
    method: input.method,
    canonicalUri: input.canonicalUri,
    canonicalQuery: canonicalQueryString(input.query),
    canonicalHeaders: canonical,
    signedHeaders,
    payloadHash: input.payloadHash,
  });
  const stringToSign = buildStringToSign(canonicalRequest);
  const signature = acs3SignatureHex(input.accessKeySecret, stringToSign);
  // Step 10: no space after the commas (sdk).
  const authorization = `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { authorization, canonicalRequest, stringToSign, signature, signedHeaders };
}

export interface ParsedAcs3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION_PATTERN =
  /^ACS3-HMAC-SHA256 Credential=([^,\s]+), ?SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), ?Signature=([0-9a-f]{64})$/;

/** Undefined for anything that is not a well-formed ACS3-HMAC-SHA256 Authorization header. */
export function parseAcs3Authorization(header: string | undefined): ParsedAcs3Authorization | undefined {
  if (header === undefined) return undefined;
  const match = AUTHORIZATION_PATTERN.exec(header.trim());
  if (!match) return undefined;
  const [, accessKeyId, signedHeaders, signature] = match;
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

export interface Acs3VerifyInput {
  authorization: string | undefined;
  /** The secret for an AccessKeyId, or undefined when the id is unknown. */
  secretFor: (accessKeyId: string) => string | undefined;
  method: string;
  /** Path as requested, and the raw query without `?`. */
  canonicalUri: string;
  rawQuery: string;
  /** Request headers by lowercase name, as Node delivers them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
}

export type Acs3VerifyResult =
  | { ok: true; accessKeyId: string }
  | {
      ok: false;
      reason: 'malformed' | 'unsigned_header' | 'unknown_access_key' | 'content_hash_mismatch' | 'signature_mismatch';
      accessKeyId?: string;
      /** The header that should have been signed, for `unsigned_header`. */
      header?: string;
    };

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Server side: recompute the signature over the headers the client listed and the body actually received, then
 * compare in constant time. (guess) Like the gateway, every `x-acs-*` header received and `host` must be signed,
 * and `content-type` whenever it is sent, so no header that changes the meaning of the call can be swapped.
 */
export function verifyAcs3Request(input: Acs3VerifyInput): Acs3VerifyResult {
  const parsed = parseAcs3Authorization(input.authorization);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const { accessKeyId } = parsed;
  const signed = new Set(parsed.signedHeaders);
  for (const [name, value] of Object.entries(input.headers)) {
    if (value !== undefined && isSignedHeaderName(name.toLowerCase()) && !signed.has(name.toLowerCase())) {
      return { ok: false, reason: 'unsigned_header', accessKeyId, header: name.toLowerCase() };
    }
  }
  if (!signed.has('host')) return { ok: false, reason: 'unsigned_header', accessKeyId, header: 'host' };
  const secret = input.secretFor(accessKeyId);
  if (secret === undefined) return { ok: false, reason: 'unknown_access_key', accessKeyId };

  const payloadHash = sha256Hex(input.body);
  const declaredHash = headerValue(input.headers['x-acs-content-sha256']);
  if (declaredHash !== undefined && declaredHash.trim().toLowerCase() !== payloadHash) {
    return { ok: false, reason: 'content_hash_mismatch', accessKeyId };
  }

  const signedValues: Record<string, string> = {};
  for (const name of signed) {
    const value = headerValue(input.headers[name]);
    if (value === undefined) return { ok: false, reason: 'signature_mismatch', accessKeyId };
    signedValues[name] = value;
  }
  const { canonical, signedHeaders } = canonicalHeaders(signedValues);
  const canonicalRequest = buildCanonicalRequest({
    method: input.method,
    canonicalUri: input.canonicalUri,
    canonicalQuery: canonicalQueryString(decodeWirePairs(input.rawQuery)),
    canonicalHeaders: canonical,
    signedHeaders,
    payloadHash,
  });
  const expected = Buffer.from(acs3SignatureHex(secret, buildStringToSign(canonicalRequest)), 'utf8');
  const given = Buffer.from(parsed.signature, 'utf8');
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  return same ? { ok: true, accessKeyId } : { ok: false, reason: 'signature_mismatch', accessKeyId };
}

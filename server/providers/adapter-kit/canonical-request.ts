/**
 * The canonical request both HMAC-SHA256 signatures we implement hash before signing: Tencent's TC3 (public doc
 * "Signature v3", step 1) and Alibaba's ACS3 (spec §2 step 7) lay it out the same way as AWS SigV4. Each signer
 * still decides how to canonicalize the query and headers; this only joins the parts.
 */
import { createHash } from 'node:crypto';

export interface CanonicalRequestParts {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  /** One `name:value\n` line per signed header, so a blank line precedes SignedHeaders. */
  canonicalHeaders: string;
  signedHeaders: string;
  /** Lowercase hex SHA-256 of the exact body bytes. */
  payloadHash: string;
}

export function buildCanonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method.toUpperCase(),
    parts.canonicalUri,
    parts.canonicalQuery,
    parts.canonicalHeaders,
    parts.signedHeaders,
    parts.payloadHash,
  ].join('\n');
}

/** Lowercase hex SHA-256 (a string is hashed as UTF-8). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

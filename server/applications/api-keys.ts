/**
 * API keys: `sk_` + 256 random bits (base64url). Only the sha256 is stored (the key is random
 * enough that a slow hash adds nothing) with the first characters as a visible prefix.
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX_LENGTH = 12;

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export function newApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `sk_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX_LENGTH), keyHash: hashApiKey(key) };
}

/** The key from an `Authorization: Bearer <key>` header (undefined when absent or malformed). */
export function bearerKey(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(sk_[A-Za-z0-9_-]{20,100})\s*$/i.exec(header);
  return match?.[1];
}

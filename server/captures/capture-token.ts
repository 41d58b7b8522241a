/**
 * The capture token: a random secret answered once to the uploader, stored only as its sha256,
 * which alone reads the capture's status. Upload Idempotency-Keys are stored hashed the same way.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newCaptureToken = (): string => randomBytes(32).toString('base64url');

/** Whether `token` (a header value) is the one whose hash is stored; compared in constant time. */
export function tokenMatches(token: unknown, storedHash: string): boolean {
  if (typeof token !== 'string') return false;
  const given = Buffer.from(hashToken(token), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

import { randomBytes } from 'node:crypto';

/** Random hex for a simulated vendor's per-process keys, so signing is exercised for real even in a demo. */
export function randomHex(bytes = 20): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * The client token in a session's capture link (`/s/<token>`, `X-Session-Token`): an HMAC of the
 * session id under a server secret, stored only as its sha256. Derivable, so an idempotent replay
 * of POST /api/v1/sessions answers the same token without the token ever being stored. The secret
 * is SESSION_TOKEN_SECRET, or one generated once into DATA_DIR (then every process that shares the
 * database must share DATA_DIR, or set the variable).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const newSessionId = (): string => `ses_${randomBytes(16).toString('base64url')}`;

export const clientTokenFor = (secret: Buffer, sessionId: string): string =>
  `cs_${createHmac('sha256', secret).update(`capture-session:${sessionId}`).digest('base64url')}`;

/** The configured secret, else the one kept in `dataDir` (created on first use, readable by the owner only). */
export async function loadTokenSecret(configured: string | undefined, dataDir: string): Promise<Buffer> {
  if (configured) return Buffer.from(configured);
  const file = path.join(dataDir, 'session-token.secret');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  } catch {
    const secret = randomBytes(32);
    await writeFile(file, secret.toString('base64url'), { mode: 0o600, flag: 'wx' }).catch(async () => {
      // Another process wrote it first: use theirs.
      secret.set(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url'));
    });
    return secret;
  }
}

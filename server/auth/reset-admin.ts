/**
 * `npm run reset-admin [-- <email>]`: a new one-time password for an admin (default the generated
 * `admin@localhost`), for when the printed one was lost or must be rotated before anyone signed in.
 * It must be changed at the next sign-in; the account's sessions end; audited `user.password_reset`
 * (actor: system). Run it where the server's DATA_DIR / DATABASE_URL point.
 */
import { eq } from 'drizzle-orm';
import type { AuditLog } from '../audit/log.js';
import { SYSTEM } from '../audit/log.js';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { NotFound } from '../domain-errors.js';
import type { AccountActions } from './account-actions.js';
import { normalizeEmail } from './accounts.js';

export async function resetAdminPassword(
  deps: { db: Db; actions: AccountActions; audit: AuditLog },
  email: string,
): Promise<{ email: string; temporaryPassword: string }> {
  const [row] = await deps.db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  if (!row || row.role !== 'admin') throw new NotFound('not_found', `No admin account ${email}.`);
  const { user, temporaryPassword } = await deps.actions.resetPassword(row.id, false);
  await deps.audit.record({
    actor: SYSTEM,
    action: 'user.password_reset',
    detail: { userId: user.id, email: user.email, via: 'cli' },
  });
  return { email: user.email, temporaryPassword };
}

/**
 * The first administrator. With ADMIN_EMAIL / ADMIN_PASSWORD set, that account is created when no
 * admin exists yet. With neither, a random password is generated for admin@localhost and handed to
 * `announce` (stdout at start) exactly once: it is never written to the log stream.
 */
import { temporaryPassword } from './account-actions.js';
import type { Accounts } from './accounts.js';

export const GENERATED_ADMIN_EMAIL = 'admin@localhost';

/** Gets the generated admin once: as text, and as its parts (for the start banner). */
export type FirstAdminAnnounce = (text: string, admin: { email: string; password: string }) => void;

export async function ensureFirstAdmin(
  accounts: Accounts,
  initial: { email: string; password: string } | undefined,
  announce: FirstAdminAnnounce,
): Promise<'existing' | 'configured' | 'generated'> {
  if (await accounts.hasAdmin()) return 'existing';
  const email = initial?.email ?? GENERATED_ADMIN_EMAIL;
  const password = initial?.password ?? temporaryPassword();
  try {
    // A generated password is one-time: it must be changed at the first sign-in.
    await accounts.createUser(email, password, 'admin', initial === undefined);
  } catch (err) {
    // Another instance sharing the database created it first.
    if (await accounts.hasAdmin()) return 'existing';
    throw err;
  }
  if (initial) return 'configured';
  announce(
    `\nFirst administrator created: ${GENERATED_ADMIN_EMAIL}\nOne-time password (shown only now): ${password}\n` +
      'Sign in at /review (you will choose a new password), create named accounts, and set ADMIN_EMAIL/ADMIN_PASSWORD for future installs.\n\n',
    { email: GENERATED_ADMIN_EMAIL, password },
  );
  return 'generated';
}

/** Entry point of `npm run reset-admin [-- <email>]` (server/auth/reset-admin.ts). */
import path from 'node:path';
import { createAuditLog } from './audit/log.js';
import { createAccountActions } from './auth/account-actions.js';
import { createAccounts } from './auth/accounts.js';
import { GENERATED_ADMIN_EMAIL } from './auth/first-admin.js';
import { resetAdminPassword } from './auth/reset-admin.js';
import { loadConfig } from './config.js';
import { openStore } from './db/client.js';

const config = loadConfig();
const store = await openStore({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite') });
try {
  const accounts = createAccounts(store.db, { sessionTtlMs: config.review.sessionTtlMs });
  const { email, temporaryPassword } = await resetAdminPassword(
    { db: store.db, actions: createAccountActions(store.db, accounts), audit: createAuditLog(store.db) },
    process.argv[2] ?? GENERATED_ADMIN_EMAIL,
  );
  process.stdout.write(
    `New one-time password for ${email} (shown only now): ${temporaryPassword}\nChoose your own at the next sign-in.\n`,
  );
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await store.close();
}

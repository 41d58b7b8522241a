/**
 * What admins and account holders change on accounts: enable/disable, role, a temporary password,
 * your own password, your other sessions, and two-factor sign-in (TOTP). The routes audit each.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Role, UpdateUserRequest, UserView } from '@contract/api';
import type { Db } from '../db/client.js';
import { sessions, users } from '../db/schema.js';
import { Conflict, InvalidInput, NotFound } from '../domain-errors.js';
import { totpRequiredFor, type Accounts } from './accounts.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { generateTotpSecret, matchTotp, otpauthUri } from './totp.js';

export const TOTP_ISSUER = 'Selfie Review';

export class WeakPasswordError extends InvalidInput {
  constructor() {
    super('weak_password', `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
}

/** A random password for a reset or the first admin: 24 base64url characters (144 bits). */
export const temporaryPassword = (): string => randomBytes(18).toString('base64url');

export function createAccountActions(db: Db, accounts: Accounts, now: () => Date = () => new Date()) {
  async function row(id: string) {
    const [found] = await db.select().from(users).where(eq(users.id, id));
    if (!found) throw new NotFound('not_found', 'No such user.');
    return found;
  }
  const view = async (id: string): Promise<UserView> => (await accounts.findUser(id))!;
  const closeSessions = async (userId: string, keepIdHash?: string): Promise<number> =>
    (
      await db
        .delete(sessions)
        .where(keepIdHash ? and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash)) : eq(sessions.userId, userId))
        .returning({ idHash: sessions.idHash })
    ).length;

  return {
    /**
     * Role, enabled state, required two-factor. Returns the account before and after. The admin rows
     * are locked first, so two admins demoting or disabling each other at once cannot leave none.
     */
    async update(actorId: string, id: string, patch: UpdateUserRequest): Promise<{ before: UserView; after: UserView }> {
      const before = await view(id).catch(() => undefined);
      if (!before) throw new NotFound('not_found', 'No such user.');
      await db.transaction(async (tx) => {
        const admins = await tx
          .select({ id: users.id, disabledAt: users.disabledAt })
          .from(users)
          .where(eq(users.role, 'admin' satisfies Role))
          .orderBy(users.id)
          .for('update');
        const [current] = await tx.select().from(users).where(eq(users.id, id));
        if (!current) throw new NotFound('not_found', 'No such user.');
        const demotes = patch.role !== undefined && patch.role !== 'admin' && current.role === 'admin';
        const disables = patch.disabled === true && current.disabledAt === null;
        if (id === actorId && (demotes || disables)) {
          throw new Conflict('own_account', 'You cannot disable or demote your own account; ask another admin.');
        }
        const othersActive = admins.filter((a) => a.id !== id && a.disabledAt === null).length;
        if ((demotes || disables) && current.role === 'admin' && othersActive === 0) {
          throw new Conflict('last_admin', 'This is the last active admin: make another admin first.');
        }
        await tx
          .update(users)
          .set({
            ...(patch.role !== undefined ? { role: patch.role } : {}),
            ...(patch.disabled !== undefined ? { disabledAt: patch.disabled ? (current.disabledAt ?? now()) : null } : {}),
            ...(patch.totpRequired !== undefined ? { totpRequired: patch.totpRequired } : {}),
          })
          .where(eq(users.id, id));
        if (disables) await tx.delete(sessions).where(eq(sessions.userId, id));
      });
      return { before, after: await view(id) };
    },

    /** A temporary password that must be changed at the next sign-in; every session of the account closes. */
    async resetPassword(id: string, resetTotp: boolean): Promise<{ user: UserView; temporaryPassword: string }> {
      await row(id);
      const password = temporaryPassword();
      await db
        .update(users)
        .set({
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
          ...(resetTotp ? { totpSecret: null, totpPendingSecret: null, totpLastStep: null } : {}),
        })
        .where(eq(users.id, id));
      await closeSessions(id);
      return { user: await view(id), temporaryPassword: password };
    },

    /** Your own password; your other sessions close. False when `current` is wrong. */
    async changePassword(
      id: string,
      sessionIdHash: string,
      current: string,
      next: string,
    ): Promise<{ ok: boolean; closed: number }> {
      const found = await row(id);
      if (!(await verifyPassword(current, found.passwordHash))) return { ok: false, closed: 0 };
      if (next.length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError();
      if (next === current) throw new InvalidInput('weak_password', 'Choose a new password, not the current one.');
      await db
        .update(users)
        .set({ passwordHash: await hashPassword(next), mustChangePassword: false })
        .where(eq(users.id, id));
      return { ok: true, closed: await closeSessions(id, sessionIdHash) };
    },

    signOutOthers: (id: string, sessionIdHash: string): Promise<number> => closeSessions(id, sessionIdHash),

    /** A new secret to scan; it becomes active only once a code from it is confirmed. */
    async beginTotpSetup(id: string): Promise<{ secret: string; otpauthUri: string }> {
      const found = await row(id);
      if (found.totpSecret) throw new Conflict('totp_enabled', 'Two-factor sign-in is already on; turn it off first.');
      const secret = generateTotpSecret();
      await db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, id));
      return { secret, otpauthUri: otpauthUri(TOTP_ISSUER, found.email, secret) };
    },

    /** Turns two-factor sign-in on with the pending secret when `code` matches it. */
    async confirmTotp(id: string, code: string): Promise<boolean> {
      const found = await row(id);
      if (!found.totpPendingSecret) throw new Conflict('totp_not_started', 'Start the two-factor setup first.');
      const step = matchTotp(found.totpPendingSecret, code, now());
      if (step === undefined) return false;
      const updated = await db
        .update(users)
        .set({ totpSecret: found.totpPendingSecret, totpPendingSecret: null, totpLastStep: step })
        .where(and(eq(users.id, id), eq(users.totpPendingSecret, found.totpPendingSecret)))
        .returning({ id: users.id });
      return updated.length === 1;
    },

    /** Turns two-factor sign-in off (your password again). False when the password is wrong. */
    async disableTotp(id: string, password: string): Promise<boolean> {
      const found = await row(id);
      if (!(await verifyPassword(password, found.passwordHash))) return false;
      if (totpRequiredFor(found, accounts.options)) {
        throw new Conflict('totp_required', 'Two-factor sign-in is required for your account.');
      }
      await db.update(users).set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null }).where(eq(users.id, id));
      return true;
    },

    /**
     * A sign-in's code: true when it matches a step after the last one used, which it then becomes
     * (one conditional UPDATE, so two requests with the same code cannot both pass).
     */
    async useTotp(id: string, secret: string, lastStep: number | null, code: string): Promise<boolean> {
      const step = matchTotp(secret, code, now(), lastStep);
      if (step === undefined) return false;
      const claimed = await db
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, id), or(isNull(users.totpLastStep), sql`${users.totpLastStep} < ${step}`)))
        .returning({ id: users.id });
      return claimed.length === 1;
    },
  };
}

export type AccountActions = ReturnType<typeof createAccountActions>;

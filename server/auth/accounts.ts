/** Reviewer/admin accounts and their server-side sessions. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { PendingStep, Role, SessionUser, UserView } from '@contract/api';
import type { Db } from '../db/client.js';
import { sessions, users } from '../db/schema.js';
import { Conflict } from '../domain-errors.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';

export interface ActiveSession {
  user: SessionUser;
  csrfToken: string;
  idHash: string;
}

/** A right email + password: the account and what sign-in still needs from it. */
export interface CredentialMatch {
  user: SessionUser;
  disabled: boolean;
  /** Two-factor sign-in is on: the base32 secret and the last step used. */
  totp?: { secret: string; lastStep: number | null };
}

export interface AccountOptions {
  sessionTtlMs: number;
  /** TOTP_REQUIRED_FOR_ADMINS: every admin must sign in with a second factor. */
  totpRequiredForAdmins?: boolean;
  now?: () => Date;
}

type UserRow = typeof users.$inferSelect;

export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** 409 email_taken: emails are unique (lower-cased). */
export class DuplicateEmailError extends Conflict {
  constructor() {
    super('email_taken', 'An account with this email exists.');
  }
}

/** Two-factor sign-in is required for the account: by an admin's choice, or for all admins by the setting. */
export const totpRequiredFor = (row: Pick<UserRow, 'role' | 'totpRequired'>, options: AccountOptions): boolean =>
  row.totpRequired || (row.role === 'admin' && options.totpRequiredForAdmins === true);

/** What a session of this account must do before anything else, if anything. */
export function pendingStep(
  row: Pick<UserRow, 'role' | 'totpRequired' | 'mustChangePassword' | 'totpSecret'>,
  options: AccountOptions,
): PendingStep | undefined {
  if (row.mustChangePassword) return 'password_change';
  if (totpRequiredFor(row, options) && !row.totpSecret) return 'totp_setup';
  return undefined;
}

function sessionUserOf(row: UserRow, options: AccountOptions): SessionUser {
  const pending = pendingStep(row, options);
  return { id: row.id, email: row.email, role: row.role, ...(pending ? { pending } : {}), totpEnabled: row.totpSecret !== null };
}

export function createAccounts(db: Db, options: AccountOptions) {
  const now = options.now ?? (() => new Date());
  const toUser = (r: UserRow): UserView => ({
    id: r.id,
    email: r.email,
    role: r.role,
    createdAt: r.createdAt.toISOString(),
    disabled: r.disabledAt !== null,
    resetPending: r.mustChangePassword,
    totpEnabled: r.totpSecret !== null,
    totpRequired: totpRequiredFor(r, options),
  });

  return {
    options,

    /** `mustChangePassword`: the password is temporary (the generated first admin's). */
    async createUser(email: string, password: string, role: Role, mustChangePassword = false): Promise<UserView> {
      const normalized = normalizeEmail(email);
      const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, normalized));
      if (existing) throw new DuplicateEmailError();
      const [row] = await db
        .insert(users)
        .values({ id: randomUUID(), email: normalized, role, passwordHash: await hashPassword(password), mustChangePassword })
        .returning();
      return toUser(row!);
    },

    async listUsers(): Promise<UserView[]> {
      return (await db.select().from(users).orderBy(asc(users.createdAt))).map(toUser);
    },

    async findUser(id: string): Promise<UserView | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ? toUser(row) : undefined;
    },

    async hasAdmin(): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
      return row !== undefined;
    },

    /** The account when email and password match; undefined otherwise (same cost either way). */
    async verifyCredentials(email: string, password: string): Promise<CredentialMatch | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(eq(users.email, normalizeEmail(email)));
      const ok = await verifyPassword(password, row?.passwordHash ?? (await decoyHash()));
      if (!row || !ok) return undefined;
      return {
        user: sessionUserOf(row, options),
        disabled: row.disabledAt !== null,
        ...(row.totpSecret ? { totp: { secret: row.totpSecret, lastStep: row.totpLastStep } } : {}),
      };
    },

    /** A new session; the caller gets the raw id for the cookie, the table keeps only its hash. */
    async openSession(userId: string): Promise<{ sessionId: string; csrfToken: string; expiresAt: Date }> {
      const sessionId = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now().getTime() + options.sessionTtlMs);
      await db.insert(sessions).values({ idHash: hashSessionId(sessionId), userId, csrfToken, expiresAt, createdAt: now() });
      return { sessionId, csrfToken, expiresAt };
    },

    /** A live session of an enabled account. */
    async findSession(sessionId: string): Promise<ActiveSession | undefined> {
      const idHash = hashSessionId(sessionId);
      const [row] = await db
        .select({ csrfToken: sessions.csrfToken, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now()), isNull(users.disabledAt)));
      if (!row) return undefined;
      return { user: sessionUserOf(row.user, options), csrfToken: row.csrfToken, idHash };
    },

    async closeSession(idHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.idHash, idHash));
    },

    async deleteExpiredSessions(): Promise<void> {
      await db.delete(sessions).where(lte(sessions.expiresAt, now()));
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

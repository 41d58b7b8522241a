/** Reviewer/admin accounts and their server-side sessions. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Role, SessionUser, UserView } from '@contract/api';
import type { Db } from '../db/client.js';
import { sessions, users } from '../db/schema.js';
import { Conflict } from '../domain-errors.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';

export interface ActiveSession {
  user: SessionUser;
  csrfToken: string;
  idHash: string;
}

export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** 409 email_taken: emails are unique (lower-cased). */
export class DuplicateEmailError extends Conflict {
  constructor() {
    super('email_taken', 'An account with this email exists.');
  }
}

export function createAccounts(db: Db, options: { sessionTtlMs: number; now?: () => Date }) {
  const now = options.now ?? (() => new Date());
  const toUser = (r: typeof users.$inferSelect): UserView => ({
    id: r.id,
    email: r.email,
    role: r.role,
    createdAt: r.createdAt.toISOString(),
  });

  return {
    async createUser(email: string, password: string, role: Role): Promise<UserView> {
      const normalized = normalizeEmail(email);
      const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, normalized));
      if (existing) throw new DuplicateEmailError();
      const [row] = await db
        .insert(users)
        .values({ id: randomUUID(), email: normalized, role, passwordHash: await hashPassword(password) })
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

    /** The user when email and password match; undefined otherwise (same cost either way). */
    async verifyCredentials(email: string, password: string): Promise<SessionUser | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(eq(users.email, normalizeEmail(email)));
      const ok = await verifyPassword(password, row?.passwordHash ?? (await decoyHash()));
      return row && ok ? { id: row.id, email: row.email, role: row.role } : undefined;
    },

    /** A new session; the caller gets the raw id for the cookie, the table keeps only its hash. */
    async openSession(userId: string): Promise<{ sessionId: string; csrfToken: string; expiresAt: Date }> {
      const sessionId = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now().getTime() + options.sessionTtlMs);
      await db.insert(sessions).values({ idHash: hashSessionId(sessionId), userId, csrfToken, expiresAt, createdAt: now() });
      return { sessionId, csrfToken, expiresAt };
    },

    async findSession(sessionId: string): Promise<ActiveSession | undefined> {
      const idHash = hashSessionId(sessionId);
      const [row] = await db
        .select({ csrfToken: sessions.csrfToken, id: users.id, email: users.email, role: users.role })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now())));
      if (!row) return undefined;
      return { user: { id: row.id, email: row.email, role: row.role }, csrfToken: row.csrfToken, idHash };
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

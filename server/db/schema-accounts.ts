/** Staff accounts, their sessions and the sign-in throttle (re-exported by ./schema.ts). */
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ROLES } from '@contract/api/enums.js';

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Lower-cased. */
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** scrypt$N$r$p$salt$hash (base64url). */
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set while the account may not sign in (its sessions were closed when it was set). */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** A temporary password (admin reset, first admin): every session may only change it. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Base32 TOTP secret once two-factor sign-in is on; `totpPendingSecret` while being set up. */
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    /** The last TOTP step accepted: a code works once. */
    totpLastStep: integer('totp_last_step'),
    /** An admin requires two-factor sign-in for this account (TOTP_REQUIRED_FOR_ADMINS covers all admins). */
    totpRequired: boolean('totp_required').notNull().default(false),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the random session id in the cookie: a leaked table does not yield live cookies. */
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Sign-in throttle counters (server/auth/throttle.ts). In the database, not in memory, so every
 * process on one PostgreSQL counts together and a restart forgets nothing. Rows by scope:
 * `pair` (key: address + email), `address` (key: address), `account` (key: email), and `known`
 * (key: address + email; an address that signed in to the account: exempt from the account ceiling).
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** The account's (normalized) email on pair, account and known rows, for unlock and listing. */
    email: text('email'),
    /** Counted failures; an attempt counts from before its password check until it succeeds. */
    failures: integer('failures').notNull().default(0),
    /** The last counted attempt (known rows: the last sign-in). The count restarts after a quiet window. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** No attempt in this scope is evaluated before this time. */
    nextAllowedAt: timestamp('next_allowed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index('login_attempts_email_idx').on(t.email),
    index('login_attempts_updated_idx').on(t.updatedAt),
  ],
);

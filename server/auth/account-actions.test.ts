/**
 * Two-factor codes against the stored account on PGlite and PostgreSQL with a controlled clock:
 * one step of skew either way, a code works once, and the generated first admin's password is one-time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/client.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { createAccountActions } from './account-actions.js';
import { createAccounts, pendingStep } from './accounts.js';
import { createAuditLog } from '../audit/log.js';
import { ensureFirstAdmin, GENERATED_ADMIN_EMAIL } from './first-admin.js';
import { resetAdminPassword } from './reset-admin.js';
import { totpCode } from './totp.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

describe.each(stores)('account actions on %s', (_name, open) => {
  let store: Store;
  let clock = new Date('2026-12-06T12:00:10Z');
  const now = () => clock;
  beforeAll(async () => {
    store = await open();
  }, 60_000);
  afterAll(async () => store?.close());

  async function enrolled() {
    const accounts = createAccounts(store.db, { sessionTtlMs: 60_000, now });
    const actions = createAccountActions(store.db, accounts, now);
    const user = await accounts.createUser(
      `u-${Math.random().toString(36).slice(2)}@test.local`,
      'a-long-enough-password',
      'reviewer',
    );
    const { secret } = await actions.beginTotpSetup(user.id);
    expect(await actions.confirmTotp(user.id, '000000')).toBe(totpCode(secret, clock) === '000000');
    expect(await actions.confirmTotp(user.id, totpCode(secret, clock))).toBe(true);
    return { accounts, actions, user, secret };
  }

  it('accepts a code one step early or late, refuses two steps off, and each step only once', async () => {
    const { accounts, actions, user, secret } = await enrolled();
    const at = (offsetS: number) => totpCode(secret, new Date(clock.getTime() + offsetS * 1000));
    const use = async (code: string) => {
      const match = await accounts.verifyCredentials(user.email, 'a-long-enough-password');
      return actions.useTotp(user.id, match!.totp!.secret, match!.totp!.lastStep, code);
    };
    // The setup's code (this step) is used already.
    expect(await use(at(0))).toBe(false);
    clock = new Date(clock.getTime() + 5 * 30_000);
    expect(await use(at(-60))).toBe(false);
    expect(await use(at(60))).toBe(false);
    expect(await use(at(-30))).toBe(true);
    expect(await use(at(-30))).toBe(false);
    expect(await use(at(30))).toBe(true);
    // A step before the last one used no longer works either.
    expect(await use(at(0))).toBe(false);
  });

  it('refuses a replay raced in parallel: one of two identical codes passes', async () => {
    const { accounts, actions, user, secret } = await enrolled();
    clock = new Date(clock.getTime() + 3 * 30_000);
    const match = (await accounts.verifyCredentials(user.email, 'a-long-enough-password'))!;
    const code = totpCode(secret, clock);
    const results = await Promise.all([1, 2].map(() => actions.useTotp(user.id, match.totp!.secret, match.totp!.lastStep, code)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps one active admin: the last cannot be disabled or demoted (409 last_admin), even in a race', async () => {
    const fresh = await open();
    try {
      const accounts = createAccounts(fresh.db, { sessionTtlMs: 60_000 });
      const actions = createAccountActions(fresh.db, accounts, now);
      const only = await accounts.createUser('only@test.local', 'a-long-enough-password', 'admin');
      await expect(actions.update('another-id', only.id, { disabled: true })).rejects.toMatchObject({ code: 'last_admin' });
      await expect(actions.update('another-id', only.id, { role: 'reviewer' })).rejects.toMatchObject({ code: 'last_admin' });
      await expect(actions.update(only.id, only.id, { disabled: true })).rejects.toMatchObject({ code: 'own_account' });
      const second = await accounts.createUser('second@test.local', 'a-long-enough-password', 'admin');
      // Two admins demoting each other at once: one wins, the other is refused, one admin stays.
      const raced = await Promise.allSettled([
        actions.update(second.id, only.id, { role: 'reviewer' }),
        actions.update(only.id, second.id, { disabled: true }),
      ]);
      expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(raced.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'last_admin' } });
      const admins = (await accounts.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
      expect(admins).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('makes the generated first admin change the one-time password at first sign-in, and reset-admin rotates it', async () => {
    const fresh = await openStore({});
    try {
      const accounts = createAccounts(fresh.db, { sessionTtlMs: 60_000 });
      let printed = '';
      await ensureFirstAdmin(accounts, undefined, (text) => (printed += text));
      const password = /One-time password \(shown only now\): (\S+)/.exec(printed)![1]!;
      const match = await accounts.verifyCredentials(GENERATED_ADMIN_EMAIL, password);
      expect(match?.user.pending).toBe('password_change');
      // Lost before anyone signed in: `npm run reset-admin` rotates it.
      const actions = createAccountActions(fresh.db, accounts);
      const rotated = await resetAdminPassword({ db: fresh.db, actions, audit: createAuditLog(fresh.db) }, GENERATED_ADMIN_EMAIL);
      expect(await accounts.verifyCredentials(GENERATED_ADMIN_EMAIL, password)).toBeUndefined();
      expect((await accounts.verifyCredentials(GENERATED_ADMIN_EMAIL, rotated.temporaryPassword))?.user.pending).toBe(
        'password_change',
      );
      await expect(resetAdminPassword({ db: fresh.db, actions, audit: createAuditLog(fresh.db) }, 'nobody@x.y')).rejects.toThrow(
        /No admin/,
      );
    } finally {
      await fresh.close();
    }
  });
});

describe('pendingStep', () => {
  const base = { role: 'admin' as const, totpRequired: false, mustChangePassword: false, totpSecret: null };
  it('asks for a new password first, then two-factor setup where required (per account or for all admins)', () => {
    expect(pendingStep(base, { sessionTtlMs: 1 })).toBeUndefined();
    expect(pendingStep(base, { sessionTtlMs: 1, totpRequiredForAdmins: true })).toBe('totp_setup');
    expect(pendingStep({ ...base, role: 'reviewer' }, { sessionTtlMs: 1, totpRequiredForAdmins: true })).toBeUndefined();
    expect(pendingStep({ ...base, role: 'reviewer', totpRequired: true }, { sessionTtlMs: 1 })).toBe('totp_setup');
    expect(pendingStep({ ...base, totpRequired: true, totpSecret: 'X' }, { sessionTtlMs: 1 })).toBeUndefined();
    expect(pendingStep({ ...base, mustChangePassword: true, totpRequired: true }, { sessionTtlMs: 1 })).toBe('password_change');
  });
});

/**
 * Account administration over HTTP: disable/enable, role change, an admin's password reset (a
 * temporary password that must be changed), your own password, signing out your other sessions,
 * and two-factor sign-in (wrong code, replayed code). Every action leaves its audit row.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResetPasswordResponse, SessionResponse, TotpSetupResponse, UserView } from '@contract/api';
import { auditEvents } from '../db/schema.js';
import { login, loginAdmin, type TestSession } from '../test-support/session.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { totpCode } from './totp.js';

let t: TestServer;
let admin: TestSession;
beforeAll(async () => {
  t = await startTestServer({ LOGIN_FAILURES_BEFORE_DELAY: '50', LOGIN_MAX_FAILURES_PER_IP: '1000' });
  admin = await loginAdmin(t);
}, 60_000);
afterAll(async () => t?.close());

const PASSWORD = 'a-long-enough-password';

async function newAccount(role: 'reviewer' | 'admin' = 'reviewer') {
  const email = `${role}-${randomUUID().slice(0, 8)}@test.local`;
  const user = await t.server.accounts.createUser(email, PASSWORD, role);
  return { ...user, password: PASSWORD };
}

const signIn = (email: string, password: string, totpCode?: string) =>
  fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, ...(totpCode !== undefined ? { totpCode } : {}) }),
  });

async function auditRows(action: string, userId?: string) {
  const rows = await t.server.store.db.select().from(auditEvents).where(eq(auditEvents.action, action));
  return userId ? rows.filter((r) => r.actorId === userId || (r.detail as { userId?: string }).userId === userId) : rows;
}

const codeOf = async (res: Response) => ((await res.json()) as { code: string }).code;

describe('admin actions on accounts', () => {
  it('disables an account (its sessions end, sign-in refused) and enables it again, audited', async () => {
    const user = await newAccount();
    const session = await login(t.baseUrl, user.email, user.password);
    const off = await admin.fetch(`/api/admin/users/${user.id}`, { method: 'PATCH', json: { disabled: true } });
    expect(off.status).toBe(200);
    expect(((await off.json()) as UserView).disabled).toBe(true);
    expect((await session.fetch('/api/auth/me')).status).toBe(401);
    const refused = await signIn(user.email, user.password);
    expect(refused.status).toBe(403);
    expect(await codeOf(refused)).toBe('account_disabled');
    expect(await auditRows('auth.login_refused', user.id)).toHaveLength(1);

    expect((await admin.fetch(`/api/admin/users/${user.id}`, { method: 'PATCH', json: { disabled: false } })).status).toBe(200);
    expect((await signIn(user.email, user.password)).status).toBe(200);
    const updates = await auditRows('user.updated', user.id);
    expect(updates.map((r) => r.detail)).toEqual([
      { userId: user.id, email: user.email, changes: { disabled: { from: false, to: true } } },
      { userId: user.id, email: user.email, changes: { disabled: { from: true, to: false } } },
    ]);
    expect(updates[0]!.actorId).toBe(admin.user.id);
  });

  it('changes a role (effective at once) and refuses to disable or demote yourself', async () => {
    const user = await newAccount();
    const session = await login(t.baseUrl, user.email, user.password);
    expect((await session.fetch('/api/admin/users')).status).toBe(403);
    const promoted = await admin.fetch(`/api/admin/users/${user.id}`, { method: 'PATCH', json: { role: 'admin' } });
    expect(((await promoted.json()) as UserView).role).toBe('admin');
    expect((await session.fetch('/api/admin/users')).status).toBe(200);
    expect((await auditRows('user.updated', user.id))[0]!.detail).toMatchObject({
      changes: { role: { from: 'reviewer', to: 'admin' } },
    });

    const self = await admin.fetch(`/api/admin/users/${admin.user.id}`, { method: 'PATCH', json: { disabled: true } });
    expect(self.status).toBe(409);
    expect(await codeOf(self)).toBe('own_account');
    const demoteSelf = await admin.fetch(`/api/admin/users/${admin.user.id}`, { method: 'PATCH', json: { role: 'reviewer' } });
    expect([demoteSelf.status, await codeOf(demoteSelf)]).toEqual([409, 'own_account']);
  });

  it('resets a password: a temporary one, sessions closed, only a password change allowed until done', async () => {
    const user = await newAccount();
    const before = await login(t.baseUrl, user.email, user.password);
    const reset = await admin.fetch(`/api/admin/users/${user.id}/reset-password`, { method: 'POST', json: {} });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('cache-control')).toBe('no-store');
    const { temporaryPassword } = (await reset.json()) as ResetPasswordResponse;
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(20);
    expect((await before.fetch('/api/auth/me')).status).toBe(401);
    expect((await signIn(user.email, user.password)).status).toBe(401);

    const temp = await login(t.baseUrl, user.email, temporaryPassword);
    expect(temp.user.pending).toBe('password_change');
    const blocked = await temp.fetch('/api/cases');
    expect(blocked.status).toBe(403);
    expect(await codeOf(blocked)).toBe('password_change_required');
    const changed = await temp.fetch('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: temporaryPassword, newPassword: 'my-own-new-password' },
    });
    expect(changed.status).toBe(204);
    expect((await temp.get<SessionResponse>('/api/auth/me')).user.pending).toBeUndefined();
    expect((await temp.fetch('/api/cases')).status).toBe(200);
    expect(await auditRows('user.password_reset', user.id)).toHaveLength(1);
    expect(JSON.stringify(await auditRows('user.password_reset', user.id))).not.toContain(temporaryPassword);
    expect(await auditRows('auth.password_changed', user.id)).toHaveLength(1);
  });
});

describe('your own account', () => {
  it('changes your password: wrong current refused, weak refused, your other sessions signed out', async () => {
    const user = await newAccount();
    const here = await login(t.baseUrl, user.email, user.password);
    const elsewhere = await login(t.baseUrl, user.email, user.password);
    const wrong = await here.fetch('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: 'nope', newPassword: 'x'.repeat(20) },
    });
    expect([wrong.status, await codeOf(wrong)]).toEqual([403, 'wrong_password']);
    const weak = await here.fetch('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect([weak.status, await codeOf(weak)]).toEqual([400, 'weak_password']);
    const ok = await here.fetch('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: PASSWORD, newPassword: 'another-long-password' },
    });
    expect(ok.status).toBe(204);
    expect((await here.fetch('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.fetch('/api/auth/me')).status).toBe(401);
    expect((await auditRows('auth.password_changed', user.id))[0]!.detail).toEqual({ otherSessionsClosed: 1 });
  });

  it('signs out your other sessions, audited', async () => {
    const user = await newAccount();
    const here = await login(t.baseUrl, user.email, user.password);
    const others = [await login(t.baseUrl, user.email, user.password), await login(t.baseUrl, user.email, user.password)];
    const res = await here.fetch('/api/auth/sessions/sign-out-others', { method: 'POST' });
    expect(await res.json()).toEqual({ closed: 2 });
    for (const o of others) expect((await o.fetch('/api/auth/me')).status).toBe(401);
    expect((await here.fetch('/api/auth/me')).status).toBe(200);
    expect((await auditRows('auth.sessions_revoked', user.id))[0]!.detail).toEqual({ closed: 2 });
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('sets up with a code, then asks for one at sign-in: missing, wrong and replayed codes refused', async () => {
    const user = await newAccount();
    const session = await login(t.baseUrl, user.email, user.password);
    const setup = (await (await session.fetch('/api/auth/totp/setup', { method: 'POST' })).json()) as TotpSetupResponse;
    expect(setup.otpauthUri).toContain(`secret=${setup.secret}`);
    const bad = await session.fetch('/api/auth/totp/confirm', { method: 'POST', json: { code: 'abcdef' } });
    expect([bad.status, await codeOf(bad)]).toEqual([400, 'invalid_totp_code']);
    const confirmed = await session.fetch('/api/auth/totp/confirm', {
      method: 'POST',
      json: { code: totpCode(setup.secret, new Date()) },
    });
    expect(confirmed.status).toBe(204);
    expect(await auditRows('auth.totp_enabled', user.id)).toHaveLength(1);

    const missing = await signIn(user.email, user.password);
    expect([missing.status, await codeOf(missing)]).toEqual([401, 'totp_required']);
    const wrongCode = String((Number(totpCode(setup.secret, new Date())) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await signIn(user.email, user.password, wrongCode);
    expect([wrong.status, await codeOf(wrong)]).toEqual([401, 'invalid_totp_code']);
    expect(await auditRows('auth.totp_failed', user.id)).toHaveLength(1);
    // The confirm used this step's code: sign in with the next step's (within the one-step window).
    const nextStep = (Math.floor(Date.now() / 30_000) + 1) * 30_000;
    const code = totpCode(setup.secret, new Date(nextStep));
    const ok = await signIn(user.email, user.password, code);
    expect(ok.status).toBe(200);
    const replay = await signIn(user.email, user.password, code);
    expect([replay.status, await codeOf(replay)]).toEqual([401, 'invalid_totp_code']);
    const logins = await t.server.store.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.login'), eq(auditEvents.actorId, user.id)));
    expect(logins.at(-1)!.detail).toMatchObject({ totp: true });
  });

  it('a required second factor holds the session at setup until it is done; the admin can reset it with the password', async () => {
    const user = await newAccount();
    await admin.fetch(`/api/admin/users/${user.id}`, { method: 'PATCH', json: { totpRequired: true } });
    const session = await login(t.baseUrl, user.email, user.password);
    expect(session.user.pending).toBe('totp_setup');
    const blocked = await session.fetch('/api/cases');
    expect([blocked.status, await codeOf(blocked)]).toEqual([403, 'totp_setup_required']);
    const setup = (await (await session.fetch('/api/auth/totp/setup', { method: 'POST' })).json()) as TotpSetupResponse;
    await session.fetch('/api/auth/totp/confirm', { method: 'POST', json: { code: totpCode(setup.secret, new Date()) } });
    expect((await session.fetch('/api/cases')).status).toBe(200);
    const off = await session.fetch('/api/auth/totp/disable', { method: 'POST', json: { password: PASSWORD } });
    expect([off.status, await codeOf(off)]).toEqual([409, 'totp_required']);

    // A lost phone: the admin's reset turns two-factor off too; the user sets it up again after the new password.
    const reset = await admin.fetch(`/api/admin/users/${user.id}/reset-password`, { method: 'POST', json: { resetTotp: true } });
    const { temporaryPassword } = (await reset.json()) as ResetPasswordResponse;
    const temp = await login(t.baseUrl, user.email, temporaryPassword);
    expect(temp.user.pending).toBe('password_change');
    await temp.fetch('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: temporaryPassword, newPassword: 'fresh-long-password' },
    });
    expect((await temp.get<SessionResponse>('/api/auth/me')).user.pending).toBe('totp_setup');
  });
});

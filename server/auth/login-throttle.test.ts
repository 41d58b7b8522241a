/**
 * POST /api/auth/login under attack, on PGlite and (where installed) PostgreSQL: a parallel burst
 * gets no more password checks than the allowance, the owner on another address still signs in,
 * the counts survive a restart, and an admin can unlock an account (audited).
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UnlockResponse, UserListResponse } from '@contract/api';
import { openStore, type Store } from '../db/client.js';
import { auditEvents } from '../db/schema.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { loginAdmin, loginNewUser } from '../test-support/session.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

const ENV = { LOGIN_FAILURES_BEFORE_DELAY: '5', LOGIN_MAX_FAILURES_PER_IP: '1000' };

describe.each(stores)('login throttle over HTTP on %s', (_name, open) => {
  let store: Store;
  let t: TestServer;
  beforeAll(async () => {
    store = await open();
    t = await startTestServer(ENV, { store });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await store?.close();
  });

  const attempt = (server: TestServer, email: string, password: string, remoteAddress: string) =>
    server.server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

  async function newAccount() {
    const email = `owner-${randomUUID().slice(0, 8)}@test.local`;
    const password = `pw-${randomUUID()}`;
    const user = await t.server.accounts.createUser(email, password, 'reviewer');
    return { ...user, password };
  }

  it('60 parallel wrong passwords for one account: at most the allowance reach the password check, the rest 429', async () => {
    const owner = await newAccount();
    const verify = vi.spyOn(t.server.accounts, 'verifyCredentials');
    try {
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(t, owner.email, `wrong-${i}`, '10.20.0.1')));
      const statuses = answers.map((a) => a.statusCode);
      expect(verify.mock.calls.filter(([email]) => email === owner.email).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(55);
      for (const a of answers.filter((x) => x.statusCode === 429)) {
        // About the first 30 s wait (the burst can take seconds of real time on a loaded machine).
        expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(25);
        expect(a.json()).toMatchObject({ code: 'too_many_attempts' });
      }
    } finally {
      verify.mockRestore();
    }
  });

  it('wrong guesses from one address do not lock the owner out on another', async () => {
    const owner = await newAccount();
    for (let i = 0; i < 8; i++) await attempt(t, owner.email, `wrong-${i}`, '10.21.0.66');
    expect((await attempt(t, owner.email, owner.password, '10.21.0.66')).statusCode).toBe(429);
    const fromOwner = await attempt(t, owner.email, owner.password, '10.21.0.1');
    expect(fromOwner.statusCode).toBe(200);
    expect(fromOwner.json()).toMatchObject({ user: { email: owner.email } });
  });

  it('keeps counting across a restart (a new server on the same database)', async () => {
    const owner = await newAccount();
    for (let i = 0; i < 5; i++) expect((await attempt(t, owner.email, `wrong-${i}`, '10.22.0.1')).statusCode).toBe(401);
    const restarted = await startTestServer(ENV, { store });
    try {
      const after = await attempt(restarted, owner.email, owner.password, '10.22.0.1');
      expect(after.statusCode).toBe(429);
      expect(Number(after.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await restarted.close();
    }
  });

  it('shows throttled accounts to an admin, who unlocks one (audited); the owner then signs in', async () => {
    const owner = await newAccount();
    for (let i = 0; i < 6; i++) await attempt(t, owner.email, `wrong-${i}`, '10.23.0.1');
    const admin = await loginAdmin(t);
    const listed = (await admin.get<UserListResponse>('/api/admin/users')).users.find((u) => u.id === owner.id);
    expect(listed?.signInDelay).toMatchObject({ addresses: 1, accountWide: false });
    expect(Date.parse(listed!.signInDelay!.until)).toBeGreaterThan(Date.now());

    const unlocked = await admin.fetch(`/api/admin/users/${owner.id}/unlock`, { method: 'POST' });
    expect(unlocked.status).toBe(200);
    expect((await unlocked.json()) as UnlockResponse).toEqual({ cleared: 2 }); // the pair and the account row
    const events = await t.server.store.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.unlocked'));
    expect(events.map((e) => [e.actorEmail, e.detail])).toContainEqual([
      admin.user.email,
      { userId: owner.id, email: owner.email, cleared: 2 },
    ]);
    const after = (await admin.get<UserListResponse>('/api/admin/users')).users.find((u) => u.id === owner.id);
    expect(after?.signInDelay).toBeUndefined();
    expect((await attempt(t, owner.email, owner.password, '10.23.0.1')).statusCode).toBe(200);

    expect((await admin.fetch(`/api/admin/users/${randomUUID()}/unlock`, { method: 'POST' })).status).toBe(404);
    const reviewer = await loginNewUser(t);
    expect((await reviewer.fetch(`/api/admin/users/${owner.id}/unlock`, { method: 'POST' })).status).toBe(403);
  });
});

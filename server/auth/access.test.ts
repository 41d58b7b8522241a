/**
 * Access control over the whole route table: every route not on the explicit public list refuses
 * anonymous callers (401), and every state-changing one refuses a session without its CSRF token (403).
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse, UserListResponse } from '@contract/api';
import { createServer } from '../app.js';
import { loadConfig } from '../config.js';
import { openStore } from '../db/client.js';
import { login, loginAdmin, loginNewUser, type TestSession } from '../test-support/session.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../test-support/test-server.js';
import { createAccounts } from './accounts.js';
import { GENERATED_ADMIN_EMAIL } from './first-admin.js';
import { isApiReference } from '../http/api-reference.js';
import { isIntegratorRoute, isPublicRoute } from './reviewer-guard.js';

let t: TestServer;
let reviewer: TestSession;
beforeAll(async () => {
  t = await startTestServer({ LOGIN_MAX_FAILURES_PER_EMAIL: '3', LOGIN_MAX_FAILURES_PER_IP: '50' });
  reviewer = await loginNewUser(t);
}, 60_000);
afterAll(async () => t?.close());

/** A concrete URL for a route pattern (:params filled, wildcards dropped). */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'x').replace(/\*$/, 'x');
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('the route table', () => {
  it('keeps the public list explicit: only these routes answer without a session', () => {
    const open = t.server.routes.filter((r) => r.url.startsWith('/api/') && isPublicRoute(r.method, r.url));
    const api = open.filter((r) => !isApiReference(r.url));
    expect([...new Set(api.map((r) => `${r.method} ${r.url}`))].sort()).toEqual(
      [
        'GET /api/captures/:id',
        'GET /api/health',
        'GET /api/media-links/:token',
        'GET /api/openapi.json',
        'GET /api/providers',
        'HEAD /api/captures/:id',
        'HEAD /api/health',
        'HEAD /api/media-links/:token',
        'HEAD /api/openapi.json',
        'HEAD /api/providers',
        'POST /api/auth/login',
        'POST /api/captures',
        // Issue 13: the capture bound to a session (its client token is the key) and the capture settings.
        'GET /api/capture-settings',
        'HEAD /api/capture-settings',
        'GET /api/session-capture/:clientToken',
        'HEAD /api/session-capture/:clientToken',
        'GET /api/session-capture/:clientToken/status',
        'HEAD /api/session-capture/:clientToken/status',
        // Issue 14: the probes of load balancers and orchestrators.
        'GET /api/health/live',
        'HEAD /api/health/live',
        'GET /api/health/ready',
        'HEAD /api/health/ready',
      ].sort(),
    );
    // The API reference page (/api/docs) and its files: public, and read-only.
    const reference = open.filter((r) => isApiReference(r.url));
    expect(reference.map((r) => r.url)).toContain('/api/docs');
    expect(new Set(reference.map((r) => r.method))).toEqual(new Set(['GET', 'HEAD']));
    expect(isPublicRoute('POST', '/api/docs')).toBe(false);
  });

  it('answers 401 to anonymous calls and 403 to writes without the CSRF token, on every other route', async () => {
    // /api/v1 takes an API key instead of a session (its own test below).
    const guarded = t.server.routes.filter((r) => !isPublicRoute(r.method, r.url) && !isIntegratorRoute(r.url));
    expect(guarded.length).toBeGreaterThanOrEqual(15);
    for (const r of guarded) {
      const url = `${t.baseUrl}${concrete(r.url)}`;
      const anon = await fetch(url, { method: r.method });
      expect({ route: `${r.method} ${r.url}`, status: anon.status }).toEqual({ route: `${r.method} ${r.url}`, status: 401 });
      if (r.method !== 'HEAD') expect(((await anon.json()) as { code: string }).code).toBe('unauthenticated');
      // A forged or stale cookie is no better than none.
      const forged = await fetch(url, { method: r.method, headers: { cookie: 'review_session=forged' } });
      expect(forged.status).toBe(401);
      if (WRITE.has(r.method)) {
        const noCsrf = await reviewer.fetch(concrete(r.url), { method: r.method, csrf: false });
        expect({ route: `${r.method} ${r.url}`, status: noCsrf.status }).toEqual({ route: `${r.method} ${r.url}`, status: 403 });
        const wrong = await reviewer.fetch(concrete(r.url), {
          method: r.method,
          csrf: false,
          headers: { 'x-csrf-token': 'x'.repeat(43) },
        });
        expect(wrong.status).toBe(403);
        expect(((await wrong.json()) as { code: string }).code).toBe('csrf_failed');
      }
    }
  });

  it('answers 401 invalid_api_key on every /api/v1 route without an API key, a review session notwithstanding', async () => {
    const v1 = t.server.routes.filter((r) => isIntegratorRoute(r.url) && r.method !== 'HEAD');
    expect(v1.length).toBeGreaterThanOrEqual(4);
    for (const r of v1) {
      for (const res of [
        await fetch(`${t.baseUrl}${concrete(r.url)}`, { method: r.method }),
        await reviewer.fetch(concrete(r.url), { method: r.method }),
      ]) {
        expect({ route: `${r.method} ${r.url}`, status: res.status }).toEqual({ route: `${r.method} ${r.url}`, status: 401 });
        expect(((await res.json()) as { code: string }).code).toBe('invalid_api_key');
      }
    }
  });

  it('keeps admin routes from reviewers (403 forbidden) and opens them to admins', async () => {
    const adminRoutes = t.server.routes.filter((r) => r.url.startsWith('/api/admin/') && r.method !== 'HEAD');
    expect(adminRoutes.length).toBeGreaterThanOrEqual(3);
    for (const r of adminRoutes) {
      const res = await reviewer.fetch(concrete(r.url), { method: r.method, ...(WRITE.has(r.method) ? { json: {} } : {}) });
      expect({ route: `${r.method} ${r.url}`, status: res.status }).toEqual({ route: `${r.method} ${r.url}`, status: 403 });
    }
    const admin = await loginAdmin(t);
    expect((await admin.fetch('/api/admin/users')).status).toBe(200);
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly SameSite session cookie, answers me, and logout ends the session', async () => {
    const s = await loginNewUser(t);
    const res = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: TEST_ADMIN.email.toUpperCase(), password: TEST_ADMIN.password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^review_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const me = (await (await s.fetch('/api/auth/me')).json()) as SessionResponse;
    expect(me).toEqual({ user: s.user, csrfToken: s.csrfToken });
    expect((await s.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await s.fetch('/api/auth/me')).status).toBe(401);
    expect((await s.fetch('/api/cases')).status).toBe(401);
  });

  it('refuses a session past its expiry', async () => {
    const s = await loginNewUser(t);
    const id = s.cookie.split('=')[1]!;
    expect(await t.server.accounts.findSession(id)).toBeDefined();
    const later = createAccounts(t.server.store.db, { sessionTtlMs: 1, now: () => new Date(Date.now() + 13 * 3_600_000) });
    expect(await later.findSession(id)).toBeUndefined();
    await later.deleteExpiredSessions();
    expect(await t.server.accounts.findSession(id)).toBeUndefined();
  });

  it('marks the cookie Secure when PUBLIC_BASE_URL is https', async () => {
    const https = await startTestServer({ PUBLIC_BASE_URL: 'https://review.example.com' }, { store: t.server.store });
    try {
      const res = await fetch(`${https.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(TEST_ADMIN),
      });
      expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
    } finally {
      await https.close();
    }
  });

  it('refuses wrong passwords and unknown accounts alike, then throttles the account with 429 + Retry-After', async () => {
    const attempt = (email: string, password: string) =>
      fetch(`${t.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    const victim = await loginNewUser(t);
    const unknown = await attempt('nobody@test.local', 'whatever-password');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: 'invalid_credentials' });
    for (let i = 0; i < 3; i++) expect((await attempt(victim.user.email, `wrong-${i}`)).status).toBe(401);
    const locked = await attempt(victim.user.email, 'wrong-again');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ code: 'too_many_attempts' });
    expect((await attempt(' ' + victim.user.email.toUpperCase(), 'even-a-right-one')).status).toBe(429);
    expect((await attempt('', '')).status).toBe(400);
  });
});

describe('accounts', () => {
  it('lets an admin list and create users (reviewer or admin), refusing weak passwords and duplicates', async () => {
    const admin = await loginAdmin(t);
    const created = await admin.fetch('/api/admin/users', {
      method: 'POST',
      json: { email: 'New.Reviewer@Test.local', password: 'a-long-enough-password', role: 'reviewer' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: 'new.reviewer@test.local', role: 'reviewer' });
    const again = await admin.fetch('/api/admin/users', {
      method: 'POST',
      json: { email: 'new.reviewer@test.local', password: 'a-long-enough-password', role: 'reviewer' },
    });
    expect(again.status).toBe(409);
    const weak = await admin.fetch('/api/admin/users', {
      method: 'POST',
      json: { email: 'w@test.local', password: 'short', role: 'admin' },
    });
    expect(await weak.json()).toMatchObject({ code: 'weak_password' });
    const list = await admin.get<UserListResponse>('/api/admin/users');
    expect(list.users.map((u) => u.email)).toEqual(expect.arrayContaining([TEST_ADMIN.email, 'new.reviewer@test.local']));
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
    await login(t.baseUrl, 'new.reviewer@test.local', 'a-long-enough-password');
  });

  it('without ADMIN_EMAIL/ADMIN_PASSWORD, prints a one-time admin password once, never to the log', async () => {
    const store = await openStore({});
    const printed: string[] = [];
    let logs = '';
    const logStream = new PassThrough();
    logStream.on('data', (c: Buffer) => (logs += c.toString()));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: t.dataDir,
      LOG_LEVEL: 'trace',
      PURGE_INTERVAL_MINUTES: '0',
    });
    try {
      for (let i = 0; i < 2; i++) {
        const server = await createServer(config, {
          store,
          distDir: '/nonexistent',
          logStream,
          announce: (s) => printed.push(s),
        });
        const url = await server.start();
        if (i === 0) {
          const password = /password \(shown only now\): (\S+)/.exec(printed[0] ?? '')?.[1];
          expect(password).toBeDefined();
          const s = await login(url, GENERATED_ADMIN_EMAIL, password!);
          expect(s.user.role).toBe('admin');
          expect(logs).not.toContain(password);
        }
        await server.close();
      }
      expect(printed).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});

/** Signed-in API clients for server tests: a cookie, the CSRF token, and a fetch that sends both. */
import { randomUUID } from 'node:crypto';
import type { Role, SessionResponse } from '@contract/api';
import { TEST_ADMIN, type TestServer } from './test-server.js';

export interface TestSession {
  user: SessionResponse['user'];
  cookie: string;
  csrfToken: string;
  /** fetch relative to the server with the session cookie, plus x-csrf-token on writes. JSON bodies: pass `json`. */
  fetch(path: string, init?: RequestInit & { json?: unknown; csrf?: boolean }): Promise<Response>;
  /** GET and parse JSON (throws on a non-2xx answer). */
  get<T>(path: string): Promise<T>;
}

export async function login(baseUrl: string, email: string, password: string): Promise<TestSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as SessionResponse;
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const session: TestSession = {
    user: body.user,
    cookie,
    csrfToken: body.csrfToken,
    async fetch(path, init = {}) {
      const { json, csrf = true, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('cookie', cookie);
      const method = (rest.method ?? 'GET').toUpperCase();
      if (csrf && method !== 'GET' && method !== 'HEAD') headers.set('x-csrf-token', body.csrfToken);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${baseUrl}${path}`, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
    async get<T>(path: string) {
      const res = await session.fetch(path);
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
  return session;
}

/** The test server's first admin (created from TEST_ADMIN at start). */
export const loginAdmin = (t: TestServer): Promise<TestSession> => login(t.baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);

/** A fresh account with `role`, signed in. */
export async function loginNewUser(t: TestServer, role: Role = 'reviewer'): Promise<TestSession> {
  const email = `${role}-${randomUUID().slice(0, 8)}@test.local`;
  const password = `pw-${randomUUID()}`;
  await t.server.accounts.createUser(email, password, role);
  return login(t.baseUrl, email, password);
}

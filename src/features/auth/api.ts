/** The auth feature's API calls: login, logout, and the admin's user list and sign-in unlock. */
import { queryOptions } from '@tanstack/react-query';
import type { CreateUserRequest, LoginRequest, SessionResponse, UnlockResponse, UserListResponse, UserView } from '@contract/api';
import { fetchJson, setCsrfToken } from '../../lib/http';

const json = (body: unknown): RequestInit => ({
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

export async function login(request: LoginRequest): Promise<SessionResponse> {
  const session = await fetchJson<SessionResponse>('/api/auth/login', {
    method: 'POST',
    ...json(request),
    skipUnauthorizedHandler: true,
  });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await fetchJson<void>('/api/auth/logout', { method: 'POST', skipUnauthorizedHandler: true });
  } finally {
    setCsrfToken(undefined);
  }
}

export function fetchUsers(signal?: AbortSignal): Promise<UserListResponse> {
  return fetchJson<UserListResponse>('/api/admin/users', { signal });
}

export function createUser(request: CreateUserRequest): Promise<UserView> {
  return fetchJson<UserView>('/api/admin/users', { method: 'POST', ...json(request) });
}

/** Clears the login throttle's counters for the account (admin). */
export function unlockUser(id: string): Promise<UnlockResponse> {
  return fetchJson<UnlockResponse>(`/api/admin/users/${encodeURIComponent(id)}/unlock`, { method: 'POST' });
}

export function usersQuery() {
  return queryOptions({ queryKey: ['admin', 'users'], queryFn: ({ signal }) => fetchUsers(signal) });
}

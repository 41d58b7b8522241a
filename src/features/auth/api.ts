/** The auth feature's API calls: login, logout, your own account, and the admin's user administration. */
import { queryOptions } from '@tanstack/react-query';
import type {
  ChangePasswordRequest,
  CreateUserRequest,
  LoginRequest,
  ResetPasswordRequest,
  ResetPasswordResponse,
  SessionResponse,
  SignOutOthersResponse,
  TotpSetupResponse,
  UnlockResponse,
  UpdateUserRequest,
  UserListResponse,
  UserView,
} from '@contract/api';
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

const userPath = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

/** Role, enabled state, required two-factor sign-in (admin). */
export function updateUser(id: string, patch: UpdateUserRequest): Promise<UserView> {
  return fetchJson<UserView>(userPath(id), { method: 'PATCH', ...json(patch) });
}

/** A temporary password, shown once; the account must change it at its next sign-in (admin). */
export function resetPassword(id: string, request: ResetPasswordRequest): Promise<ResetPasswordResponse> {
  return fetchJson<ResetPasswordResponse>(`${userPath(id)}/reset-password`, { method: 'POST', ...json(request) });
}

export function changePassword(request: ChangePasswordRequest): Promise<void> {
  return fetchJson<void>('/api/auth/password', { method: 'POST', ...json(request) });
}

export function signOutOthers(): Promise<SignOutOthersResponse> {
  return fetchJson<SignOutOthersResponse>('/api/auth/sessions/sign-out-others', { method: 'POST' });
}

export function startTotpSetup(): Promise<TotpSetupResponse> {
  return fetchJson<TotpSetupResponse>('/api/auth/totp/setup', { method: 'POST' });
}

export function confirmTotp(code: string): Promise<void> {
  return fetchJson<void>('/api/auth/totp/confirm', { method: 'POST', ...json({ code }) });
}

export function disableTotp(password: string): Promise<void> {
  return fetchJson<void>('/api/auth/totp/disable', { method: 'POST', ...json({ password }) });
}

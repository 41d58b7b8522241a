/**
 * The reviewer session as every feature needs it: the current user (GET /api/auth/me), the CSRF
 * token the API wants back on state-changing calls, and one place that hears "the session is gone"
 * (a 401) so the app can send the reviewer to the login page.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionResponse, SessionUser } from '@contract/api';
import { fetchJson, isApiRequestError, setCsrfToken } from './http';

export const SESSION_QUERY_KEY = ['auth', 'session'] as const;
export const LOGIN_PATH = '/review/login';
/** Your own account: password, two-factor sign-in, other sessions (and where a pending step is done). */
export const ACCOUNT_PATH = '/review/account';

export async function fetchSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  try {
    const session = await fetchJson<SessionResponse>('/api/auth/me', { signal, skipUnauthorizedHandler: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    // No session is an answer, not a failure: the guard turns it into a redirect.
    if (isApiRequestError(error) && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export function sessionQuery() {
  return queryOptions({
    queryKey: SESSION_QUERY_KEY,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 60_000,
  });
}

/** The signed-in reviewer, or undefined while loading / when signed out. */
export function useSessionUser(): SessionUser | undefined {
  return useQuery(sessionQuery()).data?.user ?? undefined;
}

export function isAdmin(user: SessionUser | undefined): boolean {
  return user?.role === 'admin';
}

/**
 * `/review/login?next=…` for a path inside the reviewer area. Only same-app paths are accepted as
 * `next`, so a crafted link cannot bounce a reviewer to another site after login.
 */
export function loginUrl(next?: string): string {
  const safe = safeNextPath(next);
  return safe && safe !== '/review' ? `${LOGIN_PATH}?next=${encodeURIComponent(safe)}` : LOGIN_PATH;
}

export function safeNextPath(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith('/review') || next.startsWith('//')) return undefined;
  if (next.startsWith(LOGIN_PATH)) return undefined;
  return next;
}

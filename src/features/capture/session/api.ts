/**
 * The session-bound capture's API calls (public, authorised by the link's client token) and the
 * capture settings, as plain functions plus their TanStack Query options.
 */
import { queryOptions } from '@tanstack/react-query';
import type { CaptureSettings, SessionCaptureConfig, SessionCaptureStatus, SessionStatus } from '@contract/api';
import { fetchJson } from '../../../lib/http';

const sessionUrl = (clientToken: string) => `/api/session-capture/${encodeURIComponent(clientToken)}`;

/** GET /api/session-capture/:clientToken (marks the session opened). 404 session_not_found, 410 session_expired / session_cancelled, 409 session_used. */
export function fetchSessionCapture(clientToken: string, signal?: AbortSignal): Promise<SessionCaptureConfig> {
  return fetchJson<SessionCaptureConfig>(sessionUrl(clientToken), { signal });
}

export function fetchSessionStatus(clientToken: string, signal?: AbortSignal): Promise<SessionCaptureStatus> {
  return fetchJson<SessionCaptureStatus>(`${sessionUrl(clientToken)}/status`, { signal });
}

export function fetchCaptureSettings(signal?: AbortSignal): Promise<CaptureSettings> {
  return fetchJson<CaptureSettings>('/api/capture-settings', { signal });
}

/** Loaded once per page: opening it again would not change how to capture. */
export function sessionCaptureQuery(clientToken: string) {
  return queryOptions({
    queryKey: ['session-capture', clientToken],
    queryFn: ({ signal }) => fetchSessionCapture(clientToken, signal),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export const SESSION_STATUS_POLL_MS = 2000;

/** Statuses after which the session's status no longer changes for the page that handed off. */
const SETTLED: ReadonlySet<SessionStatus> = new Set<SessionStatus>([
  'submitted',
  'processing',
  'completed',
  'decided',
  'expired',
  'cancelled',
]);

/** Polled every ~2 s until the phone has sent the video or the session ended. `run` gives every handoff a fresh query. */
export function sessionStatusQuery(clientToken: string, run: number) {
  return queryOptions({
    queryKey: ['session-capture', clientToken, 'status', run],
    queryFn: ({ signal }) => fetchSessionStatus(clientToken, signal),
    refetchInterval: (query) => (query.state.data && SETTLED.has(query.state.data.status) ? false : SESSION_STATUS_POLL_MS),
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 0,
  });
}

export function captureSettingsQuery() {
  return queryOptions({
    queryKey: ['capture-settings'],
    queryFn: ({ signal }) => fetchCaptureSettings(signal),
    staleTime: Infinity,
  });
}

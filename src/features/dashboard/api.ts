/** The dashboard's API call and query. */
import { queryOptions } from '@tanstack/react-query';
import type { DashboardResponse } from '@contract/api';
import { fetchJson } from '../../lib/http';

/** `days` back from today, as ISO instants from local midnight to now. */
export function rangeFor(days: number, now = new Date()): { from: string; to: string } {
  const from = new Date(now);
  from.setHours(0, 0, 0, 0);
  from.setDate(from.getDate() - (days - 1));
  return { from: from.toISOString(), to: now.toISOString() };
}

export function fetchDashboard(days: number, signal?: AbortSignal): Promise<DashboardResponse> {
  const { from, to } = rangeFor(days);
  const q = new URLSearchParams({ from, to });
  return fetchJson<DashboardResponse>(`/api/dashboard?${q.toString()}`, { signal });
}

export function dashboardQuery(days: number) {
  return queryOptions({
    queryKey: ['dashboard', days],
    queryFn: ({ signal }) => fetchDashboard(days, signal),
    staleTime: 30_000,
  });
}

export const EXPORT_MAX_DAYS = 366;

/**
 * The CSV export link for local calendar days `fromDay`..`toDay` (YYYY-MM-DD, both whole), or undefined for a range
 * the server would refuse (reversed, longer than EXPORT_MAX_DAYS). A plain link: the browser downloads it with the
 * session cookie, and a GET needs no CSRF token.
 */
export function exportUrl(kind: 'cases' | 'decisions', fromDay: string, toDay: string): string | undefined {
  const from = new Date(`${fromDay}T00:00:00`);
  const to = new Date(`${toDay}T23:59:59.999`);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) return undefined;
  if (to.getTime() - from.getTime() > EXPORT_MAX_DAYS * 86_400_000) return undefined;
  const q = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  return `/api/admin/exports/${kind}?${q.toString()}`;
}

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

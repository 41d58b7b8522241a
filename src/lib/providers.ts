/**
 * GET /api/providers: the checks this server offers, each with its mode and media limits. One
 * query for the whole app (capture picks and fits to them, review re-runs on them).
 */
import { queryOptions } from '@tanstack/react-query';
import type { ProvidersResponse } from '@contract/api';
import { fetchJson } from './http';

/** The list changes only when the server restarts with another configuration. */
export const PROVIDERS_STALE_MS = 5 * 60_000;

export function fetchProviders(signal?: AbortSignal): Promise<ProvidersResponse> {
  return fetchJson<ProvidersResponse>('/api/providers', { signal });
}

export function providersQuery() {
  return queryOptions({
    queryKey: ['providers'],
    queryFn: ({ signal }) => fetchProviders(signal),
    staleTime: PROVIDERS_STALE_MS,
  });
}

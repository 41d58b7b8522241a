/** The demo panel's API calls (admins, only while vendors run on simulators) and their queries. */
import { queryOptions } from '@tanstack/react-query';
import type {
  DemoOutcomeRequest,
  DemoOutcomeResponse,
  DemoRemoveResponse,
  DemoSeedResponse,
  DemoStatusResponse,
} from '@contract/api';
import { fetchJson, isApiRequestError } from '../../lib/http';

/** The panel's status, or null when the server has no demo (404 `demo_off`): the panel and its link stay hidden. */
export async function fetchDemoStatus(signal?: AbortSignal): Promise<DemoStatusResponse | null> {
  try {
    return await fetchJson<DemoStatusResponse>('/api/admin/demo', { signal });
  } catch (error) {
    if (isApiRequestError(error) && error.status === 404) return null;
    throw error;
  }
}

export function demoStatusQuery() {
  return queryOptions({ queryKey: ['admin', 'demo'], queryFn: ({ signal }) => fetchDemoStatus(signal), staleTime: 60_000 });
}

export function queueOutcome(providerId: string, request: DemoOutcomeRequest): Promise<DemoOutcomeResponse> {
  return fetchJson<DemoOutcomeResponse>(`/api/admin/demo/vendors/${encodeURIComponent(providerId)}/outcomes`, {
    method: 'POST',
    body: JSON.stringify(request),
    headers: { 'Content-Type': 'application/json' },
  });
}

export function seedDemoCases(): Promise<DemoSeedResponse> {
  return fetchJson<DemoSeedResponse>('/api/admin/demo/seed', { method: 'POST' });
}

export function removeDemoCases(): Promise<DemoRemoveResponse> {
  return fetchJson<DemoRemoveResponse>('/api/admin/demo/seed', { method: 'DELETE' });
}

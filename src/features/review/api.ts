/**
 * The review feature's API calls: plain functions plus their TanStack Query options.
 * These routes will sit behind reviewer auth; a 401 surfaces as ApiRequestError(401).
 */
import { queryOptions } from '@tanstack/react-query';
import type { CaseDetail, CaseListResponse, CaseSummary } from '../../../server/api-types';
import { fetchJson } from '../../lib/http';

export const REVIEW_POLL_MS = 2000;

export function fetchCases(signal?: AbortSignal): Promise<CaseListResponse> {
  return fetchJson<CaseListResponse>('/api/cases', { signal });
}

export function fetchCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return fetchJson<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`, { signal });
}

const checkPending = (status: string) => status === 'pending' || status === 'running';

/** True while the server is still working on a case (poll again). */
export function caseSummaryPending(c: CaseSummary): boolean {
  return c.status === 'processing' || c.checks.some((k) => checkPending(k.status));
}

export function caseDetailPending(c: CaseDetail): boolean {
  return c.status === 'processing' || c.checks.some((k) => checkPending(k.status)) || c.integrity?.status === 'pending';
}

export function casesQuery() {
  return queryOptions({
    queryKey: ['cases'],
    queryFn: ({ signal }) => fetchCases(signal),
    refetchInterval: (query) => (query.state.data?.cases.some(caseSummaryPending) ? REVIEW_POLL_MS : false),
  });
}

export function caseQuery(id: string) {
  return queryOptions({
    queryKey: ['cases', id],
    queryFn: ({ signal }) => fetchCase(id, signal),
    refetchInterval: (query) => (query.state.data && caseDetailPending(query.state.data) ? REVIEW_POLL_MS : false),
  });
}

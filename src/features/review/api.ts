/**
 * The review feature's API calls: plain functions plus their TanStack Query options. Every route
 * needs a session; a 401 reaches the app's handler (→ login) through lib/http.
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type {
  AuditListResponse,
  CaseDetail,
  CaseListResponse,
  CaseReviewFields,
  CaseSummary,
  CheckView,
  DecisionRequest,
  DecisionView,
  ProviderId,
  TakeNextResponse,
  WebhookDeliveryListResponse,
} from '@contract/api';
import { fetchJson } from '../../lib/http';
import { apiQueryString, toApiQuery, type QueueFilters } from './filters';

export const REVIEW_POLL_MS = 2000;

/** The review fields are on every case the reviewer routes return. */
export type ReviewCaseSummary = CaseSummary & CaseReviewFields;
export type ReviewCaseDetail = CaseDetail & CaseReviewFields;
export type ReviewCaseList = Omit<CaseListResponse, 'cases'> & { cases: ReviewCaseSummary[]; nextCursor?: string };

const json = (body: unknown): RequestInit => ({
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});
const caseUrl = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export function fetchCases(filters: QueueFilters, cursor?: string, signal?: AbortSignal): Promise<ReviewCaseList> {
  return fetchJson<ReviewCaseList>(`/api/cases${apiQueryString(toApiQuery(filters, cursor))}`, { signal });
}

export function fetchCase(id: string, signal?: AbortSignal): Promise<ReviewCaseDetail> {
  return fetchJson<ReviewCaseDetail>(caseUrl(id), { signal });
}

export function fetchAudit(id: string, signal?: AbortSignal): Promise<AuditListResponse> {
  return fetchJson<AuditListResponse>(`${caseUrl(id)}/audit`, { signal });
}

/** The next case for the caller, or undefined when nobody is waiting (204). */
export async function takeNext(): Promise<string | undefined> {
  const answer = await fetchJson<TakeNextResponse | undefined>('/api/cases/take-next', { method: 'POST' });
  return answer?.caseId;
}

export function postDecision(id: string, request: DecisionRequest): Promise<DecisionView> {
  return fetchJson<DecisionView>(`${caseUrl(id)}/decisions`, { method: 'POST', ...json(request) });
}

export function requestRerun(id: string, providerId: ProviderId): Promise<CheckView> {
  return fetchJson<CheckView>(`${caseUrl(id)}/reruns`, { method: 'POST', ...json({ providerId }) });
}

export function deleteCase(id: string): Promise<void> {
  return fetchJson<void>(`/api/admin/cases/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

const checkPending = (status: string) => status === 'pending' || status === 'running';

/** True while the server is still working on a case (poll again). */
export function caseSummaryPending(c: CaseSummary): boolean {
  return c.status === 'processing' || c.checks.some((k) => checkPending(k.status));
}

export function caseDetailPending(c: CaseDetail): boolean {
  return c.status === 'processing' || c.checks.some((k) => checkPending(k.status)) || c.integrity?.status === 'pending';
}

export function casesQuery(filters: QueueFilters) {
  return infiniteQueryOptions({
    queryKey: ['cases', 'list', filters],
    queryFn: ({ signal, pageParam }) => fetchCases(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.cases.some(caseSummaryPending)) ? REVIEW_POLL_MS : false),
  });
}

export function caseQuery(id: string) {
  return queryOptions({
    queryKey: ['cases', 'detail', id],
    queryFn: ({ signal }) => fetchCase(id, signal),
    refetchInterval: (query) => (query.state.data && caseDetailPending(query.state.data) ? REVIEW_POLL_MS : false),
  });
}

/** The webhook deliveries of the case's session (cases that came through a session only). */
export function fetchCaseDeliveries(id: string, signal?: AbortSignal): Promise<WebhookDeliveryListResponse> {
  return fetchJson<WebhookDeliveryListResponse>(`${caseUrl(id)}/webhook-deliveries`, { signal });
}

export function caseDeliveriesQuery(id: string) {
  return queryOptions({ queryKey: ['cases', 'deliveries', id], queryFn: ({ signal }) => fetchCaseDeliveries(id, signal) });
}

export function auditQuery(id: string) {
  return queryOptions({ queryKey: ['cases', 'audit', id], queryFn: ({ signal }) => fetchAudit(id, signal) });
}

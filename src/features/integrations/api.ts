/**
 * Admin: integrating applications, their API keys and webhook endpoints, and the delivery log, as
 * plain functions plus their TanStack Query options. Keys and secrets come back only from the
 * create calls; the page shows them once.
 */
import { queryOptions } from '@tanstack/react-query';
import type {
  ApplicationListResponse,
  ApplicationView,
  CreateApplicationRequest,
  CreateKeyResponse,
  CreateWebhookRequest,
  CreateWebhookResponse,
  UpdateApplicationRequest,
  WebhookDeliveryListResponse,
  WebhookEventType,
} from '@contract/api';
import { fetchJson } from '../../lib/http';

const json = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});
const appUrl = (id: string) => `/api/admin/applications/${encodeURIComponent(id)}`;
const webhookUrl = (appId: string, webhookId: string) => `${appUrl(appId)}/webhooks/${encodeURIComponent(webhookId)}`;

export function fetchApplications(signal?: AbortSignal): Promise<ApplicationListResponse> {
  return fetchJson<ApplicationListResponse>('/api/admin/applications', { signal });
}

export function createApplication(request: CreateApplicationRequest): Promise<ApplicationView> {
  return fetchJson<ApplicationView>('/api/admin/applications', json('POST', request));
}

export function updateApplication(id: string, request: UpdateApplicationRequest): Promise<ApplicationView> {
  return fetchJson<ApplicationView>(appUrl(id), json('PATCH', request));
}

/** A new key; with `rotateFrom` the old one keeps working for `overlapMinutes`. */
export function createKey(appId: string, rotate?: { rotateFrom: string; overlapMinutes: number }): Promise<CreateKeyResponse> {
  return fetchJson<CreateKeyResponse>(`${appUrl(appId)}/keys`, json('POST', rotate ?? {}));
}

export function revokeKey(appId: string, keyId: string): Promise<void> {
  return fetchJson<void>(`${appUrl(appId)}/keys/${encodeURIComponent(keyId)}`, { method: 'DELETE' });
}

export function createWebhook(appId: string, request: CreateWebhookRequest): Promise<CreateWebhookResponse> {
  return fetchJson<CreateWebhookResponse>(`${appUrl(appId)}/webhooks`, json('POST', request));
}

export function updateWebhook(
  appId: string,
  webhookId: string,
  patch: { enabled?: boolean; events?: WebhookEventType[] | null },
) {
  return fetchJson<unknown>(webhookUrl(appId, webhookId), json('PATCH', patch));
}

export function deleteWebhook(appId: string, webhookId: string): Promise<void> {
  return fetchJson<void>(webhookUrl(appId, webhookId), { method: 'DELETE' });
}

export function fetchDeliveries(appId: string, webhookId: string, signal?: AbortSignal): Promise<WebhookDeliveryListResponse> {
  return fetchJson<WebhookDeliveryListResponse>(`${webhookUrl(appId, webhookId)}/deliveries`, { signal });
}

export function redeliver(deliveryId: string): Promise<unknown> {
  return fetchJson<unknown>(`/api/admin/webhook-deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: 'POST' });
}

export const APPLICATIONS_KEY = ['admin', 'applications'] as const;

export function applicationsQuery() {
  return queryOptions({ queryKey: APPLICATIONS_KEY, queryFn: ({ signal }) => fetchApplications(signal) });
}

/** Refreshed every 5 s while open: pending deliveries move on their own. */
export function deliveriesQuery(appId: string, webhookId: string) {
  return queryOptions({
    queryKey: [...APPLICATIONS_KEY, appId, 'webhooks', webhookId, 'deliveries'],
    queryFn: ({ signal }) => fetchDeliveries(appId, webhookId, signal),
    refetchInterval: 5000,
  });
}

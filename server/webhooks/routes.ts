/**
 * Webhook routes. Admin (the access guard requires role admin under /api/admin; each change is
 * audited, never with the secret or the URL's path and query): endpoints of an application, their
 * delivery log, redelivery. Reviewers: a case's deliveries, for its timeline.
 */
import type { FastifyInstance } from 'fastify';
import {
  createWebhookRequestSchema,
  updateWebhookRequestSchema,
  webhookDeliveryListQuerySchema,
  type CreateWebhookResponse,
  type WebhookDeliveryListResponse,
} from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { actorOf } from '../auth/reviewer-guard.js';
import { HttpError, describeIssues } from '../http-error.js';
import type { DeliveryStore } from './delivery-store.js';
import type { WebhookEndpoints } from './endpoints.js';
import { notifyWebhookEvents } from './notifier.js';

export interface WebhookRouteDeps {
  endpoints: WebhookEndpoints;
  deliveries: DeliveryStore;
  audit: AuditLog;
}

type AppParams = { Params: { id: string } };
type EndpointParams = { Params: { id: string; webhookId: string } };

/** Enough to tell endpoints apart in the audit log; a path or query may hold the receiver's token. */
const originOf = (url: string) => new URL(url).origin;

export async function webhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): Promise<void> {
  /** 201 {id, secret} (the only time the secret is shown); 400 invalid_request | invalid_webhook_url; 404 not_found. */
  app.post<AppParams>('/api/admin/applications/:id/webhooks', async (request, reply) => {
    const parsed = createWebhookRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      throw new HttpError(400, 'invalid_request', `Send { url, events? } (${describeIssues(parsed.error)}).`);
    }
    const applicationId = request.params.id;
    const { endpoint, secret } = await deps.endpoints.create(applicationId, parsed.data);
    await deps.audit.record({
      actor: actorOf(request),
      action: 'webhook.created',
      detail: { applicationId, webhookId: endpoint.id, origin: originOf(endpoint.url), events: endpoint.events ?? 'all' },
    });
    const body: CreateWebhookResponse = { id: endpoint.id, secret };
    return reply.code(201).header('cache-control', 'no-store').send(body);
  });

  /** 200 WebhookEndpointView; 400 invalid_request; 404 not_found. */
  app.patch<EndpointParams>('/api/admin/applications/:id/webhooks/:webhookId', async (request) => {
    const parsed = updateWebhookRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      throw new HttpError(400, 'invalid_request', `Send { enabled?, events? } (${describeIssues(parsed.error)}).`);
    }
    const { id: applicationId, webhookId } = request.params;
    const endpoint = await deps.endpoints.update(applicationId, webhookId, parsed.data);
    await deps.audit.record({
      actor: actorOf(request),
      action: 'webhook.updated',
      detail: { applicationId, webhookId, ...parsed.data },
    });
    return endpoint;
  });

  /** 204; 404 not_found. The endpoint's deliveries go with it. */
  app.delete<EndpointParams>('/api/admin/applications/:id/webhooks/:webhookId', async (request, reply) => {
    const { id: applicationId, webhookId } = request.params;
    await deps.endpoints.remove(applicationId, webhookId);
    await deps.audit.record({ actor: actorOf(request), action: 'webhook.deleted', detail: { applicationId, webhookId } });
    return reply.code(204).send();
  });

  /** 200 WebhookDeliveryListResponse, newest first; 400 invalid_request | invalid_cursor; 404 not_found. */
  app.get<EndpointParams>('/api/admin/applications/:id/webhooks/:webhookId/deliveries', async (request) => {
    const query = webhookDeliveryListQuerySchema.safeParse(request.query);
    if (!query.success) {
      throw new HttpError(400, 'invalid_request', `Query: cursor?, limit? 1–100 (${describeIssues(query.error)}).`);
    }
    const { id: applicationId, webhookId } = request.params;
    await deps.endpoints.requireEndpoint(applicationId, webhookId);
    const body: WebhookDeliveryListResponse = await deps.deliveries.listForEndpoint(webhookId, query.data);
    return body;
  });

  /** 201 WebhookDeliveryView: a new attempt, due now, of the same event (same webhook-id, same body); 404 not_found. */
  app.post<AppParams>('/api/admin/webhook-deliveries/:id/redeliver', async (request, reply) => {
    const delivery = await deps.deliveries.redeliver(request.params.id);
    if (!delivery) throw new HttpError(404, 'not_found', 'No such webhook delivery.');
    await deps.audit.record({
      actor: actorOf(request),
      action: 'webhook.redelivered',
      detail: {
        deliveryId: request.params.id,
        newDeliveryId: delivery.id,
        eventId: delivery.eventId,
        webhookId: delivery.endpointId,
      },
    });
    notifyWebhookEvents();
    return reply.code(201).send(delivery);
  });

  /** 200 WebhookDeliveryListResponse: the deliveries of the case's session (empty without one); 404 not_found. */
  app.get<AppParams>('/api/cases/:id/webhook-deliveries', async (request, reply) => {
    const deliveries = await deps.deliveries.listForCase(request.params.id);
    if (!deliveries) throw new HttpError(404, 'not_found', 'No such case.');
    reply.header('cache-control', 'private, no-store');
    const body: WebhookDeliveryListResponse = { deliveries };
    return body;
  });
}

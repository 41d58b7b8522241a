/**
 * Webhook routes. Admin (the access guard requires role admin under /api/admin; each change is
 * audited, never with the secret or the URL's path and query): endpoints of an application, their
 * delivery log, redelivery. Reviewers: a case's deliveries, for its timeline.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  applicationParamsSchema,
  caseParamsSchema,
  createWebhookRequestSchema,
  createWebhookResponseSchema,
  updateWebhookRequestSchema,
  webhookDeliveryListQuerySchema,
  webhookDeliveryListResponseSchema,
  webhookDeliveryParamsSchema,
  webhookDeliveryViewSchema,
  webhookEndpointParamsSchema,
  webhookEndpointViewSchema,
  type CreateWebhookResponse,
  type WebhookDeliveryListResponse,
} from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { actorOf } from '../auth/reviewer-guard.js';
import { HttpError } from '../http-error.js';
import { errorAnswers, noContent } from '../http/answers.js';
import type { DeliveryStore } from './delivery-store.js';
import type { WebhookEndpoints } from './endpoints.js';
import { notifyWebhookEvents } from './notifier.js';

export interface WebhookRouteDeps {
  endpoints: WebhookEndpoints;
  deliveries: DeliveryStore;
  audit: AuditLog;
}

/** Enough to tell endpoints apart in the audit log; a path or query may hold the receiver's token. */
const originOf = (url: string) => new URL(url).origin;

export async function webhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  /** 201 {id, secret} (the only time the secret is shown); 400 invalid_request | invalid_webhook_url; 404 not_found. */
  api.post(
    '/api/admin/applications/:id/webhooks',
    {
      schema: {
        tags,
        summary: 'Add a webhook endpoint to an application (its secret is shown only here)',
        params: applicationParamsSchema,
        body: createWebhookRequestSchema,
        response: {
          201: createWebhookResponseSchema,
          ...errorAnswers({ 400: ['invalid_request', 'invalid_webhook_url'], 404: ['not_found'] }),
        },
      },
      config: { validationHint: 'Send { url, events? }' },
    },
    async (request, reply) => {
      const applicationId = request.params.id;
      const { endpoint, secret } = await deps.endpoints.create(applicationId, request.body);
      await deps.audit.record({
        actor: actorOf(request),
        action: 'webhook.created',
        detail: { applicationId, webhookId: endpoint.id, origin: originOf(endpoint.url), events: endpoint.events ?? 'all' },
      });
      const body: CreateWebhookResponse = { id: endpoint.id, secret };
      return reply.code(201).header('cache-control', 'no-store').send(body);
    },
  );

  api.patch(
    '/api/admin/applications/:id/webhooks/:webhookId',
    {
      schema: {
        tags,
        summary: 'Enable, disable or re-subscribe a webhook endpoint',
        params: webhookEndpointParamsSchema,
        body: updateWebhookRequestSchema,
        response: { 200: webhookEndpointViewSchema, ...errorAnswers({ 400: ['invalid_request'], 404: ['not_found'] }) },
      },
      config: { validationHint: 'Send { enabled?, events? }' },
    },
    async (request) => {
      const { id: applicationId, webhookId } = request.params;
      const endpoint = await deps.endpoints.update(applicationId, webhookId, request.body);
      await deps.audit.record({
        actor: actorOf(request),
        action: 'webhook.updated',
        detail: { applicationId, webhookId, ...request.body },
      });
      return endpoint;
    },
  );

  /** The endpoint's deliveries go with it. */
  api.delete(
    '/api/admin/applications/:id/webhooks/:webhookId',
    {
      schema: {
        tags,
        summary: 'Delete a webhook endpoint and its delivery log',
        params: webhookEndpointParamsSchema,
        response: { 204: noContent('Deleted'), ...errorAnswers({ 404: ['not_found'] }) },
      },
    },
    async (request, reply) => {
      const { id: applicationId, webhookId } = request.params;
      await deps.endpoints.remove(applicationId, webhookId);
      await deps.audit.record({ actor: actorOf(request), action: 'webhook.deleted', detail: { applicationId, webhookId } });
      return reply.code(204).send();
    },
  );

  api.get(
    '/api/admin/applications/:id/webhooks/:webhookId/deliveries',
    {
      schema: {
        tags,
        summary: "A webhook endpoint's delivery log, newest first",
        params: webhookEndpointParamsSchema,
        querystring: webhookDeliveryListQuerySchema,
        response: {
          200: webhookDeliveryListResponseSchema,
          ...errorAnswers({ 400: ['invalid_request', 'invalid_cursor'], 404: ['not_found'] }),
        },
      },
      config: { validationHint: 'Query: cursor?, limit? 1–100' },
    },
    async (request) => {
      const { id: applicationId, webhookId } = request.params;
      await deps.endpoints.requireEndpoint(applicationId, webhookId);
      const body: WebhookDeliveryListResponse = await deps.deliveries.listForEndpoint(webhookId, request.query);
      return body;
    },
  );

  /** A new attempt, due now, of the same event (same webhook-id, same body). */
  api.post(
    '/api/admin/webhook-deliveries/:id/redeliver',
    {
      schema: {
        tags,
        summary: 'Deliver an event again (same webhook-id and body)',
        params: webhookDeliveryParamsSchema,
        response: { 201: webhookDeliveryViewSchema, ...errorAnswers({ 404: ['not_found'] }) },
      },
      config: { noBody: true },
    },
    async (request, reply) => {
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
    },
  );

  /** The deliveries of the case's session (empty without one). */
  api.get(
    '/api/cases/:id/webhook-deliveries',
    {
      schema: {
        tags: ['cases'],
        summary: "The webhook deliveries of a case's session",
        params: caseParamsSchema,
        response: { 200: webhookDeliveryListResponseSchema, ...errorAnswers({ 404: ['not_found'] }) },
      },
    },
    async (request, reply) => {
      const deliveries = await deps.deliveries.listForCase(request.params.id);
      if (!deliveries) throw new HttpError(404, 'not_found', 'No such case.');
      reply.header('cache-control', 'private, no-store');
      const body: WebhookDeliveryListResponse = { deliveries };
      return body;
    },
  );
}

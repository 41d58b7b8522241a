/**
 * Webhooks as one unit for app.ts: the routes, and the delivery worker that starts and stops
 * with the server.
 */
import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/log.js';
import type { Db } from '../db/client.js';
import { createDeliveryStore } from './delivery-store.js';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker.js';
import { createWebhookEndpoints } from './endpoints.js';
import { createWebhookSender, type Resolver } from './outgoing.js';
import { webhookRoutes } from './routes.js';

export interface WebhooksOptions {
  db: Db;
  audit: AuditLog;
  allowPrivate: boolean;
  /** Tests inject a resolver; default the system's. */
  resolve?: Resolver;
}

export async function installWebhooks(app: FastifyInstance, options: WebhooksOptions): Promise<DeliveryWorker> {
  const { db, audit, allowPrivate } = options;
  await webhookRoutes(app, {
    endpoints: createWebhookEndpoints(db, { allowPrivate }),
    deliveries: createDeliveryStore(db),
    audit,
  });
  return createDeliveryWorker({ db, sender: createWebhookSender({ allowPrivate, resolve: options.resolve }), log: app.log });
}

/**
 * The webhook outbox. A session change calls `recordWebhookEvent` inside the transaction that makes
 * the change, so the event exists exactly when the change does (a crash loses neither, and never
 * one without the other). It stores the body once, as it will be sent, and one delivery per enabled
 * endpoint of the application that subscribes to the type; the delivery worker takes them from there.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { SessionView, WebhookEvent, WebhookEventType } from '@contract/api';
import type { Db } from '../db/client.js';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '../db/schema.js';
import { notifyWebhookEvents } from './notifier.js';

/** A transaction or the database itself. */
export type DbOrTx = Pick<Db, 'insert' | 'select'>;

export interface RecordedWebhookEvent {
  eventId: string;
  deliveries: number;
}

/** Standard Webhooks ids are opaque strings; `msg_` + 128 random bits, like the reference SDKs. */
export function newWebhookEventId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

export async function recordWebhookEvent(
  tx: DbOrTx,
  event: { applicationId: string; type: WebhookEventType; session: SessionView; at?: Date },
): Promise<RecordedWebhookEvent> {
  const eventId = newWebhookEventId();
  const at = event.at ?? new Date();
  const payload: WebhookEvent = { type: event.type, timestamp: at.toISOString(), data: event.session };
  await tx.insert(webhookEvents).values({
    id: eventId,
    applicationId: event.applicationId,
    sessionId: event.session.id,
    type: event.type,
    payload,
    createdAt: at,
  });
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.applicationId, event.applicationId), eq(webhookEndpoints.enabled, true)));
  const subscribed = endpoints.filter((e) => !e.events || e.events.includes(event.type));
  if (subscribed.length > 0) {
    await tx
      .insert(webhookDeliveries)
      .values(
        subscribed.map((e) => ({ id: randomUUID(), eventId, endpointId: e.id, status: 'pending' as const, nextAttemptAt: at })),
      );
  }
  // A hint to the worker (it polls anyway); the caller may call notifyWebhookEvents() again after its commit.
  if (subscribed.length > 0) notifyWebhookEvents();
  return { eventId, deliveries: subscribed.length };
}

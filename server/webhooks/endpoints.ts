/**
 * Webhook endpoints of an application (admin): create with a generated secret (returned once),
 * enable/disable, change the event filter, delete. The URL is checked for syntax, scheme and
 * literal private addresses here; names are checked on their resolved addresses at every attempt.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CreateWebhookRequest, WebhookEndpointView, WebhookEventType } from '@contract/api';
import type { Db } from '../db/client.js';
import { applications, webhookEndpoints } from '../db/schema.js';
import { InvalidInput, NotFound } from '../domain-errors.js';
import { WebhookTargetError, checkWebhookUrl } from './outgoing.js';
import { newWebhookSecret } from './signing.js';

export interface EndpointChange {
  enabled?: boolean;
  /** null: every event type. */
  events?: WebhookEventType[] | null;
}

function endpointView(r: typeof webhookEndpoints.$inferSelect): WebhookEndpointView {
  return { id: r.id, url: r.url, events: r.events ?? undefined, enabled: r.enabled, createdAt: r.createdAt.toISOString() };
}

export function createWebhookEndpoints(db: Db, options: { allowPrivate: boolean }) {
  async function requireApplication(applicationId: string): Promise<void> {
    const [app] = await db.select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId));
    if (!app) throw new NotFound('not_found', 'No such application.');
  }

  async function requireEndpoint(applicationId: string, webhookId: string) {
    await requireApplication(applicationId);
    const [row] = await db
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.applicationId, applicationId), eq(webhookEndpoints.id, webhookId)));
    if (!row) throw new NotFound('not_found', 'No such webhook endpoint.');
    return row;
  }

  return {
    requireEndpoint,

    async create(
      applicationId: string,
      request: CreateWebhookRequest,
    ): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
      await requireApplication(applicationId);
      try {
        checkWebhookUrl(request.url, options.allowPrivate);
      } catch (err) {
        if (err instanceof WebhookTargetError) throw new InvalidInput('invalid_webhook_url', err.message);
        throw err;
      }
      const secret = newWebhookSecret();
      const [row] = await db
        .insert(webhookEndpoints)
        .values({ id: randomUUID(), applicationId, url: request.url, secret, events: request.events ?? null })
        .returning();
      return { endpoint: endpointView(row!), secret };
    },

    async update(applicationId: string, webhookId: string, change: EndpointChange): Promise<WebhookEndpointView> {
      await requireEndpoint(applicationId, webhookId);
      const set: Partial<typeof webhookEndpoints.$inferInsert> = {};
      if (change.enabled !== undefined) set.enabled = change.enabled;
      if (change.events !== undefined) set.events = change.events;
      if (Object.keys(set).length === 0) return endpointView(await requireEndpoint(applicationId, webhookId));
      const [row] = await db.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, webhookId)).returning();
      return endpointView(row!);
    },

    /** Its pending deliveries go with it (the events stay, for other endpoints and the record). */
    async remove(applicationId: string, webhookId: string): Promise<void> {
      await requireEndpoint(applicationId, webhookId);
      await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, webhookId));
    },
  };
}

export type WebhookEndpoints = ReturnType<typeof createWebhookEndpoints>;

/**
 * The deliveries table: claiming due attempts with a lease, recording each attempt's outcome,
 * the admin delivery log and redelivery. Times come from the database clock (now()), so several
 * server processes agree on what is due.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { WebhookDeliveryView, WebhookEvent } from '@contract/api';
import type { Db } from '../db/client.js';
import { claimLeases, DELIVERY_LEASES } from '../db/leases.js';
import { cases, webhookDeliveries, webhookEndpoints, webhookEvents } from '../db/schema.js';
import type { AttemptResult } from './outgoing.js';
import { RETRY_WINDOW_MS } from './schedule.js';
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.js';

/** A claimed delivery with what its attempt needs. */
export interface DueDelivery {
  id: string;
  eventId: string;
  /** Attempts including this one. */
  attempts: number;
  url: string;
  secret: string;
  enabled: boolean;
  payload: WebhookEvent;
}

const viewColumns = {
  d: webhookDeliveries,
  url: webhookEndpoints.url,
  eventType: webhookEvents.type,
  sessionId: webhookEvents.sessionId,
  cursorAt: sql<string>`${webhookDeliveries.createdAt}::text`,
};
type ViewRow = {
  d: typeof webhookDeliveries.$inferSelect;
  url: string;
  eventType: WebhookDeliveryView['eventType'];
  sessionId: string;
};

function deliveryView(r: ViewRow): WebhookDeliveryView {
  const d = r.d;
  return {
    id: d.id,
    endpointId: d.endpointId,
    url: r.url,
    eventId: d.eventId,
    eventType: r.eventType,
    sessionId: r.sessionId,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus ?? undefined,
    lastError: d.lastError ?? undefined,
    latencyMs: d.latencyMs ?? undefined,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : undefined,
    deliveredAt: d.deliveredAt?.toISOString(),
  };
}

export function createDeliveryStore(db: Db) {
  const listRows = (where: SQL | undefined, limit: number) =>
    db
      .select(viewColumns)
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(limit);

  return {
    /**
     * Leases up to `limit` due deliveries to `owner` (server/db/leases.ts): pending ones whose time
     * has come, and in-flight ones whose lease ran out (their worker died).
     */
    async claimDue(owner: string, limit: number, leaseMs: number): Promise<DueDelivery[]> {
      const due = sql`((status = 'pending' and next_attempt_at <= now()) or (status = 'delivering' and lease_until < now()))`;
      const claimed = await claimLeases(db, DELIVERY_LEASES, {
        owner,
        leaseMs,
        claimable: due,
        orderBy: sql`next_attempt_at`,
        limit,
        set: sql`status = 'delivering', attempts = attempts + 1`,
      });
      if (claimed.length === 0) return [];
      const rows = await db
        .select({
          id: webhookDeliveries.id,
          eventId: webhookDeliveries.eventId,
          attempts: webhookDeliveries.attempts,
          url: webhookEndpoints.url,
          secret: webhookEndpoints.secret,
          enabled: webhookEndpoints.enabled,
          payload: webhookEvents.payload,
        })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .where(inArray(webhookDeliveries.id, claimed));
      return rows;
    },

    /**
     * Records an attempt. A failure schedules the next one `retryInMs` from now, or gives up
     * (`failed`) when the delivery is older than the retry window. Only the lease holder writes.
     */
    async finishAttempt(id: string, owner: string, result: AttemptResult, retryInMs: number): Promise<void> {
      const outcome = result.delivered
        ? sql`status = 'delivered', delivered_at = now(), last_error = null`
        : sql`status = case when created_at <= now() - ${RETRY_WINDOW_MS}::double precision * interval '1 millisecond' then 'failed' else 'pending' end,
              next_attempt_at = now() + ${retryInMs}::double precision * interval '1 millisecond', last_error = ${result.error ?? 'failed'}`;
      await db.execute(sql`
        update webhook_deliveries
        set ${outcome}, response_status = ${result.status ?? null}, latency_ms = ${result.latencyMs},
            lease_owner = null, lease_until = null
        where id = ${id} and status = 'delivering' and lease_owner = ${owner}`);
    },

    /** Gives up at once (the endpoint was disabled meanwhile). */
    async abandon(id: string, owner: string, reason: string): Promise<void> {
      await db.execute(sql`
        update webhook_deliveries set status = 'failed', last_error = ${reason}, lease_owner = null, lease_until = null
        where id = ${id} and status = 'delivering' and lease_owner = ${owner}`);
    },

    /** An endpoint's delivery log, newest first, keyset-paginated. */
    async listForEndpoint(endpointId: string, page: { cursor?: string; limit: number }) {
      const where = [eq(webhookDeliveries.endpointId, endpointId)];
      if (page.cursor) {
        const c = decodeCursor(page.cursor);
        where.push(sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${c.t}::timestamptz, ${c.id})`);
      }
      const rows = await listRows(and(...where), page.limit + 1);
      const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
      return {
        deliveries: rows.slice(0, page.limit).map(deliveryView),
        nextCursor: last ? encodeCursor({ t: last.cursorAt, id: last.d.id }) : undefined,
      };
    },

    /** Every delivery of a session's events (a case's timeline), newest first. */
    async listForSession(sessionId: string, limit = 200): Promise<WebhookDeliveryView[]> {
      return (await listRows(eq(webhookEvents.sessionId, sessionId), limit)).map(deliveryView);
    },

    /** The deliveries of a case's session; undefined when there is no such case (none without a session). */
    async listForCase(caseId: string): Promise<WebhookDeliveryView[] | undefined> {
      const [c] = await db.select({ sessionId: cases.sessionId }).from(cases).where(eq(cases.id, caseId));
      if (!c) return undefined;
      return c.sessionId ? this.listForSession(c.sessionId) : [];
    },

    async find(id: string): Promise<WebhookDeliveryView | undefined> {
      const [row] = await listRows(eq(webhookDeliveries.id, id), 1);
      return row ? deliveryView(row) : undefined;
    },

    /** A new pending delivery of the same event (same id and body) to the same endpoint, due now. */
    async redeliver(id: string): Promise<WebhookDeliveryView | undefined> {
      const [old] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
      if (!old) return undefined;
      const newId = randomUUID();
      await db
        .insert(webhookDeliveries)
        .values({ id: newId, eventId: old.eventId, endpointId: old.endpointId, status: 'pending', nextAttemptAt: sql`now()` });
      return this.find(newId);
    },
  };
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;

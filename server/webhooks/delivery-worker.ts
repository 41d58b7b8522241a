/**
 * The delivery worker: every second (and at once when notified of a new event) it claims due
 * deliveries with a lease, POSTs each event's stored body signed for its endpoint, and records the
 * outcome — delivered on a 2xx, otherwise retried on the back-off schedule. At-least-once: a worker
 * killed mid-attempt leaves a lease that runs out, and the next worker tries again.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { newLeaseOwner } from '../db/leases.js';
import { createDeliveryStore, type DueDelivery } from './delivery-store.js';
import { onWebhookEvents } from './notifier.js';
import type { WebhookSender } from './outgoing.js';
import { nextAttemptDelay } from './schedule.js';
import { signWebhook } from './signing.js';

export interface DeliveryWorkerOptions {
  db: Db;
  sender: WebhookSender;
  log: Pick<FastifyBaseLogger, 'warn' | 'error' | 'debug'>;
  pollMs?: number;
  /** Deliveries attempted side by side. */
  batchSize?: number;
  /** Longer than an attempt can take (10 s timeout), so a live worker never loses its lease. */
  leaseMs?: number;
  random?: () => number;
}

export interface DeliveryWorker {
  start(): void;
  /** Stops polling and waits for the attempts in flight. */
  stop(): Promise<void>;
  /** One pass over everything due now (tests drive the worker with this); the number attempted. */
  runOnce(): Promise<number>;
}

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { sender, log, pollMs = 1000, batchSize = 10, leaseMs = 60_000, random = Math.random } = options;
  const store = createDeliveryStore(options.db);
  const owner = newLeaseOwner();
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let running: Promise<unknown> | undefined;
  let again = false;
  let stopping = false;

  async function attempt(d: DueDelivery): Promise<void> {
    if (!d.enabled) return store.abandon(d.id, owner, 'endpoint disabled');
    // The stored event, serialised the same way on every attempt (same bytes, same signature input).
    const body = JSON.stringify(d.payload);
    const result = await sender.post(d.url, signWebhook(d.secret, d.eventId, body), body);
    if (!result.delivered) {
      // Never the URL (it may carry the receiver's token) nor any header.
      log.warn({ deliveryId: d.id, attempt: d.attempts, status: result.status, error: result.error }, 'webhook attempt failed');
    }
    await store.finishAttempt(d.id, owner, result, result.delivered ? 0 : nextAttemptDelay(d.attempts, random));
  }

  async function runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const due = await store.claimDue(owner, batchSize, leaseMs);
      await Promise.all(
        due.map((d) => attempt(d).catch((err: unknown) => log.error({ err, deliveryId: d.id }, 'webhook attempt'))),
      );
      total += due.length;
      if (due.length < batchSize || stopping) return total;
    }
  }

  /** One pass at a time; a wake-up during a pass runs another right after it. */
  function tick(): void {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = runOnce()
      .catch((err: unknown) => log.error({ err }, 'webhook delivery pass failed; it runs again at the next poll'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          tick();
        }
      });
  }

  return {
    start() {
      stopping = false;
      timer = setInterval(tick, pollMs);
      timer.unref();
      unsubscribe = onWebhookEvents(() => setTimeout(tick, 25).unref());
      tick();
    },
    async stop() {
      stopping = true;
      clearInterval(timer);
      unsubscribe?.();
      await running;
      await sender.close();
    },
    runOnce,
  };
}

/**
 * Prometheus metrics (prom-client, a registry of this server's own — tests run several servers in one process):
 * vendor calls by vendor and outcome (count, latency, errors, throttles), each vendor's circuit and queue, the work
 * queues in the database (depth and oldest item's age: checks, capture screenings, webhook deliveries) and HTTP
 * latency by route pattern (never the raw URL: it can carry tokens). The database gauges are read at scrape time,
 * once per scrape, in three small counting queries.
 */
import { sql } from 'drizzle-orm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/database.js';
import type { AttemptEvent, VendorGateway } from '../checks/vendor-gateway.js';

export interface Metrics {
  registry: Registry;
  /** The vendor gateways' observer (server/checks/vendor-calls.ts calls it). */
  vendorCall(event: AttemptEvent): void;
  httpRequest(method: string, route: string, status: number, seconds: number): void;
}

const CIRCUIT_VALUE = { closed: 0, half_open: 1, open: 2 } as const;
const QUEUES = ['checks', 'screenings', 'webhooks'] as const;
type Queue = (typeof QUEUES)[number];
type QueueSnapshot = Record<Queue, { depth: number; oldestSeconds: number }>;

/** The outcome label: `ok` for an answer with a verdict, else the error category (throttled, timeout…). */
export const outcomeLabel = (event: AttemptEvent): string => (event.outcome.kind === 'result' ? 'ok' : event.outcome.category);

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows?: Array<Record<string, unknown>> }).rows ?? []);

async function queueSnapshot(db: Db): Promise<QueueSnapshot> {
  const read = async (query: ReturnType<typeof sql>) => {
    const row = rowsOf(await db.execute(query))[0] ?? {};
    return { depth: Number(row.depth ?? 0), oldestSeconds: Math.max(0, Number(row.oldest ?? 0)) };
  };
  const [checks, screenings, webhooks] = await Promise.all([
    read(sql`select count(*) as depth, coalesce(extract(epoch from now() - min(created_at)), 0) as oldest
             from checks where status in ('pending', 'running')`),
    read(sql`select count(*) as depth, coalesce(extract(epoch from now() - min(created_at)), 0) as oldest
             from cases where integrity->>'status' = 'pending'`),
    read(sql`select count(*) as depth, coalesce(extract(epoch from now() - min(created_at)), 0) as oldest
             from webhook_deliveries where status in ('pending', 'delivering')`),
  ]);
  return { checks, screenings, webhooks };
}

export function createMetrics(deps: { db: Db; gateways: () => ReadonlyMap<string, VendorGateway> }): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'selfie_' });

  const vendorRequests = new Counter({
    name: 'selfie_vendor_requests_total',
    help: 'Vendor calls that ended, by vendor and outcome (ok, or the error category: throttled, unavailable, timeout…)',
    labelNames: ['vendor', 'outcome', 'sent'],
    registers,
  });
  const vendorErrors = new Counter({
    name: 'selfie_vendor_errors_total',
    help: 'Vendor calls that ended without a verdict, by vendor and error category',
    labelNames: ['vendor', 'category'],
    registers,
  });
  const vendorThrottles = new Counter({
    name: 'selfie_vendor_throttled_total',
    help: 'Vendor answers "throttled" (the vendor did no work), by vendor',
    labelNames: ['vendor'],
    registers,
  });
  const vendorLatency = new Histogram({
    name: 'selfie_vendor_request_duration_seconds',
    help: "Vendor calls' latency as the adapter measured it, by vendor and outcome",
    labelNames: ['vendor', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60],
    registers,
  });
  const httpLatency = new Histogram({
    name: 'selfie_http_request_duration_seconds',
    help: 'HTTP answers by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });

  const gatewayGauge = (name: string, help: string, value: (g: VendorGateway) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['vendor'],
      registers,
      collect() {
        this.reset();
        for (const [id, gateway] of deps.gateways()) this.set({ vendor: id }, value(gateway));
      },
    });
  gatewayGauge(
    'selfie_vendor_circuit_state',
    "Each vendor's circuit breaker in this process: 0 closed, 1 half-open, 2 open",
    (g) => {
      return CIRCUIT_VALUE[g.health().state];
    },
  );
  gatewayGauge('selfie_vendor_in_flight', 'Vendor calls under way in this process', (g) => g.health().inFlight);
  gatewayGauge(
    'selfie_vendor_queued',
    'Checks in this process waiting for a slot, an open circuit or a retry',
    (g) => g.health().queued,
  );

  // One snapshot per scrape for both queue gauges (prom-client collects metrics concurrently).
  let pending: { at: number; snapshot: Promise<QueueSnapshot> } | undefined;
  const snapshot = () => {
    if (!pending || Date.now() - pending.at > 1000) pending = { at: Date.now(), snapshot: queueSnapshot(deps.db) };
    return pending.snapshot;
  };
  new Gauge({
    name: 'selfie_queue_depth',
    help: 'Unfinished work in the database (the whole deployment): checks pending or running, capture screenings pending, webhook deliveries pending or delivering',
    labelNames: ['queue'],
    registers,
    async collect() {
      const s = await snapshot();
      for (const q of QUEUES) this.set({ queue: q }, s[q].depth);
    },
  });
  new Gauge({
    name: 'selfie_queue_oldest_age_seconds',
    help: "Age of each queue's oldest unfinished item (database clock)",
    labelNames: ['queue'],
    registers,
    async collect() {
      const s = await snapshot();
      for (const q of QUEUES) this.set({ queue: q }, s[q].oldestSeconds);
    },
  });
  new Gauge({
    name: 'selfie_webhook_backlog',
    help: 'Webhook deliveries not delivered or given up yet',
    registers,
    async collect() {
      this.set((await snapshot()).webhooks.depth);
    },
  });

  return {
    registry,
    vendorCall(event) {
      const vendor = event.providerId;
      const outcome = outcomeLabel(event);
      vendorRequests.inc({ vendor, outcome, sent: String(event.sent) });
      if (event.outcome.kind === 'error') vendorErrors.inc({ vendor, category: event.outcome.category });
      if (outcome === 'throttled' && event.sent) vendorThrottles.inc({ vendor });
      if (event.sent) vendorLatency.observe({ vendor, outcome }, event.outcome.latencyMs / 1000);
    },
    httpRequest(method, route, status, seconds) {
      httpLatency.observe({ method, route, status: String(status) }, seconds);
    },
  };
}

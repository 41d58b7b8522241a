/**
 * The vendor-call log and metrics: one log line per try of a check (vendor, try, outcome, latency), carrying the
 * id of the request that started the work (`reqId`, as on the request log) when there is one — a check resumed
 * after a restart has none. Never the media, the credentials or the vendor's body.
 */
import type { FastifyBaseLogger } from 'fastify';
import { currentRequestId } from '../http/request-id.js';
import type { AttemptEvent, AttemptObserver } from './vendor-gateway.js';

export function vendorCallObserver(log: () => FastifyBaseLogger, record?: (event: AttemptEvent) => void): AttemptObserver {
  return (event) => {
    try {
      record?.(event);
      const { outcome } = event;
      log().info(
        {
          reqId: currentRequestId(),
          provider: event.providerId,
          attempt: event.attempt,
          sent: event.sent,
          outcome: outcome.kind === 'result' ? 'ok' : outcome.category,
          ...(outcome.kind === 'error' ? { vendorCode: outcome.vendorCode } : {}),
          latencyMs: outcome.latencyMs,
        },
        'vendor call',
      );
    } catch {
      // Observability must never fail a check.
    }
  };
}

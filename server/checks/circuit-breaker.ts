/**
 * Stops calling a vendor that keeps failing. After `failureThreshold` consecutive outages the
 * circuit opens for `cooldownMs`; then one trial call is let through (half-open): success closes
 * it, failure opens it again. Checks wait rather than fail while it is open.
 */
import type { CircuitState } from '@contract/api';

export type { CircuitState };

export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
}

export interface CircuitSnapshot {
  state: CircuitState;
  consecutiveFailures: number;
  /** When an open circuit lets the next trial call through (epoch ms). */
  retryAt?: number;
}

export interface CircuitBreaker {
  /** 0 when a call may start now; otherwise how long to wait before asking again. */
  waitMs(): number;
  /** Marks the start of a call (claims the single half-open trial). */
  begin(): void;
  record(result: 'success' | 'failure'): void;
  /** The call ended before anything was sent: it says nothing about the vendor, but frees the half-open trial. */
  abandon(): void;
  snapshot(): CircuitSnapshot;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let trialInFlight = false;

  return {
    waitMs() {
      if (state === 'closed') return 0;
      if (state === 'open') {
        const left = openedAt + options.cooldownMs - now();
        if (left > 0) return left;
        state = 'half_open';
      }
      // Half-open: exactly one trial at a time; the others poll again shortly.
      return trialInFlight ? Math.min(1000, options.cooldownMs) : 0;
    },
    begin() {
      if (state === 'half_open') trialInFlight = true;
    },
    record(result) {
      if (result === 'success') {
        state = 'closed';
        failures = 0;
      } else {
        failures += 1;
        if (state === 'half_open' || failures >= options.failureThreshold) {
          state = 'open';
          openedAt = now();
        }
      }
      trialInFlight = false;
    },
    abandon() {
      trialInFlight = false;
    },
    snapshot() {
      this.waitMs(); // moves an expired open circuit to half-open
      return {
        state,
        consecutiveFailures: failures,
        retryAt: state === 'open' ? openedAt + options.cooldownMs : undefined,
      };
    },
  };
}

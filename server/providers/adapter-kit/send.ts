/**
 * The deadline around a vendor call: our own timeout combined with the caller's signal, the elapsed time every
 * outcome reports, and what a thrown fetch becomes (timeout, cancelled or unreachable).
 */
import type { CheckOutcome } from '../types.js';
import type { TransportOutcomes } from './outcomes.js';

/** Milliseconds since this was called, rounded, as every outcome's latencyMs. */
export function startLatencyClock(): () => number {
  const started = performance.now();
  return () => Math.round(performance.now() - started);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof DOMException && reason.name === 'TimeoutError';
}

/** Node's fetch rejects with "fetch failed"; the useful part (ECONNREFUSED, a TLS message) is in its cause. */
export function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return errorMessage(error);
}

export interface Deadline {
  signal: AbortSignal;
  elapsedMs(): number;
}

export interface DeadlineOptions {
  timeoutMs: number;
  /** The caller's signal; its own TimeoutError counts as a timeout, any other abort as cancelled. */
  signal?: AbortSignal;
  outcomes: TransportOutcomes;
  /** The check's latency clock when it started before the deadline (e.g. while the request was built). */
  elapsedMs?: () => number;
}

/**
 * Runs `work` under our own deadline and the caller's signal. Whatever `work` throws (fetch rejects on abort and on
 * network errors) becomes timeout, cancelled or unavailable.
 */
export async function runWithDeadline(
  options: DeadlineOptions,
  work: (deadline: Deadline) => Promise<CheckOutcome>,
): Promise<CheckOutcome> {
  const elapsedMs = options.elapsedMs ?? startLatencyClock();
  const { outcomes } = options;
  const timeoutSignal = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeoutSignal]) : timeoutSignal;
  try {
    return await work({ signal, elapsedMs });
  } catch (error) {
    if (timeoutSignal.aborted) return outcomes.timeout(elapsedMs(), options.timeoutMs);
    if (options.signal?.aborted) {
      return isTimeoutReason(options.signal.reason) ? outcomes.timeout(elapsedMs(), elapsedMs()) : outcomes.aborted(elapsedMs());
    }
    return outcomes.networkFailure(elapsedMs(), describeNetworkError(error));
  }
}

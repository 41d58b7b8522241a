import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker.js';

describe('circuit breaker', () => {
  it('opens after consecutive failures, lets one trial through after the cooldown, and closes on success', () => {
    let t = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 3, cooldownMs: 10_000, now: () => t });
    breaker.record('failure');
    breaker.record('failure');
    expect(breaker.waitMs()).toBe(0);
    breaker.record('failure');
    expect(breaker.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 3, retryAt: 10_000 });
    t = 4_000;
    expect(breaker.waitMs()).toBe(6_000);
    t = 10_000;
    expect(breaker.waitMs()).toBe(0);
    breaker.begin();
    expect(breaker.snapshot().state).toBe('half_open');
    expect(breaker.waitMs()).toBeGreaterThan(0); // only one trial at a time
    breaker.record('success');
    expect(breaker.snapshot()).toEqual({ state: 'closed', consecutiveFailures: 0, retryAt: undefined });
  });

  it('re-opens when the half-open trial fails', () => {
    let t = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 1_000, now: () => t });
    breaker.record('failure');
    t = 1_000;
    expect(breaker.waitMs()).toBe(0);
    breaker.begin();
    breaker.record('failure');
    expect(breaker.snapshot()).toMatchObject({ state: 'open', retryAt: 2_000 });
  });

  it('a success in between resets the count', () => {
    const breaker = createCircuitBreaker({ failureThreshold: 2, cooldownMs: 1_000 });
    breaker.record('failure');
    breaker.record('success');
    breaker.record('failure');
    expect(breaker.snapshot().state).toBe('closed');
  });
});

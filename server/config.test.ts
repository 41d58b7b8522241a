import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('review configuration', () => {
  it('has defaults: 30-day retention, 12-hour sessions, hourly purge, no configured admin', () => {
    const c = loadConfig({});
    expect(c.review).toMatchObject({ retentionDays: 30, sessionTtlMs: 12 * 3_600_000, purgeIntervalMs: 3_600_000 });
    expect(c.review.initialAdmin).toBeUndefined();
  });

  it('takes the first admin from ADMIN_EMAIL and ADMIN_PASSWORD together only, with a long enough password', () => {
    expect(loadConfig({ ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'twelve-chars' }).review.initialAdmin).toEqual({
      email: 'a@b.c',
      password: 'twelve-chars',
    });
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.c' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'twelve-chars' })).toThrow(/ADMIN_EMAIL/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'short' })).toThrow(/at least 12/);
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
  });
});

describe('login throttle configuration', () => {
  it('has defaults, still reads LOGIN_MAX_FAILURES_PER_EMAIL, and refuses a window shorter than the longest wait', () => {
    expect(loadConfig({}).review.login).toEqual({
      failuresBeforeDelay: 5,
      maxFailuresPerAddress: 20,
      firstDelayMs: 30_000,
      maxDelayMs: 15 * 60_000,
      maxFailuresPerAccount: 100,
      accountDelayMs: 5_000,
      windowMs: 60 * 60_000,
    });
    expect(loadConfig({ LOGIN_MAX_FAILURES_PER_EMAIL: '3' }).review.login.failuresBeforeDelay).toBe(3);
    expect(loadConfig({ LOGIN_MAX_FAILURES_PER_EMAIL: '3', LOGIN_FAILURES_BEFORE_DELAY: '4' }).review.login.failuresBeforeDelay).toBe(4);
    expect(() => loadConfig({ LOGIN_WINDOW_MINUTES: '10' })).toThrow(/LOGIN_WINDOW_MINUTES/);
    expect(() => loadConfig({ LOGIN_DELAY_SECONDS: '120', LOGIN_MAX_DELAY_MINUTES: '1' })).toThrow(/LOGIN_MAX_DELAY_MINUTES/);
    expect(() => loadConfig({ LOGIN_FAILURES_BEFORE_DELAY: '0' })).toThrow(/LOGIN_FAILURES_BEFORE_DELAY/);
  });
});

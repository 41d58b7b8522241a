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

describe('upload and connection bounds', () => {
  it('has defaults (no unbounded timeout) and refuses values that would switch a bound off', () => {
    const c = loadConfig({});
    expect(c.http).toEqual({ requestTimeoutMs: 600_000, connectionTimeoutMs: 120_000 });
    expect(c.uploadRate).toEqual({ minBytesPerSecond: 4096, windowMs: 20_000 });
    expect(loadConfig({ UPLOAD_MIN_BYTES_PER_SECOND: '1000', UPLOAD_RATE_WINDOW_SECONDS: '5' }).uploadRate).toEqual({ minBytesPerSecond: 1000, windowMs: 5000 });
    expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(/REQUEST_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ CONNECTION_TIMEOUT_SECONDS: '0' })).toThrow(/CONNECTION_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ UPLOAD_MIN_BYTES_PER_SECOND: '0' })).toThrow(/UPLOAD_MIN_BYTES_PER_SECOND/);
    expect(() => loadConfig({ UPLOAD_RATE_WINDOW_SECONDS: 'soon' })).toThrow(/UPLOAD_RATE_WINDOW_SECONDS/);
  });
});

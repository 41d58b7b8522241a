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
    expect(
      loadConfig({ LOGIN_MAX_FAILURES_PER_EMAIL: '3', LOGIN_FAILURES_BEFORE_DELAY: '4' }).review.login.failuresBeforeDelay,
    ).toBe(4);
    expect(() => loadConfig({ LOGIN_WINDOW_MINUTES: '10' })).toThrow(/LOGIN_WINDOW_MINUTES/);
    expect(() => loadConfig({ LOGIN_DELAY_SECONDS: '120', LOGIN_MAX_DELAY_MINUTES: '1' })).toThrow(/LOGIN_MAX_DELAY_MINUTES/);
    expect(() => loadConfig({ LOGIN_FAILURES_BEFORE_DELAY: '0' })).toThrow(/LOGIN_FAILURES_BEFORE_DELAY/);
  });
});

describe('abuse limits configuration', () => {
  it('has per-client rate limits, a free-space floor and backlog depths by default; RATE_LIMITS=off lifts the limits', () => {
    const c = loadConfig({});
    expect(c.rateLimits).toEqual({ captures: 6, status: 120, login: 10, reads: 120, mediaLinks: 300, probes: 600 });
    expect(c.admission).toEqual({ minFreeBytes: 512 * 1024 * 1024, maxPendingChecks: 500, maxPendingScreenings: 100 });
    expect(c.simulatorControl).toEqual({ open: false, token: undefined });
    expect(loadConfig({ RATE_LIMITS: 'off' }).rateLimits).toBeUndefined();
    expect(loadConfig({ RATE_LIMIT_CAPTURES_PER_MINUTE: '1000' }).rateLimits?.captures).toBe(1000);
    expect(loadConfig({ MIN_FREE_DISK_MB: '0' }).admission.minFreeBytes).toBe(0);
  });

  it('refuses nonsense values', () => {
    expect(() => loadConfig({ RATE_LIMITS: 'maybe' })).toThrow(/RATE_LIMITS/);
    expect(() => loadConfig({ RATE_LIMIT_CAPTURES_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_CAPTURES_PER_MINUTE/);
    expect(() => loadConfig({ MIN_FREE_DISK_MB: '-1' })).toThrow(/MIN_FREE_DISK_MB/);
    expect(() => loadConfig({ MAX_PENDING_CHECKS: '1.5' })).toThrow(/MAX_PENDING_CHECKS/);
    expect(() => loadConfig({ SIMULATOR_CONTROL: 'yes' })).toThrow(/SIMULATOR_CONTROL/);
    expect(() => loadConfig({ SIMULATOR_CONTROL_TOKEN: 'short' })).toThrow(/at least 32/);
  });
});

describe('upload and connection bounds', () => {
  it('has defaults (no unbounded timeout) and refuses values that would switch a bound off', () => {
    const c = loadConfig({});
    expect(c.http).toEqual({ requestTimeoutMs: 600_000, connectionTimeoutMs: 120_000 });
    expect(c.uploadRate).toEqual({ minBytesPerSecond: 4096, windowMs: 20_000 });
    expect(loadConfig({ UPLOAD_MIN_BYTES_PER_SECOND: '1000', UPLOAD_RATE_WINDOW_SECONDS: '5' }).uploadRate).toEqual({
      minBytesPerSecond: 1000,
      windowMs: 5000,
    });
    expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(/REQUEST_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ CONNECTION_TIMEOUT_SECONDS: '0' })).toThrow(/CONNECTION_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ UPLOAD_MIN_BYTES_PER_SECOND: '0' })).toThrow(/UPLOAD_MIN_BYTES_PER_SECOND/);
    expect(() => loadConfig({ UPLOAD_RATE_WINDOW_SECONDS: 'soon' })).toThrow(/UPLOAD_RATE_WINDOW_SECONDS/);
  });
});

describe('webhooks configuration', () => {
  it('refuses private webhook targets unless WEBHOOK_ALLOW_PRIVATE=on', () => {
    expect(loadConfig({}).webhooks).toEqual({ allowPrivate: false });
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'on' }).webhooks).toEqual({ allowPrivate: true });
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
  });
});

describe('several processes on one database', () => {
  const url = 'postgres://app@db/app';
  it('refuses DATABASE_URL without MEDIA_LINK_SECRET, saying why', () => {
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/Set MEDIA_LINK_SECRET when DATABASE_URL is set/);
    expect(loadConfig({ DATABASE_URL: url, MEDIA_LINK_SECRET: 's'.repeat(32) }).mediaLinkSecret).toBe('s'.repeat(32));
    expect(loadConfig({}).mediaLinkSecret).toBeUndefined(); // the embedded store: one process, a random key is fine
  });

  it('trusts no proxy by default, or the addresses TRUST_PROXY names; refuses hop counts and junk', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,loopback' }).trustProxy).toBe('10.0.0.1, 10.1.0.0/16,loopback');
    expect(loadConfig({ TRUST_PROXY: 'fd00::/8' }).trustProxy).toBe('fd00::/8');
    expect(() => loadConfig({ TRUST_PROXY: '2' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });

  it('has 30 s work leases and a 2 s poll by default', () => {
    expect(loadConfig({}).work).toEqual({ leaseMs: 30_000, pollMs: 2_000 });
    expect(loadConfig({ WORK_LEASE_SECONDS: '10', WORK_POLL_SECONDS: '0.5' }).work).toEqual({ leaseMs: 10_000, pollMs: 500 });
    expect(() => loadConfig({ WORK_LEASE_SECONDS: '1' })).toThrow(/WORK_LEASE_SECONDS/);
  });
});

describe('media store configuration', () => {
  const s3 = { MEDIA_STORE: 's3', S3_BUCKET: 'media', S3_ACCESS_KEY_ID: 'AKIDEXAMPLE', S3_SECRET_ACCESS_KEY: 'very-secret-key' };

  it('stores on disk by default; MEDIA_STORE=s3 reads the S3_* settings', () => {
    expect(loadConfig({}).mediaStore).toEqual({ kind: 'disk' });
    expect(loadConfig({ ...s3, S3_ENDPOINT: 'http://minio:9000', S3_FORCE_PATH_STYLE: 'true' }).mediaStore).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      bucket: 'media',
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'very-secret-key' },
      forcePathStyle: true,
    });
    expect(loadConfig({ MEDIA_STORE: 's3', S3_BUCKET: 'media' }).mediaStore).toMatchObject({ credentials: undefined });
  });

  it('refuses an incomplete S3 setup without repeating the secret, and a presigned FaceUrl without S3', () => {
    expect(() => loadConfig({ MEDIA_STORE: 'bucket' })).toThrow(/MEDIA_STORE/);
    expect(() => loadConfig({ MEDIA_STORE: 's3' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ...s3, S3_ACCESS_KEY_ID: '' })).toThrow(/S3_ACCESS_KEY_ID/);
    expect(() => loadConfig({ ...s3, S3_ACCESS_KEY_ID: '' })).not.toThrow(/very-secret-key/);
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ ALIBABA_CN_FACE_URL: 'presigned' })).toThrow(/MEDIA_STORE=s3/);
    expect(() => loadConfig({ ALIBABA_CN_FACE_URL: 'bucket' })).toThrow(/ALIBABA_CN_FACE_URL/);
    expect(loadConfig({ ...s3, ALIBABA_CN_FACE_URL: 'presigned' }).vendors['alibaba-cn']).toMatchObject({ faceUrl: 'presigned' });
    expect(loadConfig({}).vendors['alibaba-cn']).toMatchObject({ faceUrl: 'link' });
  });
});

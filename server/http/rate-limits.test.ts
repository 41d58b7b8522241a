/**
 * Per-client limits on the public routes: past its limit a client gets 429 `rate_limited` with
 * Retry-After, on every public route; another client address is counted on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { rateLimitGroup } from './rate-limits.js';

const LIMIT = 3;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    RATE_LIMITS: 'on',
    RATE_LIMIT_CAPTURES_PER_MINUTE: String(LIMIT),
    RATE_LIMIT_STATUS_PER_MINUTE: String(LIMIT),
    RATE_LIMIT_LOGIN_PER_MINUTE: String(LIMIT),
    RATE_LIMIT_READS_PER_MINUTE: String(LIMIT),
    RATE_LIMIT_MEDIA_LINKS_PER_MINUTE: String(LIMIT),
  });
}, 60_000);
afterAll(async () => t?.close());

type Method = 'GET' | 'HEAD' | 'POST';
let nextClient = 1;
const call = (method: Method, url: string, remoteAddress: string) =>
  t.server.app.inject({ method, url, remoteAddress, ...(method === 'POST' ? { payload: {} } : {}) });

describe('per-client rate limits', () => {
  it.each([
    ['POST', '/api/captures'],
    ['GET', '/api/captures/00000000-0000-4000-8000-000000000000'],
    ['POST', '/api/auth/login'],
    ['GET', '/api/providers'],
    ['GET', '/api/health'],
    ['GET', '/api/media-links/not-a-real-token'],
    ['GET', '/api/openapi.json'],
    ['GET', '/api/docs'],
  ] as Array<[Method, string]>)(
    '%s %s: 429 rate_limited with Retry-After past the limit, per client address',
    async (method, url) => {
      const client = `198.51.100.${nextClient++}`;
      for (let i = 0; i < LIMIT; i++) expect((await call(method, url, client)).statusCode).not.toBe(429);
      const limited = await call(method, url, client);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(limited.json()).toEqual({ code: 'rate_limited', message: expect.stringMatching(/try again in \d+ s/) });
      // Another address has its own allowance.
      expect((await call(method, url, '203.0.113.7')).statusCode).not.toBe(429);
    },
  );

  it('counts GET and HEAD of one URL together, and each route on its own', async () => {
    const client = '192.0.2.44';
    for (let i = 0; i < LIMIT; i++) expect((await call(i % 2 ? 'HEAD' : 'GET', '/api/health', client)).statusCode).toBe(200);
    expect((await call('HEAD', '/api/health', client)).statusCode).toBe(429);
    expect((await call('GET', '/api/providers', client)).statusCode).toBe(200);
  });

  it('limits only the public routes (signed-in routes need a session first)', () => {
    expect(rateLimitGroup('GET', '/api/cases')).toBeUndefined();
    expect(rateLimitGroup('POST', '/api/admin/users')).toBeUndefined();
    expect(rateLimitGroup('POST', '/sim/tencent/')).toBeUndefined();
    expect(rateLimitGroup('HEAD', '/api/media-links/:token')).toBe('mediaLinks');
  });

  it('is off with RATE_LIMITS=off (load tests, the bench)', async () => {
    const off = await startTestServer({ RATE_LIMITS: 'off', RATE_LIMIT_READS_PER_MINUTE: '1' }, { store: t.server.store });
    try {
      for (let i = 0; i < 5; i++)
        expect((await off.server.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await off.close();
    }
  });
});

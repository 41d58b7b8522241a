import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, errorFromResponseBody, fetchJson, shouldRetryRequest } from './http';

describe('errorFromResponseBody', () => {
  it('uses the API { code, message } body', () => {
    const e = errorFromResponseBody(413, JSON.stringify({ code: 'too_large', message: 'Clip is over 10 MB' }));
    expect(e).toBeInstanceOf(ApiRequestError);
    expect(e.status).toBe(413);
    expect(e.code).toBe('too_large');
    expect(e.message).toBe('Clip is over 10 MB');
  });

  it('falls back to a generic message for non-JSON bodies', () => {
    const e = errorFromResponseBody(502, '<html>Bad gateway</html>');
    expect(e.code).toBe('http_502');
    expect(e.message).toMatch(/server had a problem/);
  });

  it('marks 401 as unauthorized', () => {
    expect(errorFromResponseBody(401, '').isUnauthorized).toBe(true);
  });
});

describe('fetchJson', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('parses JSON on success', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"a":1}', { status: 200 })));
    await expect(fetchJson<{ a: number }>('/api/x')).resolves.toEqual({ a: 1 });
  });

  it('throws ApiRequestError with the server message on 4xx', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"code":"unauthorized","message":"Sign in first"}', { status: 401 })),
    );
    await expect(fetchJson('/api/cases')).rejects.toMatchObject({ status: 401, code: 'unauthorized', message: 'Sign in first' });
  });

  it('maps a network failure to status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(fetchJson('/api/cases')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});

describe('shouldRetryRequest', () => {
  it('does not retry client errors', () => {
    expect(shouldRetryRequest(0, new ApiRequestError(401, 'x', 'y'))).toBe(false);
    expect(shouldRetryRequest(0, new ApiRequestError(404, 'x', 'y'))).toBe(false);
  });
  it('retries network and server errors twice', () => {
    expect(shouldRetryRequest(0, new ApiRequestError(0, 'x', 'y'))).toBe(true);
    expect(shouldRetryRequest(1, new ApiRequestError(503, 'x', 'y'))).toBe(true);
    expect(shouldRetryRequest(2, new ApiRequestError(503, 'x', 'y'))).toBe(false);
  });
});

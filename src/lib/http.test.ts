import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiRequestError,
  errorFromResponseBody,
  fetchJson,
  retryAfterSeconds,
  setCsrfToken,
  setUnauthorizedHandler,
  shouldRetryRequest,
} from './http';

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
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"a":1}', { status: 200 })),
    );
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
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
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

describe('CSRF header and 401 handler', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(undefined);
    setUnauthorizedHandler(undefined);
  });

  it('sends x-csrf-token on state-changing calls only', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok-1');
    await fetchJson('/api/cases');
    await fetchJson('/api/cases/1/decisions', { method: 'POST', body: '{}' });
    await fetchJson('/api/admin/cases/1', { method: 'delete' });
    const headers = fetchMock.mock.calls.map((c) => new Headers(c[1]?.headers).get('x-csrf-token'));
    expect(headers).toEqual([null, 'tok-1', 'tok-1']);
  });

  it('calls the unauthorized handler on 401 unless told not to', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"code":"unauthenticated","message":"Sign in"}', { status: 401 })),
    );
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    await expect(fetchJson('/api/cases')).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(fetchJson('/api/auth/me', { skipUnauthorizedHandler: true })).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('reads Retry-After into the error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response('{"code":"too_many_attempts","message":"Wait"}', { status: 429, headers: { 'Retry-After': '42' } }),
      ),
    );
    await expect(fetchJson('/api/auth/login', { method: 'POST' })).rejects.toMatchObject({ status: 429, retryAfterS: 42 });
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds('30')).toBe(30);
    expect(retryAfterSeconds(new Date(1_000_000 + 90_500).toUTCString(), 1_000_000)).toBe(90);
    expect(retryAfterSeconds('soon')).toBeUndefined();
    expect(retryAfterSeconds(null)).toBeUndefined();
  });
});

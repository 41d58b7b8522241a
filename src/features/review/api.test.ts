import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../lib/http';
import { casesQuery, fetchCases, postDecision, takeNext } from './api';

type Call = [string, RequestInit | undefined];

function mockFetch(...answers: Response[]) {
  const fn = vi.fn(async (_url: string, _init?: RequestInit) => answers.shift() ?? new Response('{}'));
  vi.stubGlobal('fetch', fn);
  return fn as unknown as { mock: { calls: Call[] } };
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('review API calls', () => {
  it('lists cases with the filters and the cursor of the page asked for', async () => {
    const fetch = mockFetch(new Response(JSON.stringify({ cases: [], nextCursor: 'c2' })));
    const page = await fetchCases({ status: 'new', vendor: 'glair', disagreement: true }, 'c1');
    expect(page.nextCursor).toBe('c2');
    expect(fetch.mock.calls[0]![0]).toBe('/api/cases?limit=25&status=new&vendor=glair&disagreement=true&cursor=c1');
  });

  it('pages on with nextCursor and stops without it', () => {
    const q = casesQuery({});
    const next = q.getNextPageParam as (last: { cases: unknown[]; nextCursor?: string }) => string | undefined;
    expect(next({ cases: [], nextCursor: 'abc' })).toBe('abc');
    expect(next({ cases: [] })).toBeUndefined();
  });

  it('take-next: a case id, or nothing on 204', async () => {
    mockFetch(new Response(JSON.stringify({ caseId: 'k1' })), new Response(null, { status: 204 }));
    await expect(takeNext()).resolves.toBe('k1');
    await expect(takeNext()).resolves.toBeUndefined();
  });

  it('posts a decision as JSON with the CSRF token', async () => {
    setCsrfToken('t0k');
    const fetch = mockFetch(new Response(JSON.stringify({ id: 'd1' }), { status: 201 }));
    await postDecision('case/1', { decision: 'reject', reasonCode: 'deepfake_suspected', note: 'n' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/cases/case%2F1/decisions');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('x-csrf-token')).toBe('t0k');
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ decision: 'reject', reasonCode: 'deepfake_suspected', note: 'n' });
  });
});

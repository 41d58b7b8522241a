import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROVIDERS_STALE_MS, providersQuery } from './providers';

describe('providersQuery', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is one query (key and stale time) that GETs /api/providers', async () => {
    const body = { providers: [{ id: 'tencent', mode: 'simulated' }] };
    const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const options = providersQuery();
    expect(options.queryKey).toEqual(['providers']);
    expect(options.staleTime).toBe(PROVIDERS_STALE_MS);
    await expect(new QueryClient().fetchQuery(options)).resolves.toEqual(body);
    expect(fetch).toHaveBeenCalledWith('/api/providers', expect.objectContaining({ signal: expect.any(AbortSignal) }));
  });
});

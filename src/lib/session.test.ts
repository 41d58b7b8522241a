import { afterEach, describe, expect, it, vi } from 'vitest';
import { getCsrfToken } from './http';
import { fetchSession, loginUrl, safeNextPath } from './session';

describe('login redirects', () => {
  it('only returns to paths inside the reviewer area', () => {
    expect(safeNextPath('/review/cases/abc?x=1')).toBe('/review/cases/abc?x=1');
    expect(safeNextPath('https://evil.example/review')).toBeUndefined();
    expect(safeNextPath('//evil.example/review')).toBeUndefined();
    expect(safeNextPath('/review/login?next=/review')).toBeUndefined();
    expect(safeNextPath('/')).toBeUndefined();
    expect(safeNextPath(null)).toBeUndefined();
  });

  it('builds the login URL with the way back', () => {
    expect(loginUrl('/review/dashboard?days=7')).toBe('/review/login?next=%2Freview%2Fdashboard%3Fdays%3D7');
    expect(loginUrl('/review')).toBe('/review/login');
    expect(loginUrl(undefined)).toBe('/review/login');
  });
});

describe('fetchSession', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the CSRF token of the session, and treats 401 as signed out', async () => {
    const session = { user: { id: 'u', email: 'a@b.c', role: 'admin' }, csrfToken: 'csrf-9' };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(session), { status: 200 })),
    );
    await expect(fetchSession()).resolves.toEqual(session);
    expect(getCsrfToken()).toBe('csrf-9');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"code":"unauthenticated","message":"x"}', { status: 401 })),
    );
    await expect(fetchSession()).resolves.toBeNull();
    expect(getCsrfToken()).toBeUndefined();
  });
});

/**
 * The headers every answer carries: the SPA's HTML (/, /review/…) a strict CSP that still allows
 * the capture's wasm and workers, JavaScript the worker policy, API and simulator answers a CSP
 * that allows nothing; all of them no framing, no referrer, the camera for this origin only.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { DOCUMENT_CSP, NOTHING_CSP, WORKER_CSP } from './security-headers.js';

let t: TestServer;
let dist: string;
beforeAll(async () => {
  // A stand-in for the built SPA.
  dist = await mkdtemp(path.join(os.tmpdir(), 'selfie-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>x</title><div id="root"></div>');
  await writeFile(path.join(dist, 'assets', 'worker-abc.js'), 'self.onmessage = () => {};');
  await writeFile(path.join(dist, 'embed.js'), 'window.SelfieScreen = {};');
  t = await startTestServer({}, { distDir: dist });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await rm(dist, { recursive: true, force: true });
});

const headersOf = async (url: string) => (await fetch(`${t.baseUrl}${url}`)).headers;

describe('security headers', () => {
  it.each(['/', '/review', '/review/cases/123'])('%s: the document policy, no framing, no referrer, camera only', async (url) => {
    const h = await headersOf(url);
    expect(h.get('content-type')).toMatch(/^text\/html/);
    expect(h.get('content-security-policy')).toBe(DOCUMENT_CSP);
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('permissions-policy')).toBe('camera=(self), microphone=(), geolocation=()');
    // Cross-origin isolation (threaded wasm) stays.
    expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(h.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(h.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('the document policy is strict: no inline or eval script, wasm allowed, nothing frames it', () => {
    const directives = new Map(DOCUMENT_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(DOCUMENT_CSP).not.toMatch(/unsafe-inline|'unsafe-eval'|\*|https?:/);
  });

  it('/embed.js alone may be loaded by other origins (integrators embed with it)', async () => {
    expect((await headersOf('/embed.js')).get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await headersOf('/assets/worker-abc.js')).get('cross-origin-resource-policy')).toBe('same-origin');
    expect((await headersOf('/embed.js?v=2')).get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('JavaScript files carry the worker policy (blob: for the ffmpeg core there only)', async () => {
    const h = await headersOf('/assets/worker-abc.js');
    expect(h.get('content-security-policy')).toBe(WORKER_CSP);
    expect(WORKER_CSP).toContain("script-src 'self' blob: 'wasm-unsafe-eval'");
    expect(h.get('x-frame-options')).toBe('DENY');
  });

  it.each(['/api/health', '/api/providers', '/api/cases', '/api/nothing-here', '/sim/tencent/_control'])(
    '%s: a policy that allows nothing, and the same framing and referrer headers',
    async (url) => {
      const h = await headersOf(url);
      expect(h.get('content-security-policy')).toBe(NOTHING_CSP);
      expect(h.get('x-frame-options')).toBe('DENY');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('x-content-type-options')).toBe('nosniff');
    },
  );
});

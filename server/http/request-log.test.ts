/**
 * The request log never holds a signed media-link token (a bearer credential for a clip): the URL
 * is logged as /api/media-links/[redacted], whatever the answer.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaLinks } from '../media/links.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { redactRequestUrl } from './request-log.js';

const LINK_SECRET = 'request-log-test-secret-0123456789';
let t: TestServer;
let logs = '';
beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  t = await startTestServer({ LOG_LEVEL: 'info', MEDIA_LINK_SECRET: LINK_SECRET }, { logStream });
}, 60_000);
afterAll(async () => t?.close());

describe('request log', () => {
  it('redacts signed media-link URLs, valid or not, and keeps other URLs', async () => {
    const token = createMediaLinks(Buffer.from(LINK_SECRET)).sign(
      { caseId: '00000000-0000-4000-8000-000000000000', role: 'video', sha256: 'a'.repeat(64) },
      300,
    );
    expect((await fetch(`${t.baseUrl}/api/media-links/${token}`)).status).toBe(410); // no such case media
    expect((await fetch(`${t.baseUrl}/api/media-links/${token}?download=1`, { method: 'HEAD' })).status).toBe(410);
    expect((await fetch(`${t.baseUrl}/api/media-links/forged-token-value`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/health`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50)); // let the log stream drain

    const requests = logs
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { req?: { url: string; method: string } })
      .flatMap((entry) => (entry.req ? [entry.req] : []));
    expect(requests.map((r) => r.url)).toEqual([
      '/api/media-links/[redacted]',
      '/api/media-links/[redacted]',
      '/api/media-links/[redacted]',
      '/api/health',
    ]);
    expect(requests[1]?.method).toBe('HEAD');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.slice(0, 40));
    expect(logs).not.toContain('forged-token-value');
  });

  it('redacts only that prefix', () => {
    expect(redactRequestUrl('/api/media-links/abc.def')).toBe('/api/media-links/[redacted]');
    expect(redactRequestUrl('/api/captures/1')).toBe('/api/captures/1');
    expect(redactRequestUrl('/api/session-capture/cs_abc/status')).toBe('/api/session-capture/[redacted]/status');
    expect(redactRequestUrl('/s/cs_abc?embed=1')).toBe('/s/[redacted]?embed=1');
    expect(redactRequestUrl('/api/media-linksX')).toBe('/api/media-linksX');
  });
});

/**
 * Operability of a running server: health probes (live, ready and what makes ready fail), X-Request-Id in answers,
 * the request log and the vendor-call log, and GET /metrics behind its token or allow-list.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef-0123';
let t: TestServer;
let logs = '';
const logLines = () =>
  logs
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (c: Buffer) => (logs += c.toString()));
  t = await startTestServer(
    { LOG_LEVEL: 'info', LOCAL_SCREENING: 'off', METRICS_TOKEN, RATE_LIMITS: 'on', RATE_LIMIT_READS_PER_MINUTE: '2' },
    { logStream },
  );
}, 60_000);
afterAll(async () => t?.close());

describe('health probes', () => {
  it('live and ready answer without a session; ready names each part', async () => {
    const live = await fetch(`${t.baseUrl}/api/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'live' });
    const ready = await fetch(`${t.baseUrl}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', media: 'ok' } });
  });

  it('are not starved by the other public reads’ limit (a separate, generous one)', async () => {
    for (let i = 0; i < 3; i++) await fetch(`${t.baseUrl}/api/providers`);
    expect((await fetch(`${t.baseUrl}/api/providers`)).status).toBe(429);
    for (let i = 0; i < 20; i++) expect((await fetch(`${t.baseUrl}/api/health/ready`)).status).toBe(200);
  });

  it('ready is 503 not_ready naming the part when the media store cannot be written, and recovers', async () => {
    const media = path.join(t.dataDir, 'media');
    const moved = `${media}.away`;
    await rm(moved, { recursive: true, force: true });
    const { rename } = await import('node:fs/promises');
    await rename(media, moved);
    await writeFile(media, 'not a directory');
    try {
      const res = await fetch(`${t.baseUrl}/api/health/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        code: 'not_ready',
        message: expect.stringContaining('media'),
        details: { checks: { database: 'ok', migrations: 'ok', media: 'failed' }, failed: ['media'] },
      });
    } finally {
      await rm(media, { force: true });
      await rename(moved, media);
    }
    expect((await fetch(`${t.baseUrl}/api/health/ready`)).status).toBe(200);
  });

  it('ready is 503 when a migration this build ships is not applied', async () => {
    const db = t.server.store.db;
    const latest = sql`(select max(created_at) from drizzle.__drizzle_migrations)`;
    await db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where created_at = ${latest}`);
    try {
      const res = await fetch(`${t.baseUrl}/api/health/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ details: { failed: ['migrations'] } });
    } finally {
      await db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at + 1 where created_at = ${latest}`);
    }
    expect((await fetch(`${t.baseUrl}/api/health/ready`)).status).toBe(200);
  });
});

describe('X-Request-Id', () => {
  it('is taken when valid, echoed, and on the request log line', async () => {
    const res = await fetch(`${t.baseUrl}/api/health/live`, { headers: { 'x-request-id': 'lb-7f3a/trace:42' } });
    expect(res.headers.get('x-request-id')).toBe('lb-7f3a/trace:42');
    expect(logLines().some((l) => l.reqId === 'lb-7f3a/trace:42' && l.msg === 'request completed')).toBe(true);
  });

  it('is replaced by a fresh id when too long or not printable, and generated when absent', async () => {
    const uuid = /^[0-9a-f-]{36}$/;
    for (const given of ['x'.repeat(129), 'bad id with spaces', 'caf\u00e9']) {
      const res = await fetch(`${t.baseUrl}/api/health/live`, { headers: { 'x-request-id': given } });
      expect(res.headers.get('x-request-id')).toMatch(uuid);
    }
    const none = await fetch(`${t.baseUrl}/api/health/live`);
    expect(none.headers.get('x-request-id')).toMatch(uuid);
    // Refusals carry it too.
    const refused = await fetch(`${t.baseUrl}/api/cases`, { headers: { 'x-request-id': 'refused-1' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('refused-1');
  });

  it('is carried into the vendor-call log of the checks the request started', async () => {
    const clip = await readFile(sharedFixture('face_640x480.mp4'));
    const res = await postCapture(t.baseUrl, clip, { providers: ['tencent'] }, { headers: { 'x-request-id': 'capture-req-1' } });
    expect(res.status).toBe(202);
    await t.server.runner.idle();
    const call = logLines().find((l) => l.msg === 'vendor call' && l.reqId === 'capture-req-1');
    expect(call).toMatchObject({ provider: 'tencent', attempt: 1, sent: true, outcome: 'ok', latencyMs: expect.any(Number) });
    expect(JSON.stringify(call)).not.toMatch(/secret/i);
  });
});

describe('GET /metrics', () => {
  it('needs the bearer token', async () => {
    const none = await fetch(`${t.baseUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
    expect(wrong.status).toBe(401);
  });

  it('serves vendor calls, circuits, queues, webhook backlog and HTTP latency by route', async () => {
    const res = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^selfie_vendor_requests_total\{vendor="tencent",outcome="ok",sent="true"\} [1-9]/m);
    expect(text).toMatch(/^selfie_vendor_request_duration_seconds_count\{vendor="tencent",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^selfie_vendor_circuit_state\{vendor="tencent"\} 0$/m);
    expect(text).toMatch(/^selfie_queue_depth\{queue="checks"\} 0$/m);
    expect(text).toMatch(/^selfie_queue_oldest_age_seconds\{queue="screenings"\} 0$/m);
    expect(text).toMatch(/^selfie_webhook_backlog 0$/m);
    expect(text).toMatch(
      /^selfie_http_request_duration_seconds_count\{method="GET",route="\/api\/health\/ready",status="200"\} [1-9]/m,
    );
    expect(text).toMatch(/^selfie_http_request_duration_seconds_count\{method="POST",route="\/api\/captures",status="202"\} 1$/m);
    expect(text).toContain('selfie_process_resident_memory_bytes');
  });
});

describe('GET /metrics by allow-list, and off by default', () => {
  it('serves an allowed address without a token, refuses others with 403, and is absent when not configured', async () => {
    // One database for all three (each would otherwise start its own).
    const store = t.server.store;
    const allowed = await startTestServer({ METRICS_ALLOW: '10.0.0.0/8, 127.0.0.1/32' }, { store });
    const other = await startTestServer({ METRICS_ALLOW: '10.0.0.0/8' }, { store });
    const off = await startTestServer({}, { store });
    try {
      expect((await fetch(`${allowed.baseUrl}/metrics`)).status).toBe(200);
      const refused = await fetch(`${other.baseUrl}/metrics`);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'forbidden' });
      expect((await fetch(`${off.baseUrl}/metrics`)).status).toBe(404);
    } finally {
      await Promise.all([allowed.close(), other.close(), off.close()]);
    }
  }, 60_000);
});

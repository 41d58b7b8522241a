/** PUBLIC_CAPTURE, DEMO_CLIPS, per-session framing of /s/<token>?embed=1, and the rate limits on the session routes. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSessionResponse } from '@contract/api';
import { APP_ORIGIN, createIntegrator, type Integrator } from '../test-support/integrator.js';
import { loginAdmin } from '../test-support/session.js';
import { postCapture, startTestServer, type TestServer } from '../test-support/test-server.js';

let spaDir: string;
let locked: TestServer;
let open: TestServer;
let acme: Integrator;
beforeAll(async () => {
  spaDir = await mkdtemp(path.join(os.tmpdir(), 'spa-'));
  await mkdir(path.join(spaDir, 'demo'));
  await writeFile(path.join(spaDir, 'index.html'), '<!doctype html><title>capture</title>');
  await writeFile(path.join(spaDir, 'demo', 'face.mp4'), 'not really a clip');
  locked = await startTestServer(
    { PUBLIC_CAPTURE: 'off', DEMO_CLIPS: 'off', LOCAL_SCREENING: 'off', RATE_LIMITS: 'on', RATE_LIMIT_STATUS_PER_MINUTE: '3' },
    { distDir: spaDir },
  );
  open = await startTestServer({ LOCAL_SCREENING: 'off' }, { distDir: spaDir });
  acme = await createIntegrator(locked.baseUrl, await loginAdmin(locked));
}, 60_000);
afterAll(async () => {
  await locked?.close();
  await open?.close();
  await rm(spaDir, { recursive: true, force: true });
});

const newSession = async () =>
  (await (await acme.call('/api/v1/sessions', { method: 'POST', json: { reference: 'r-1' } })).json()) as CreateSessionResponse;

describe('PUBLIC_CAPTURE and DEMO_CLIPS', () => {
  it('are on by default: anonymous captures and demo clips', async () => {
    expect((await open.server.app.inject('/api/capture-settings')).json()).toEqual({ publicCapture: true, demoClips: true });
    expect((await open.server.app.inject('/demo/face.mp4')).statusCode).toBe(200);
  });

  it('off: anonymous uploads get 401 session_required and demo clips 404', async () => {
    expect((await locked.server.app.inject('/api/capture-settings')).json()).toEqual({ publicCapture: false, demoClips: false });
    expect(await postCapture(locked.baseUrl, Buffer.from('x'))).toMatchObject({
      status: 401,
      body: { code: 'session_required' },
    });
    expect((await locked.server.app.inject('/demo/face.mp4')).statusCode).toBe(404);
  });
});

describe('framing /s/<token>', () => {
  it('lets the application’s embedding origins frame a live session with ?embed=1, and nothing else', async () => {
    const session = await newSession();
    const embedded = await locked.server.app.inject(`/s/${session.clientToken}?embed=1`);
    expect(embedded.statusCode).toBe(200);
    expect(embedded.body).toContain('<title>capture</title>');
    expect(embedded.headers['content-security-policy']).toContain(`frame-ancestors ${APP_ORIGIN}`);
    expect(embedded.headers['x-frame-options']).toBeUndefined();

    for (const url of [`/s/${session.clientToken}`, '/s/cs_unknown?embed=1', '/review', '/api/capture-settings']) {
      const res = await locked.server.app.inject(url);
      expect({ url, xfo: res.headers['x-frame-options'] }).toEqual({ url, xfo: 'DENY' });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    await acme.call(`/api/v1/sessions/${session.id}/cancel`, { method: 'POST' });
    expect((await locked.server.app.inject(`/s/${session.clientToken}?embed=1`)).headers['x-frame-options']).toBe('DENY');
  });
});

describe('rate limits on the session routes', () => {
  it('answers 429 rate_limited past the per-minute limit of the status poll', async () => {
    const session = await newSession();
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await fetch(`${locked.baseUrl}/api/session-capture/${session.clientToken}/status`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

/**
 * Steering the vendor simulators (`/sim/<vendor>/_control…`) changes what every later check sees:
 * admins only (with the CSRF token on writes), or the configured control token, or anyone when
 * SIMULATOR_CONTROL=open. The simulators' vendor APIs stay public (they stand in for vendor hosts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAdmin, loginNewUser } from '../test-support/session.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { isPublicRoute, isSimulatorControlRoute } from './reviewer-guard.js';

const CONTROL_TOKEN = 'c'.repeat(40);
const NEXT = '/sim/tencent/_control/next';
const FAKE = { outcome: 'fake' };

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ SIMULATOR_CONTROL_TOKEN: CONTROL_TOKEN });
}, 60_000);
afterAll(async () => t?.close());

const post = (server: TestServer, headers: Record<string, string> = {}) =>
  fetch(`${server.baseUrl}${NEXT}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(FAKE),
  });

describe('simulator control', () => {
  it('is not on the public list; the simulators themselves are', () => {
    for (const url of ['/sim/tencent/_control', '/sim/tencent/_control/next', '/sim/alibaba-intl/_control']) {
      expect(isSimulatorControlRoute(url)).toBe(true);
      for (const method of ['GET', 'HEAD', 'POST', 'DELETE']) expect(isPublicRoute(method, url)).toBe(false);
    }
    expect(isPublicRoute('POST', '/sim/tencent/')).toBe(true);
    expect(isPublicRoute('POST', '/sim/alibaba-intl/oss/*')).toBe(true);
  });

  it('refuses anonymous callers (401), reviewers (403) and writes without the CSRF token; admits admins', async () => {
    const anon = await post(t);
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ code: 'unauthenticated' });
    expect((await fetch(`${t.baseUrl}/sim/tencent/_control`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/sim/tencent/_control`, { method: 'DELETE' })).status).toBe(401);
    expect((await post(t, { 'x-simulator-control-token': 'wrong'.repeat(8) })).status).toBe(401);

    const reviewer = await loginNewUser(t);
    const byReviewer = await reviewer.fetch(NEXT, { method: 'POST', json: FAKE });
    expect(byReviewer.status).toBe(403);
    expect(await byReviewer.json()).toMatchObject({ code: 'forbidden' });
    expect((await reviewer.fetch('/sim/tencent/_control')).status).toBe(403);

    const admin = await loginAdmin(t);
    expect((await admin.fetch(NEXT, { method: 'POST', json: FAKE, csrf: false })).status).toBe(403);
    expect((await admin.fetch(NEXT, { method: 'POST', json: FAKE })).status).toBe(201);
    expect((await admin.fetch('/sim/tencent/_control', { method: 'DELETE' })).status).toBe(200);
  });

  it('admits the holder of SIMULATOR_CONTROL_TOKEN without a session', async () => {
    expect((await post(t, { 'x-simulator-control-token': CONTROL_TOKEN })).status).toBe(201);
    const snapshot = await fetch(`${t.baseUrl}/sim/tencent/_control`, {
      headers: { 'x-simulator-control-token': CONTROL_TOKEN },
    });
    expect(snapshot.status).toBe(200);
    expect(((await snapshot.json()) as { queue: unknown[] }).queue).toHaveLength(1);
  });

  it('is open to anyone with SIMULATOR_CONTROL=open (tests, demos)', async () => {
    const open = await startTestServer({ SIMULATOR_CONTROL: 'open' }, { store: t.server.store });
    try {
      expect((await post(open)).status).toBe(201);
      expect((await fetch(`${open.baseUrl}/sim/tencent/_control`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

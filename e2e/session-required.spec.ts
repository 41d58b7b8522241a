/**
 * PUBLIC_CAPTURE=off (a second server with that setting): the anonymous capture page explains that
 * a session link is needed, an anonymous upload is refused with 401 session_required, and a
 * session's link still captures.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { E2E_ADMIN, SIGNED_OUT, fixtureCaptureMultipart } from './api.js';
import { createSession, setUpApplication } from './integrator.js';
import { startSecondServer, type SecondServer } from './second-server.js';

test.use({ storageState: SIGNED_OUT });

let server: SecondServer;
let admin: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startSecondServer('session-required', { PUBLIC_CAPTURE: 'off', DEMO_CLIPS: 'off' });
  admin = await playwrightRequest.newContext({ baseURL: server.origin });
  expect((await admin.post('/api/auth/login', { data: E2E_ADMIN })).ok()).toBe(true);
});
test.afterAll(async () => {
  await admin?.dispose();
  await server?.stop();
});

test('with PUBLIC_CAPTURE=off the open page asks for a session link; a session link still captures', async ({ page }) => {
  for (const path of ['/', '/?demo=face']) {
    await page.goto(`${server.origin}${path}`);
    await expect(page.getByRole('heading', { level: 1, name: 'You need a link to start' })).toBeVisible();
    await expect(page.getByTestId('needs-link')).toContainText(/link/i);
    await expect(page.getByTestId('consent')).toHaveCount(0);
  }

  // The server refuses an anonymous upload whatever the page shows.
  const anonymous = await playwrightRequest.newContext({ baseURL: server.origin });
  try {
    const res = await anonymous.post('/api/captures', { multipart: fixtureCaptureMultipart(['tencent']) });
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('session_required');
  } finally {
    await anonymous.dispose();
  }

  const app = await setUpApplication(admin, { providers: ['tencent'] });
  const session = await createSession(admin, app.key, { reference: 'applicant-e2e-required' });
  await page.goto(session.url);
  await expect(page.getByTestId('consent')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'You need a link to start' })).toHaveCount(0);
});

/**
 * A session without an iframe hands the person back to the integrator's returnUrl with only the
 * session id and `status=submitted`; and a page on an origin the application does not allow cannot
 * frame the session (CSP frame-ancestors): the app never runs there, so nothing is posted and the
 * session is not even opened.
 */
import { expect, test } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { createSession, readSession, setUpApplication, startIntegratorSite, type LocalServer } from './integrator.js';
import { E2E_PORT } from './playwright.config.js';

const APP = `http://127.0.0.1:${E2E_PORT}`;

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });

let site: LocalServer;
let sessionUrl = '';

test.beforeAll(async () => {
  site = await startIntegratorSite({
    '/kyc/done': () => '<!doctype html><html lang="en"><title>Back</title><h1>Welcome back</h1></html>',
    '/elsewhere': () => `<!doctype html><html lang="en"><title>Not allowed</title><body><div id="kyc" style="height:700px"></div>
<script src="${APP}/embed.js"></script>
<script>
  window.got = [];
  const rec = (m) => window.got.push(m);
  SelfieScreen.mount(document.getElementById('kyc'), {
    url: ${JSON.stringify(sessionUrl)}, onReady: rec, onSubmitted: rec, onCancelled: rec, onError: rec,
  });
</script></body></html>`,
  });
});
test.afterAll(async () => {
  await site?.close();
});

test('without an iframe, the person lands on returnUrl?session=<id>&status=submitted', async ({ page, request }) => {
  test.setTimeout(180_000);
  const app = await setUpApplication(request, { providers: ['tencent'], returnUrlOrigins: [site.origin] });
  const session = await createSession(request, app.key, {
    reference: 'applicant-e2e-return',
    returnUrl: `${site.origin}/kyc/done?step=3`,
  });
  expect(session.url).toBe(`${APP}/s/${session.clientToken}`);

  await page.goto(session.url);
  await page.getByRole('button', { name: 'I agree', exact: true }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByTestId('playback')).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  await page.waitForURL(`${site.origin}/kyc/done?**`, { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  // The integrator's own query kept, then the session and status — never a score.
  expect([...new URL(page.url()).searchParams]).toEqual([
    ['step', '3'],
    ['session', session.id],
    ['status', 'submitted'],
  ]);
  expect(['submitted', 'completed']).toContain((await readSession(request, app.key, session.id)).status);
});

test('a page on an origin the application does not allow cannot frame the session', async ({ page, request }) => {
  const app = await setUpApplication(request, { providers: ['tencent'], embedOrigins: ['https://app.example'] });
  const session = await createSession(request, app.key, { reference: 'applicant-e2e-framing' });
  sessionUrl = session.url;

  const framed = page.waitForResponse((r) => r.url().startsWith(`${APP}/s/${session.clientToken}`));
  await page.goto(`${site.origin}/elsewhere`);
  // The server answered, but only the application's embedding origin may frame it.
  const csp = (await framed).headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/frame-ancestors https:\/\/app\.example(;|$)/);

  // The browser refused to render it: the app's page never ran in the frame.
  await expect(page.locator('iframe')).toHaveCount(1);
  await page.waitForTimeout(3_000);
  await expect(page.frameLocator('iframe').getByTestId('consent')).toHaveCount(0);
  const child = page.frames().find((f) => f !== page.mainFrame());
  expect(child?.url() ?? '').not.toMatch(new RegExp(`^${APP}/s/`));
  expect(await page.evaluate(() => (window as unknown as { got: unknown[] }).got)).toEqual([]);
  // Not even the config was fetched: the session is still unopened.
  expect((await readSession(request, app.key, session.id)).status).toBe('created');
});

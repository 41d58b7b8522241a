/**
 * The session-bound capture page and the capture settings, in the browser, with the session API
 * mocked (page.route): the link problem screens, PUBLIC_CAPTURE=off and DEMO_CLIPS=off on `/`, the
 * hand-off to a phone (QR code, polling, then the return URL), and the embedded page's messages
 * through /embed.js to an allowed parent only. The server side of sessions is tested on its own.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Route } from '@playwright/test';
import { E2E_PORT } from './playwright.config.js';
import { agree } from './capture-watch.js';

const APP = `http://127.0.0.1:${E2E_PORT}`;
/** Another origin for the integrator's page (localhost ≠ 127.0.0.1), fulfilled by page.route. */
const INTEGRATOR = `http://localhost:${E2E_PORT}`;

// The integrator's page below is fulfilled by page.route, so Chromium counts it as a public page and
// blocks its requests to the loopback app (Local Network Access): lifted for this file.
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights'],
  },
});

async function expectNoViolations(page: Page, step: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((v) => v.id),
    step,
  ).toEqual([]);
}

function config(token: string, extra: Record<string, unknown> = {}) {
  return {
    sessionId: `s_${token}`,
    status: 'opened',
    providers: ['tencent'],
    embedOrigins: [],
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    ...extra,
  };
}

const json = (route: Route, body: unknown, status = 200) =>
  route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

test('an expired link, an unknown link and a used link each say what to do next', async ({ page }) => {
  const answers: Record<string, [number, string]> = {
    expired: [410, 'session_expired'],
    unknown: [404, 'session_not_found'],
    used: [409, 'session_used'],
  };
  await page.route('**/api/session-capture/*', (route) => {
    const token = route.request().url().split('/').pop() ?? '';
    const [status, code] = answers[token] ?? [500, 'x'];
    return json(route, { code, message: code }, status);
  });
  await page.goto('/s/expired');
  await expect(page.getByRole('heading', { level: 1, name: 'This link has expired' })).toBeVisible();
  await expectNoViolations(page, 'expired link');
  await page.goto('/s/unknown');
  await expect(page.getByRole('heading', { level: 1, name: "This link doesn't work" })).toBeVisible();
  await page.goto('/s/used');
  await expect(page.getByRole('heading', { level: 1, name: 'This link has already been used' })).toBeVisible();
});

test('PUBLIC_CAPTURE=off: the open page explains that a link is needed', async ({ page }) => {
  await page.route('**/api/capture-settings', (route) => json(route, { publicCapture: false, demoClips: true }));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'You need a link to start' })).toBeVisible();
  await expect(page.getByTestId('consent')).toHaveCount(0);
  await expectNoViolations(page, 'needs a link');
});

test('DEMO_CLIPS=off: no demo source and ?demo= is ignored', async ({ page }) => {
  await page.route('**/api/capture-settings', (route) => json(route, { publicCapture: true, demoClips: false }));
  await page.goto('/?demo=face');
  await agree(page);
  await expect(page.getByTestId('source-switch')).toHaveCount(0);
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
});

test('a session hands off to a phone: QR code, live progress, then back to the return URL', async ({ page }) => {
  let polls = 0;
  await page.route('**/api/session-capture/tok-phone', (route) =>
    json(route, config('phone', { locale: 'en', returnUrl: `${INTEGRATOR}/kyc/done?step=3` })),
  );
  await page.route('**/api/session-capture/tok-phone/status', (route) => {
    polls += 1;
    return json(route, { status: polls < 3 ? 'opened' : 'submitted' });
  });
  await page.route(`${INTEGRATOR}/kyc/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Back</title><h1>Integrator</h1>' }),
  );
  await page.goto('/s/tok-phone');
  await agree(page);
  await expect(page.locator('input[name="providers"]')).toHaveCount(0);
  await expect(page.getByTestId('source-switch')).toHaveCount(0);
  await page.getByRole('button', { name: 'Use my phone instead' }).click();
  await expect(page.getByTestId('handoff-qr')).toBeVisible();
  await expect(page.getByText(`${APP}/s/tok-phone`)).toBeVisible();
  await expectNoViolations(page, 'handoff');
  await page.waitForURL(/\/kyc\/done/, { timeout: 20_000 });
  const back = new URL(page.url());
  expect([...back.searchParams]).toEqual([
    ['step', '3'],
    ['session', 's_phone'],
    ['status', 'submitted'],
  ]);
});

/** The integrator's page: embed.js from the app, mounting the session, recording every callback. */
function integratorPage(token: string): string {
  return `<!doctype html><html lang="en"><title>Integrator</title><body><h1>Sign up</h1><div id="kyc" style="height:700px"></div>
<script src="${APP}/embed.js"></script>
<script>
  window.got = [];
  const rec = (m) => window.got.push(m);
  SelfieScreen.mount(document.getElementById('kyc'), {
    url: '${APP}/s/${token}', onReady: rec, onSubmitted: rec, onCancelled: rec, onError: rec,
  });
</script></body></html>`;
}

/** The app refuses to be framed until the session routes set frame-ancestors per session: lift that for the test. */
async function allowFraming(page: Page): Promise<void> {
  await page.route(`${APP}/s/**`, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['x-frame-options'];
    headers['content-security-policy'] = (headers['content-security-policy'] ?? '').replace(
      "frame-ancestors 'none'",
      `frame-ancestors ${INTEGRATOR}`,
    );
    await route.fulfill({ response, headers });
  });
}

test('embedded on an allowed origin: ready, then cancelled, reach the parent through embed.js', async ({ page }) => {
  await allowFraming(page);
  await page.route('**/api/session-capture/tok-embed', (route) => json(route, config('embed', { embedOrigins: [INTEGRATOR] })));
  await page.route(`${INTEGRATOR}/signup`, (route) =>
    route.fulfill({ contentType: 'text/html', body: integratorPage('tok-embed') }),
  );
  await page.goto(`${INTEGRATOR}/signup`);
  const got = () => page.evaluate(() => (window as unknown as { got: unknown[] }).got);
  await expect.poll(got).toEqual([{ type: 'selfie-screen:ready', sessionId: 's_embed' }]);
  const frame = page.frameLocator('iframe');
  await frame.getByRole('button', { name: 'I agree', exact: true }).click();
  await frame.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(got).toEqual([
    { type: 'selfie-screen:ready', sessionId: 's_embed' },
    { type: 'selfie-screen:cancelled', sessionId: 's_embed' },
  ]);
  await expect(frame.getByRole('heading', { name: 'Cancelled' })).toBeVisible();
});

test('embedded on an origin the session does not allow: no message is posted', async ({ page }) => {
  await allowFraming(page);
  await page.route('**/api/session-capture/tok-other', (route) =>
    json(route, config('other', { embedOrigins: ['https://elsewhere.example'] })),
  );
  await page.route(`${INTEGRATOR}/signup`, (route) =>
    route.fulfill({ contentType: 'text/html', body: integratorPage('tok-other') }),
  );
  await page.goto(`${INTEGRATOR}/signup`);
  await expect(page.frameLocator('iframe').getByTestId('consent')).toBeVisible();
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { got: unknown[] }).got)).toEqual([]);
});

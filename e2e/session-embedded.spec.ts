/**
 * The integrator's whole path, for real (issue 13): its web app on its own origin frames the
 * session with /embed.js; the fake-camera capture completes inside the iframe; the parent hears
 * `selfie-screen:submitted`; the webhook receiver verifies `session.submitted` then
 * `session.completed` (standardwebhooks); GET /api/v1/sessions/:id shows every vendor's verdict;
 * a reviewer decides and `session.decided` arrives.
 */
import { expect, test } from '@playwright/test';
import { csrfHeaders } from './api.js';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import {
  createSession,
  eventTypes,
  readSession,
  setUpApplication,
  startIntegratorSite,
  startWebhookReceiver,
  type LocalServer,
  type WebhookReceiver,
} from './integrator.js';
import { E2E_PORT } from './playwright.config.js';

const APP = `http://127.0.0.1:${E2E_PORT}`;
const PROVIDERS = ['tencent', 'glair'];

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });

/** The integrator's sign-up page: embed.js from the app, the session mounted, every callback recorded. */
const signupPage = (sessionUrl: string) => `<!doctype html><html lang="en"><title>Integrator</title>
<body><h1>Sign up</h1><div id="kyc" style="height:760px"></div>
<script src="${APP}/embed.js"></script>
<script>
  window.got = [];
  const rec = (m) => window.got.push(m);
  SelfieScreen.mount(document.getElementById('kyc'), {
    url: ${JSON.stringify(sessionUrl)}, onReady: rec, onSubmitted: rec, onCancelled: rec, onError: rec,
  });
</script></body></html>`;

let site: LocalServer;
let receiver: WebhookReceiver;
let sessionUrl = '';

test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
  site = await startIntegratorSite({ '/signup': () => signupPage(sessionUrl) });
});
test.afterAll(async () => {
  await site?.close();
  await receiver?.close();
});

test('embedded capture → parent message → signed webhooks → every verdict → decision webhook', async ({ page, request }) => {
  test.setTimeout(240_000);
  const app = await setUpApplication(request, { providers: PROVIDERS, embedOrigins: [site.origin], webhookUrl: receiver.url });
  receiver.useSecret(app.webhookSecret!);
  const session = await createSession(request, app.key, { reference: 'applicant-e2e-embed', metadata: { plan: 'gold' } });
  sessionUrl = session.url;

  await page.goto(`${site.origin}/signup`);
  const got = () => page.evaluate(() => (window as unknown as { got: unknown[] }).got);
  await expect.poll(got, { timeout: 30_000 }).toEqual([{ type: 'selfie-screen:ready', sessionId: session.id }]);
  expect((await readSession(request, app.key, session.id)).status).toBe('opened');

  const frame = page.frameLocator('iframe');
  await frame.getByRole('button', { name: 'I agree', exact: true }).click();
  // No vendor picker and no demo source in a session.
  await expect(frame.locator('input[name="providers"]')).toHaveCount(0);
  await frame.getByRole('button', { name: 'Start camera' }).click();
  // The countdown starts by itself once the face holds; then the clip is played back before sending.
  await expect(frame.getByTestId('playback')).toBeVisible({ timeout: 90_000 });
  await frame.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(frame.getByTestId('outcome')).toHaveAttribute('data-status', 'submitted', { timeout: 60_000 });
  await expect.poll(got).toEqual([
    { type: 'selfie-screen:ready', sessionId: session.id },
    { type: 'selfie-screen:submitted', sessionId: session.id },
  ]);

  // The integrator's receiver: both events, in order, each verified on its raw body.
  await expect.poll(() => eventTypes(receiver), { timeout: 90_000 }).toEqual(['session.submitted', 'session.completed']);
  expect(receiver.rejected).toEqual([]);
  const [submitted, completed] = receiver.verified;
  expect(submitted!.event.data).toMatchObject({ id: session.id, reference: 'applicant-e2e-embed', metadata: { plan: 'gold' } });
  expect(completed!.event.data.status).toBe('completed');
  expect(new Set(receiver.verified.map((v) => v.id)).size).toBe(2);

  // Server to server: every vendor's normalised verdict side by side (the built-in simulators here).
  const view = await readSession(request, app.key, session.id);
  expect(view.status).toBe('completed');
  expect(view.checks.map((c) => c.providerId).sort()).toEqual([...PROVIDERS].sort());
  for (const check of view.checks) {
    expect(check).toMatchObject({ mode: 'simulated', status: 'done' });
    expect(check.verdict, check.providerId).toEqual(expect.any(String));
  }
  expect(view.decision).toBeUndefined();

  // A reviewer approves the case; the decision reaches the integrator.
  const decided = await request.post(`/api/cases/${view.caseId}/decisions`, {
    headers: await csrfHeaders(request),
    data: { decision: 'approve', reasonCode: 'genuine_person' },
  });
  expect(decided.status(), await decided.text()).toBe(201);
  await expect
    .poll(() => eventTypes(receiver), { timeout: 60_000 })
    .toEqual(['session.submitted', 'session.completed', 'session.decided']);
  expect(receiver.rejected).toEqual([]);
  expect(receiver.verified[2]!.event.data).toMatchObject({
    status: 'decided',
    decision: { decision: 'approve', reasonCode: 'genuine_person' },
  });
  expect((await readSession(request, app.key, session.id)).status).toBe('decided');
});

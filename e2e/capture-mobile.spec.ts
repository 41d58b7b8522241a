/**
 * The capture on a 390×844 touch phone (issue 15 items 1–5): each step against a committed
 * screenshot (moving video masked), nothing wider than the screen, provider names on one line, and
 * axe with no violations on every screen in en, id and zh-CN. The camera fills the screen while it
 * is live (no language switch, no provider list), with the countdown inside the oval; tips appear
 * after ~15 s without a good frame; playback is mirrored like the preview; the badge counts the
 * clip's real 3.5 s. Languages are picked with `?lang=` (the switch is hidden while the camera runs).
 */
import { expect, test } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { createSession, setUpApplication } from './integrator.js';
import {
  expectScreenshotWithoutVideo,
  PHONE,
  SHOT,
  agree,
  expectFitsScreen,
  expectFullScreenCamera,
  expectNoViolations,
} from './phone.js';

test.use({ ...PHONE, launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });

test('countdown in the oval, ring and badge, mirrored playback, sending and the outcome: screenshots, fit, axe', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Hold the upload so the sending screen can be checked.
  await page.route('**/api/captures', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await new Promise((r) => setTimeout(r, 5000));
    await route.continue();
  });
  await page.goto('/?lang=en');
  await agree(page);
  await page.getByRole('button', { name: 'Start camera' }).click();

  const countdown = page.getByTestId('countdown');
  await expect(countdown).toBeVisible({ timeout: 60_000 });
  await expectFullScreenCamera(page);
  // The numeral sits inside the oval.
  const [numeral, stage] = [await countdown.boundingBox(), await page.getByTestId('camera-stage').boundingBox()];
  expect(numeral!.y).toBeGreaterThan(stage!.height * 0.2);
  expect(numeral!.y + numeral!.height).toBeLessThan(stage!.height * 0.65);
  await expectNoViolations(page, 'countdown');

  const badge = page.getByTestId('recording-badge');
  await expect(badge).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('recording-ring')).toBeAttached();
  // The clip is 3.5 s: the badge counts that in tenths (it said "Recording · 4").
  await expect(badge).toContainText(/Recording · (3\.[0-5]|[0-2](\.\d)?)\b/);
  await expectNoViolations(page, 'recording');

  await expect(page.getByTestId('playback')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('steps')).toHaveAttribute('data-step', 'check');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  // Tailwind's -scale-x-100 sets the `scale` property (the preview's container uses the same class).
  const scale = await page.getByTestId('playback-video').evaluate((v) => getComputedStyle(v).scale);
  expect(scale, 'playback mirrored like the preview').toBe('-1 1');
  await expectFitsScreen(page, 'playback');
  await expectScreenshotWithoutVideo(page, 'playback.png');
  for (const lang of ['id', 'zh-CN', 'en'] as const) {
    await page.getByTestId('language-switch').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectNoViolations(page, 'playback');
  }

  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByTestId('capture')).toHaveAttribute('data-state', 'uploading');
  await expect(page.getByTestId('steps')).toHaveAttribute('data-step', 'send');
  await expectFitsScreen(page, 'uploading');
  await expectNoViolations(page, 'uploading');

  const outcome = page.getByTestId('outcome');
  await expect(outcome).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expectFitsScreen(page, 'outcome');
  await expect(page).toHaveScreenshot('outcome.png', SHOT);
  for (const lang of ['id', 'zh-CN'] as const) {
    await page.getByTestId('language-switch').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectNoViolations(page, 'outcome');
  }
});

test('a session capture ends with the next step, not an invitation to record another video', async ({ page, request }) => {
  test.setTimeout(150_000);
  const app = await setUpApplication(request, { providers: ['tencent'] });
  const session = await createSession(request, app.key, { reference: 'applicant-e2e-mobile' });
  await page.goto(session.url);
  await agree(page);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByTestId('hint')).toBeVisible({ timeout: 60_000 });
  await expectFullScreenCamera(page);
  await expect(page.getByTestId('use-phone')).toHaveCount(0);

  await expect(page.getByTestId('playback')).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const outcome = page.getByTestId('outcome');
  await expect(outcome).toHaveAttribute('data-status', 'submitted', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: /record another/i })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /record another/i })).toHaveCount(0);
  await expect(outcome).toContainText('To continue, go back to the service you are signing up with.');
  await expectFitsScreen(page, 'session outcome');
  await expect(page).toHaveScreenshot('session-outcome.png', SHOT);
  await expectNoViolations(page, 'session outcome');
});

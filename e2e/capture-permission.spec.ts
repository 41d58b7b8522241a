/**
 * Camera permission denied → the recovery screen. No `--use-fake-ui-for-media-stream` (which
 * auto-accepts) and `--deny-permission-prompts`: Chromium answers the prompt with "Block", as a
 * person would, and getUserMedia rejects with NotAllowedError.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { caseIds } from './api.js';
import { agree } from './capture-watch.js';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--deny-permission-prompts'],
  },
});

test('permission denied shows the recovery screen with steps for this browser and others, and Try again asks again', async ({
  page,
  request,
}) => {
  const before = await caseIds(request);
  await page.goto('/');
  await agree(page);
  await page.getByRole('button', { name: 'Start camera' }).click();

  const outcome = page.getByTestId('outcome');
  await expect(outcome).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
  await expect(outcome).toHaveAttribute('data-kind', 'permission_denied');
  await expect(page.getByRole('heading', { name: 'Camera access is blocked' })).toBeFocused();
  // Debian Chromium on Linux: Chrome-on-a-computer steps first, the other browsers behind a disclosure.
  const steps = page.getByTestId('recovery-steps');
  await expect(steps.getByText('Chrome on a computer')).toBeVisible();
  await steps.getByText('Steps for other browsers').click();
  for (const browser of ['Chrome on Android', 'Safari on iPhone or iPad', 'Safari on Mac', 'Firefox', 'Edge']) {
    await expect(steps.getByText(browser, { exact: true })).toBeVisible();
  }
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Still blocked: Try again asks again and lands on the same screen; Back leads to the primer.
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(outcome).toHaveAttribute('data-kind', 'permission_denied', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('capture')).toHaveAttribute('data-state', 'idle');
  expect(await caseIds(request)).toEqual(before);
});

for (const { lang, agreeText, startText, title } of [
  { lang: 'id', agreeText: 'Saya setuju', startText: 'Nyalakan kamera', title: 'Akses kamera diblokir' },
  { lang: 'zh-CN', agreeText: '我同意', startText: '开启摄像头', title: '摄像头权限已被阻止' },
]) {
  test(`the recovery screen in ${lang} has no axe violations`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await page.getByRole('button', { name: agreeText, exact: true }).click();
    await page.getByRole('button', { name: startText, exact: true }).click();
    await expect(page.getByTestId('outcome')).toHaveAttribute('data-kind', 'permission_denied', { timeout: 30_000 });
    await expect(page.getByRole('heading', { name: title })).toBeFocused();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });
}

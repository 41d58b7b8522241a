/**
 * Several cameras: after permission the picker lists them; the choice re-opens that camera and is
 * remembered for the next visit. Chromium's built-in fake device (a test pattern) with two devices.
 */
import { expect, test } from '@playwright/test';
import { agree } from './capture-watch.js';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream=device-count=2',
    ],
  },
});

test('the picker switches to the chosen camera and remembers it', async ({ page }) => {
  const capture = page.getByTestId('capture');
  await page.goto('/');
  await agree(page);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(capture).toHaveAttribute('data-state', 'guiding', { timeout: 45_000 });

  const picker = page.getByTestId('camera-picker');
  await expect(picker.locator('option')).toHaveCount(2);
  const ids = await picker.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const current = await picker.inputValue();
  const other = ids.find((id) => id !== current)!;
  await picker.selectOption(other);
  await expect(picker).toHaveValue(other, { timeout: 20_000 });
  await expect(capture).toHaveAttribute('data-state', 'guiding');
  // The preview really shows the chosen device.
  const usedId = await page
    .getByLabel('Camera preview')
    .evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream | null)?.getVideoTracks()[0]?.getSettings().deviceId ?? null);
  expect(usedId).toBe(other);

  // Next visit: the remembered camera is opened straight away.
  await page.reload();
  await agree(page);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(capture).toHaveAttribute('data-state', 'guiding', { timeout: 45_000 });
  await expect(page.getByTestId('camera-picker')).toHaveValue(other);
});

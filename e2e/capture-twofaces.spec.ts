/** With two faces in view, guidance says so and recording stays disabled. */
import { expect, test } from '@playwright/test';
import { caseIds } from './api.js';
import { cameraClips, fakeCameraLaunch } from './camera.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.twoFaces.y4m) });
test('says more than one face and records nothing', async ({ page, request }) => {
  const before = await caseIds(request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const hint = page.getByTestId('hint');
  await expect(hint).toHaveAttribute('data-hint', 'multiple_faces', { timeout: 45_000 });
  await expect(hint).toContainText(/one|face/i);
  await expect(page.getByRole('button', { name: 'Record' })).toBeDisabled();
  expect(await caseIds(request)).toEqual(before);
});

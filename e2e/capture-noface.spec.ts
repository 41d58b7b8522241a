/** With no face in front of the camera, guidance never says ready and nothing is recorded. */
import { expect, test } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { caseIds } from './api.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.noFace.y4m) });
test('says no face and records nothing', async ({ page, request }) => {
  const before = await caseIds(request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const hint = page.getByTestId('hint');
  await expect(hint).toHaveAttribute('data-hint', 'no_face', { timeout: 45_000 });
  // Watch for a few seconds: the guidance must never call this clip ready.
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(500);
    await expect(hint).not.toHaveAttribute('data-hint', 'ready');
    await expect(page.getByRole('button', { name: 'Record' })).toBeDisabled();
  }
  expect(await caseIds(request)).toEqual(before);
});

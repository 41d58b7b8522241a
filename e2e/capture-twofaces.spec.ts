/** With two faces in view, guidance says so, no countdown starts and nothing is recorded. */
import { expect, test, type Page } from '@playwright/test';
import { caseIds } from './api.js';
import { cameraClips, fakeCameraLaunch } from './camera.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.twoFaces.y4m) });

/**
 * Records every `data-state` the capture section takes and whether a countdown element ever
 * appeared: a MutationObserver sees states that come and go between two Playwright polls.
 */
async function watchCapture(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __captureStates: string[]; __sawCountdown: boolean };
    w.__captureStates = [];
    w.__sawCountdown = false;
    new MutationObserver(() => {
      const state = document.querySelector('[data-testid="capture"]')?.getAttribute('data-state');
      if (state && w.__captureStates[w.__captureStates.length - 1] !== state) w.__captureStates.push(state);
      if (document.querySelector('[data-testid="countdown"]')) w.__sawCountdown = true;
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

const captureLog = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __captureStates: string[]; __sawCountdown: boolean };
    return { states: w.__captureStates, sawCountdown: w.__sawCountdown };
  });

test('says more than one face and records nothing', async ({ page, request }) => {
  const before = await caseIds(request);
  await watchCapture(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const hint = page.getByTestId('hint');
  await expect(hint).toHaveAttribute('data-hint', 'multiple_faces', { timeout: 45_000 });
  await expect(hint).toContainText(/one|face/i);
  // Longer than the 0.5 s hold plus the 3 s countdown: the hint stays, no countdown ever starts.
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(500);
    await expect(hint).toHaveAttribute('data-hint', 'multiple_faces');
    await expect(page.getByTestId('countdown')).toHaveCount(0);
    await expect(page.locator('button:enabled', { hasText: 'Record' })).toHaveCount(0);
  }
  await expect(page.getByTestId('capture')).toHaveAttribute('data-state', 'guiding');
  const { states, sawCountdown } = await captureLog(page);
  expect(sawCountdown).toBe(false);
  expect(states).not.toContain('countdown');
  expect(states).not.toContain('recording');
  expect(await caseIds(request)).toEqual(before);
});

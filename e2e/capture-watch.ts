/** Helpers for the capture e2e specs: watch the flow's states, and assert a clip never records. */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { caseIds } from './api.js';

/**
 * Records every `data-state` the capture section takes and whether a countdown element ever
 * appeared: a MutationObserver sees states that come and go between two Playwright polls.
 */
export async function watchCapture(page: Page): Promise<void> {
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

/** The consent screen comes first: agree (the contract: a button named exactly "I agree"). */
export async function agree(page: Page): Promise<void> {
  await expect(page.getByTestId('consent')).toBeVisible();
  await page.getByRole('button', { name: 'I agree', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Start camera' })).toBeVisible();
}

/** After fitting, the playback screen shows the clip: send it. */
export async function sendFromReview(page: Page, timeout = 60_000): Promise<void> {
  await expect(page.getByTestId('playback')).toBeVisible({ timeout });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

export const captureLog = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __captureStates: string[]; __sawCountdown: boolean };
    return { states: w.__captureStates, sawCountdown: w.__sawCountdown };
  });

/**
 * Starts the camera and watches long enough (more than the 0.5 s hold plus the 3 s countdown) to
 * prove the guidance shows `hint` and never counts down, records or creates a case.
 */
export async function expectGuidanceWithoutRecording(
  page: Page,
  request: APIRequestContext,
  hintCode: string,
  // e.g. '/?demo=noface' to watch a demo clip instead of the fake camera.
  url = '/',
): Promise<void> {
  const before = await caseIds(request);
  await watchCapture(page);
  await page.goto(url);
  await agree(page);
  await page.getByRole('button', { name: 'Start camera' }).click();
  const hint = page.getByTestId('hint');
  await expect(hint).toHaveAttribute('data-hint', hintCode, { timeout: 45_000 });
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(500);
    await expect(hint).not.toHaveAttribute('data-hint', 'ready');
    await expect(page.getByTestId('countdown')).toHaveCount(0);
    // The manual fallback is hidden at first and never enabled without one face in view.
    await expect(page.locator('button:enabled', { hasText: 'Record' })).toHaveCount(0);
  }
  await expect(page.getByTestId('capture')).toHaveAttribute('data-state', 'guiding');
  const { states, sawCountdown } = await captureLog(page);
  expect(sawCountdown).toBe(false);
  expect(states).not.toContain('countdown');
  expect(states).not.toContain('recording');
  expect(await caseIds(request)).toEqual(before);
}

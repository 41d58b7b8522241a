/**
 * Keyboard only (Tab, Shift+Tab, Enter, Space): from the consent to the outcome with the fake
 * camera. Each new screen puts focus on its heading; the focused control shows a focus ring.
 */
import { expect, test, type Page } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from './camera.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });

/** The accessible-ish name of the focused element (its text or aria-label). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
  });

/** Presses Tab until the control named `name` has focus (fails after 25 presses: unreachable or a trap). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 25; i++) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`"${name}" never got keyboard focus; last focus: "${await focusedName(page)}"`);
}

async function expectFocusRing(page: Page): Promise<void> {
  const shadow = await page.evaluate(() => getComputedStyle(document.activeElement as Element).boxShadow);
  expect(shadow, 'focused control shows a ring').not.toBe('none');
}

test('consent → primer → camera → playback → outcome with the keyboard alone', async ({ page }) => {
  test.setTimeout(150_000);
  const capture = page.getByTestId('capture');
  await page.goto('/');

  await tabTo(page, 'I agree');
  await expectFocusRing(page);
  await page.keyboard.press('Enter');
  await expect(capture).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('#capture-title')).toBeFocused();

  // Shift+Tab must get back out of the page body too: no trap around the heading.
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, 'Start camera');
  await expectFocusRing(page);
  await page.keyboard.press('Space');
  await expect(capture).toHaveAttribute('data-state', /requesting_permission|guiding|countdown|recording/);
  await expect(page.locator('#capture-title')).toBeFocused();

  // Recording starts by itself; fitting; then the playback screen takes focus.
  await expect(page.getByTestId('playback')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('#capture-title')).toBeFocused();
  await tabTo(page, 'Send');
  await expectFocusRing(page);
  await page.keyboard.press('Space');

  const outcome = page.getByTestId('outcome');
  await expect(outcome).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(outcome.getByRole('heading')).toBeFocused();
  await tabTo(page, 'Record another video');
  await page.keyboard.press('Enter');
  await expect(capture).toHaveAttribute('data-state', 'idle');
});

/**
 * Guidance on both detector paths (#16 row 1): the default fast path (a small copy of the frame,
 * detection on every other frame) and the full-frame path kept as the fallback
 * (window.__guidanceFullFrame). Both judge the camera's frames and find the face ready.
 */
import { expect, test } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { agree } from './capture-watch.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });

for (const fullFrame of [false, true]) {
  test(`${fullFrame ? 'full-frame fallback' : 'fast path'}: the face reads as ready, detection on ${fullFrame ? 'every' : 'every other'} frame`, async ({
    page,
  }) => {
    if (fullFrame) await page.addInitScript(() => (window.__guidanceFullFrame = true));
    await page.goto('/');
    await agree(page);
    await page.getByRole('button', { name: 'Start camera' }).click();
    await expect(page.getByTestId('hint')).toHaveAttribute('data-hint', 'ready', { timeout: 45_000 });
    await page.waitForFunction(() => (window.__guidanceFrames?.judged ?? 0) >= 20);
    // Read before a recording starts (it throttles detection): still guiding or counting down.
    const counts = await page.evaluate(() => ({
      ...window.__guidanceFrames!,
      state: document.querySelector('[data-testid="capture"]')?.getAttribute('data-state'),
    }));
    expect(['guiding', 'countdown']).toContain(counts.state);
    expect(counts.judged).toBeGreaterThanOrEqual(20);
    if (fullFrame) expect(counts.detected).toBe(counts.judged);
    else expect(counts.detected).toBeLessThanOrEqual(Math.ceil(counts.judged / 2));
  });
}

/**
 * Guidance on both detector paths (#16 row 1): the default fast path (a small copy of the frame,
 * detection on every other frame) and the full-frame path kept as the fallback
 * (window.__guidanceFullFrame). Both judge the camera's frames and find the face ready. Chromium
 * reads the camera's own frames (MediaStreamTrackProcessor); the preview's requestVideoFrameCallback
 * loop (window.__guidanceVideoLoop) is the fallback for browsers without it.
 */
import { expect, test } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { agree } from './capture-watch.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });

const paths = [
  { fullFrame: false, videoLoop: false, name: 'fast path' },
  { fullFrame: true, videoLoop: false, name: 'full-frame fallback' },
  { fullFrame: false, videoLoop: true, name: 'fast path on the requestVideoFrameCallback loop' },
];

for (const { fullFrame, videoLoop, name } of paths) {
  test(`${name}: the face reads as ready, detection on ${fullFrame ? 'every' : 'every other'} frame`, async ({ page }) => {
    if (fullFrame) await page.addInitScript(() => (window.__guidanceFullFrame = true));
    if (videoLoop) await page.addInitScript(() => (window.__guidanceVideoLoop = true));
    await page.goto('/');
    await agree(page);
    await page.getByRole('button', { name: 'Start camera' }).click();
    await expect(page.getByTestId('hint')).toHaveAttribute('data-hint', 'ready', { timeout: 45_000 });
    await page.waitForFunction(() => (window.__guidanceFrames?.judged ?? 0) >= 20);
    // Read before a recording starts (it throttles detection): still guiding or counting down.
    const counts = await page.evaluate(() => ({
      ...window.__guidanceFrames!,
      loop: window.__guidanceLoop,
      state: document.querySelector('[data-testid="capture"]')?.getAttribute('data-state'),
    }));
    expect(['guiding', 'countdown']).toContain(counts.state);
    expect(counts.loop).toBe(videoLoop ? 'video' : 'camera');
    expect(counts.judged).toBeGreaterThanOrEqual(20);
    // "presented" is the camera's own count: never fewer than the frames judged.
    expect(counts.presented).toBeGreaterThanOrEqual(counts.judged);
    if (fullFrame) expect(counts.detected).toBe(counts.judged);
    else expect(counts.detected).toBeLessThanOrEqual(Math.ceil(counts.judged / 2));
  });
}

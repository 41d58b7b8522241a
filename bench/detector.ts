/**
 * Face-detection cost in headless Chromium: the real capture page, the real MediaPipe detector,
 * a 640×480 fake camera at 25 fps. Reads the page's own rolling stats (window.__detectorStats).
 */
import { chromium } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from '../e2e/camera.js';
import globalSetup from '../e2e/global-setup.js';
import { chooseOnly, openCapturePage, startCamera } from './capture-page.js';
import { round } from './stats.js';

export interface DetectorBench {
  framesMeasured: number;
  medianMsPerFrame: number;
  loopFps: number;
  keepsUpWith25Fps: boolean;
}

export async function benchDetector(baseUrl: string): Promise<DetectorBench> {
  globalSetup();
  const browser = await chromium.launch({ ...fakeCameraLaunch(cameraClips.face.y4m), headless: true });
  try {
    const page = await browser.newPage();
    await openCapturePage(page, baseUrl); // passes a consent screen when there is one
    // With no vendor chosen the page guides but never auto-records: detection runs on every frame.
    await chooseOnly(page, []);
    await startCamera(page);
    await page.waitForFunction(() => (window.__detectorStats?.frames ?? 0) >= 20, null, { timeout: 60_000 });
    // Measure a fresh window of ≥ 100 frames after warm-up.
    const start = await page.evaluate(() => ({ frames: window.__detectorStats!.frames, t: performance.now() }));
    await page.waitForFunction((f) => (window.__detectorStats?.frames ?? 0) >= f + 110, start.frames, { timeout: 60_000 });
    const end = await page.evaluate(() => ({ ...window.__detectorStats!, t: performance.now() }));
    const loopFps = ((end.frames - start.frames) / (end.t - start.t)) * 1000;
    return {
      framesMeasured: end.frames - start.frames,
      medianMsPerFrame: end.medianMs,
      loopFps: round(loopFps, 1),
      // 25 fps leaves 40 ms per frame; the loop keeps up when it processes ~every frame.
      keepsUpWith25Fps: loopFps >= 24 && end.medianMs < 40,
    };
  } finally {
    await browser.close();
  }
}

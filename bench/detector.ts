/**
 * Guidance cost per frame in headless Chromium (#16 row 1): the real capture page, the real
 * MediaPipe detector, a 640×480 fake camera at 25 fps. Four paths in the same run, alternating:
 * the reference, as before #16: detection on every full frame of the preview (window.__guidanceFullFrame
 * on the requestVideoFrameCallback loop, window.__guidanceVideoLoop); the shipped fast path (a
 * 320×240 copy, detection on every other frame) on the camera's own frames (MediaStreamTrackProcessor);
 * the same fast path on the fallback loop; and the full-frame path on the camera's frames (the fallback
 * where no 2D canvas is available: tasks-vision fed each whole VideoFrame). Reads the page's own figures (window.__detectorStats,
 * window.__guidanceFrames; "presented" = the frames the camera delivered).
 */
import { chromium, type Browser } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from '../e2e/camera.js';
import globalSetup from '../e2e/global-setup.js';
import { chooseOnly, openCapturePage, startCamera } from './capture-page.js';
import { recordGoal } from './goals.js';
import { median, round } from './stats.js';

const WARM_UP_FRAMES = 20;
const MEASURED_FRAMES = 110;
const ROUNDS = 2;

export interface GuidancePathBench {
  framesJudged: number;
  framesPresented: number;
  /** detectForVideo (+ the small copy on the fast path), median of the last 100 detections */
  detectMedianMs: number;
  /** detection + all checks, median of the last 100 judged frames */
  frameMedianMs: number;
  /** all guidance time ÷ judged frames over the window: the cost per camera frame */
  frameMeanMs: number;
  loopFps: number;
}

export interface DetectorBench {
  /** the reference: full frames of the preview (requestVideoFrameCallback) */
  full: GuidancePathBench;
  /** the full-frame path on the camera's frames */
  fullCamera: GuidancePathBench;
  fast: GuidancePathBench;
  /** the fast path on the fallback loop (requestVideoFrameCallback) */
  fastVideoLoop: GuidancePathBench;
  /** fast path's mean cost per frame ÷ the full-frame detection's median, same run */
  ratio: number;
  judgedShare: number;
  videoLoopJudgedShare: number;
}

type PathName = 'full' | 'fast' | 'fastVideoLoop' | 'fullCamera';

async function measurePath(browser: Browser, baseUrl: string, path: PathName): Promise<GuidancePathBench> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (path === 'full' || path === 'fullCamera') await page.addInitScript(() => (window.__guidanceFullFrame = true));
    if (path === 'full' || path === 'fastVideoLoop') await page.addInitScript(() => (window.__guidanceVideoLoop = true));
    await openCapturePage(page, baseUrl); // passes a consent screen when there is one
    // With no vendor chosen the page guides but never auto-records: every frame is judged.
    await chooseOnly(page, []);
    await startCamera(page);
    await page.waitForFunction((n) => (window.__guidanceFrames?.judged ?? 0) >= n, WARM_UP_FRAMES, { timeout: 60_000 });
    const start = await page.evaluate(() => ({ ...window.__guidanceFrames!, t: performance.now() }));
    await page.waitForFunction((f) => (window.__guidanceFrames?.judged ?? 0) >= f, start.judged + MEASURED_FRAMES, {
      timeout: 60_000,
    });
    const end = await page.evaluate(() => ({ ...window.__guidanceFrames!, ...window.__detectorStats!, t: performance.now() }));
    const judged = end.judged - start.judged;
    return {
      framesJudged: judged,
      framesPresented: end.presented - start.presented,
      detectMedianMs: end.medianMs,
      frameMedianMs: end.frameMedianMs,
      frameMeanMs: round((end.totalMs - start.totalMs) / judged, 2),
      loopFps: round((judged / (end.t - start.t)) * 1000, 1),
    };
  } finally {
    await context.close();
  }
}

const medianOf = (runs: GuidancePathBench[], key: keyof GuidancePathBench) => round(median(runs.map((r) => r[key])), 2);

export async function benchDetector(baseUrl: string): Promise<DetectorBench> {
  globalSetup();
  const browser = await chromium.launch({ ...fakeCameraLaunch(cameraClips.face.y4m), headless: true });
  const runs: Record<PathName, GuidancePathBench[]> = { full: [], fast: [], fastVideoLoop: [], fullCamera: [] };
  try {
    // Alternate, so load on the shared machine falls on every path alike.
    for (let i = 0; i < ROUNDS; i++) {
      for (const path of ['full', 'fast', 'fastVideoLoop', 'fullCamera'] as const)
        runs[path].push(await measurePath(browser, baseUrl, path));
    }
  } finally {
    await browser.close();
  }
  const summary = (list: GuidancePathBench[]): GuidancePathBench => ({
    framesJudged: list.reduce((n, r) => n + r.framesJudged, 0),
    framesPresented: list.reduce((n, r) => n + r.framesPresented, 0),
    detectMedianMs: medianOf(list, 'detectMedianMs'),
    frameMedianMs: medianOf(list, 'frameMedianMs'),
    frameMeanMs: medianOf(list, 'frameMeanMs'),
    loopFps: medianOf(list, 'loopFps'),
  });
  const full = summary(runs.full);
  const fast = summary(runs.fast);
  const fastVideoLoop = summary(runs.fastVideoLoop);
  const fullCamera = summary(runs.fullCamera);
  const ratio = round(fast.frameMeanMs / full.detectMedianMs, 2);
  const judgedShare = fast.framesJudged / fast.framesPresented;
  const videoLoopJudgedShare = fastVideoLoop.framesJudged / fastVideoLoop.framesPresented;
  recordGoal({
    what: 'Guidance per 640×480 frame (detection + all checks), median',
    measured:
      `${fast.frameMeanMs} ms per frame (mean; median of frames ${fast.frameMedianMs} ms, detections ${fast.detectMedianMs} ms) ` +
      `vs full-frame detection ${full.detectMedianMs} ms = ${ratio}× (fed the camera's VideoFrame instead: ${fullCamera.detectMedianMs} ms); ${fast.framesJudged} of ${fast.framesPresented} camera frames judged ` +
      `(fallback loop, requestVideoFrameCallback: ${fastVideoLoop.framesJudged} of ${fastVideoLoop.framesPresented})`,
    goal: '≤ 0.7× full-frame detection, 100 % of 25 fps frames judged',
    pass: ratio <= 0.7 && judgedShare >= 1,
  });
  return {
    full,
    fast,
    fastVideoLoop,
    fullCamera,
    ratio,
    judgedShare: round(judgedShare * 100, 1),
    videoLoopJudgedShare: round(videoLoopJudgedShare * 100, 1),
  };
}

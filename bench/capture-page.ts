/**
 * Drives the real capture page (`/`) for the capture bench: today's page, and the coming one with a
 * consent screen ("I agree") before the primer and a playback screen ("Send") after fitting. Each
 * step clicks those buttons only when they appear.
 */
import type { BrowserContext, Page } from '@playwright/test';

/** States after which the clip is on its way (or the flow ended): no playback screen will come. */
const PAST_FITTING = ['uploading', 'processing', 'done', 'retake', 'error'];

/** Notes (epoch ms) when the first judged hint, the recording and the upload-ready file appear (a MutationObserver). */
export async function watchMilestones(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __benchMilestones: Record<string, number> };
    w.__benchMilestones = {};
    // No named helper functions in here: tsx would wrap them in a `__name()` the page lacks.
    new MutationObserver(() => {
      const m = w.__benchMilestones;
      const t = performance.timeOrigin + performance.now();
      const hint = document.querySelector('[data-testid="hint"]')?.getAttribute('data-hint');
      if (m.firstJudgedHint === undefined && hint && hint !== 'loading') m.firstJudgedHint = t;
      const state = document.querySelector('[data-testid="capture"]')?.getAttribute('data-state');
      if (m.recording === undefined && state === 'recording') m.recording = t;
      // Upload-ready: the first state after the recording that is neither recording nor fitting.
      if (m.recording !== undefined && m.uploadReady === undefined && state && state !== 'recording' && state !== 'fitting') {
        m.uploadReady = t;
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-hint', 'data-state'] });
  });
}

export async function milestones(
  page: Page,
): Promise<{ navigationStart: number; firstJudgedHint?: number; recording?: number; uploadReady?: number }> {
  return page.evaluate(() => ({
    navigationStart: performance.timeOrigin,
    ...(window as unknown as { __benchMilestones: Record<string, number> }).__benchMilestones,
  }));
}

/** Makes the browser's MP4 and H.264 recording look unsupported, so the page records VP9 WebM (as Firefox would). */
export async function forceWebmRecording(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const original = MediaRecorder.isTypeSupported.bind(MediaRecorder);
    MediaRecorder.isTypeSupported = (type: string) => !/mp4|h264|avc1/i.test(type) && original(type);
  });
}

/** Opens the page in English (plus `query`, e.g. `fitting=ffmpeg`) and passes the consent screen when there is one. */
export async function openCapturePage(page: Page, baseUrl: string, query = ''): Promise<void> {
  await page.goto(`${baseUrl}/?lang=en${query ? `&${query}` : ''}`);
  const agree = page.getByRole('button', { name: 'I agree', exact: true });
  const start = page.getByRole('button', { name: 'Start camera', exact: true });
  await agree.or(start).first().waitFor({ timeout: 30_000 });
  if (await agree.isVisible()) await agree.click();
  await start.waitFor({ timeout: 30_000 });
}

/** Checks exactly `ids` in the provider list (none = guidance runs but never records). */
export async function chooseOnly(page: Page, ids: readonly string[]): Promise<void> {
  const boxes = page.locator('input[name="providers"]');
  await boxes.first().waitFor({ timeout: 30_000 });
  for (const box of await boxes.all()) {
    const id = await box.getAttribute('value');
    if (id && ids.includes(id)) await box.check();
    else await box.uncheck();
  }
  const checked = await page.locator('input[name="providers"]:checked').count();
  if (checked !== ids.length) throw new Error(`expected ${ids.length} provider(s) checked, found ${checked}`);
}

export async function startCamera(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start camera', exact: true }).click();
}

/** After fitting: clicks "Send" when a playback screen shows, then waits for the outcome. Returns its status. */
export async function sendAndWaitForOutcome(page: Page, timeoutMs = 90_000): Promise<string> {
  await page.waitForFunction(
    (past) => {
      if (document.querySelector('[data-testid="playback"]')) return true;
      const state = document.querySelector('[data-testid="capture"]')?.getAttribute('data-state') ?? '';
      return past.includes(state);
    },
    PAST_FITTING,
    { timeout: timeoutMs },
  );
  // On the playback screen, wait for its "Send" button (it may render a moment after the screen).
  if (await page.getByTestId('playback').count()) await page.getByRole('button', { name: 'Send', exact: true }).click();
  const outcome = page.getByTestId('outcome');
  await outcome.waitFor({ timeout: timeoutMs });
  const status = (await outcome.getAttribute('data-status')) ?? 'unknown';
  if (status !== 'done') throw new Error(`capture ended with ${status}: ${await outcome.textContent()}`);
  return status;
}

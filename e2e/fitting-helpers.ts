/** Helpers for the fitting e2e specs: record with the fake camera, upload, and check what each vendor was sent. */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { CaseDetail, MediaView, ProviderId, ProvidersResponse } from '@contract/api';
import { checkFit } from '@contract/media/fit-check.js';
import type { ProbeResult } from '@contract/media/types.js';
import { caseIds } from './api.js';
import { sendFromReview } from './capture-watch.js';

/** Alibaba intl is the strictest on length (1–3 s) and size (> 100 KB); Tencent on bytes (base64) and 720p. */
export const TENCENT_AND_ALIBABA_INTL: ProviderId[] = ['tencent', 'alibaba-intl'];

/** Notes every capture state and whether the fitting progress bar ever showed (states can be brief). */
export async function watchFitting(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __states: string[]; __sawFittingProgress: boolean };
    w.__states = [];
    w.__sawFittingProgress = false;
    new MutationObserver(() => {
      const state = document.querySelector('[data-testid="capture"]')?.getAttribute('data-state');
      if (state && w.__states[w.__states.length - 1] !== state) w.__states.push(state);
      if (document.querySelector('[data-testid="fitting-progress"]')) w.__sawFittingProgress = true;
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

/** Unchecks every provider checkbox except `ids` (before the camera starts, so nothing auto-records early). */
export async function chooseOnly(page: Page, ids: readonly string[]): Promise<void> {
  const boxes = page.locator('input[name="providers"]');
  await expect(boxes.first()).toBeVisible();
  for (const box of await boxes.all()) {
    const id = await box.getAttribute('value');
    if (id && ids.includes(id)) await box.check();
    else await box.uncheck();
  }
  await expect(page.locator('input[name="providers"]:checked')).toHaveCount(ids.length);
}

/** Records with the fake camera (auto-start, no click on Record) and returns the new case. */
export async function recordAndUpload(page: Page, request: APIRequestContext): Promise<CaseDetail> {
  const before = await caseIds(request);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByTestId('capture')).toHaveAttribute('data-state', 'recording', { timeout: 60_000 });
  await sendFromReview(page, 90_000);
  const outcome = page.getByTestId('outcome');
  await expect(outcome).toBeVisible({ timeout: 60_000 });
  // On an error screen the reason (which vendor, which limit) sits under "Technical details": show it.
  const status = await outcome.getAttribute('data-status');
  expect(status, `capture ended with: ${await outcome.textContent()}`).toBe('done');
  const newIds = (await caseIds(request)).filter((id) => !before.includes(id));
  expect(newIds).toHaveLength(1);
  return (await (await request.get(`/api/cases/${newIds[0]}`)).json()) as CaseDetail;
}

/** The file a provider was sent: its own fitted file when there is one, else the shared `video`. */
export function fileFor(detail: CaseDetail, providerId: ProviderId): MediaView {
  const file = detail.media.find((m) => m.role === `video.${providerId}`) ?? detail.media.find((m) => m.role === 'video');
  if (!file) throw new Error(`no file for ${providerId}`);
  return file;
}

/** Every chosen vendor was sent a file its limits accept (the server's probe, the shared fit check), and answered. */
export async function expectEveryFileFits(
  request: APIRequestContext,
  detail: CaseDetail,
  chosen: readonly ProviderId[],
): Promise<void> {
  const { providers } = (await (await request.get('/api/providers')).json()) as ProvidersResponse;
  for (const id of chosen) {
    const provider = providers.find((p) => p.id === id)!;
    const file = fileFor(detail, id);
    expect(checkFit(file.probe as unknown as ProbeResult, file.bytes, provider.limits), `${id} got ${file.role}`).toEqual({
      ok: true,
    });
  }
  // Both checks ran on what they were sent and came back with a verdict.
  expect(detail.checks.map((c) => c.providerId).sort()).toEqual([...chosen].sort());
  for (const check of detail.checks) expect([check.providerId, check.outcome?.kind]).toEqual([check.providerId, 'result']);
}

export interface FittingTelemetry {
  plans: Record<string, string>;
  jobs: Array<{ kind: string; engine: string; browserFailure?: string }>;
  coreFetchMs?: number;
}

/** Notes every request for the ffmpeg core (`/ffmpeg/…`): the browser paths must not need it. */
export function watchFfmpegRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/ffmpeg/')) seen.push(r.url());
  });
  return seen;
}

/** Make the browser's MP4 and H.264 recording look unsupported, so the recorder falls back to VP9 WebM (as Firefox records). */
export async function forceVp9Recording(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const original = MediaRecorder.isTypeSupported.bind(MediaRecorder);
    MediaRecorder.isTypeSupported = (type: string) => !/mp4|h264|avc1/i.test(type) && original(type);
  });
}

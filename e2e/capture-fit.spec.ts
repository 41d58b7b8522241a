/**
 * Fitting end to end: the 3.5 s recording is cut (Mediabunny stream copy) or re-encoded (WebCodecs)
 * in the browser to each chosen vendor's limits — or by ffmpeg.wasm, served from our own origin,
 * where the browser cannot or `?fitting=ffmpeg` says so — every vendor receives a file that meets
 * its limits (the server re-probes each one), and both checks return results. All of it under the
 * server's Content-Security-Policy: no test may see a violation (guidance's wasm, the recorder,
 * the fitting workers, ffmpeg.wasm's blob: core).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { CaseDetail, MediaView, ProviderId, ProvidersResponse } from '@contract/api';
import { checkFit } from '@contract/media/fit-check.js';
import type { ProbeResult } from '@contract/media/types.js';
import { caseIds } from './api.js';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { agree, sendFromReview } from './capture-watch.js';
import { watchCspViolations, type CspWatch } from './csp-watch.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });
const CHOSEN: ProviderId[] = ['tencent', 'alibaba-intl'];

let csp: CspWatch;
test.beforeEach(async ({ page }) => {
  csp = await watchCspViolations(page);
});
test.afterEach(async () => {
  expect(await csp.violations()).toEqual([]);
});

/** Notes every capture state and whether the fitting progress bar ever showed (states can be brief). */
async function watchFitting(page: Page): Promise<void> {
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
async function chooseOnly(page: Page, ids: readonly string[]): Promise<void> {
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
async function recordAndUpload(page: Page, request: APIRequestContext): Promise<CaseDetail> {
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
function fileFor(detail: CaseDetail, providerId: ProviderId): MediaView {
  const file = detail.media.find((m) => m.role === `video.${providerId}`) ?? detail.media.find((m) => m.role === 'video');
  if (!file) throw new Error(`no file for ${providerId}`);
  return file;
}

async function expectEveryFileFits(request: APIRequestContext, detail: CaseDetail): Promise<void> {
  const { providers } = (await (await request.get('/api/providers')).json()) as ProvidersResponse;
  for (const id of CHOSEN) {
    const provider = providers.find((p) => p.id === id)!;
    const file = fileFor(detail, id);
    expect(checkFit(file.probe as unknown as ProbeResult, file.bytes, provider.limits), `${id} got ${file.role}`).toEqual({
      ok: true,
    });
  }
  // Both checks ran on what they were sent and came back with a verdict.
  expect(detail.checks.map((c) => c.providerId).sort()).toEqual([...CHOSEN].sort());
  for (const check of detail.checks) expect([check.providerId, check.outcome?.kind]).toEqual([check.providerId, 'result']);
}

interface FittingTelemetry {
  plans: Record<string, string>;
  jobs: Array<{ kind: string; engine: string; browserFailure?: string }>;
  coreFetchMs?: number;
}

/** Notes every request for the ffmpeg core (`/ffmpeg/…`): the browser paths must not need it. */
function watchFfmpegRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/ffmpeg/')) seen.push(r.url());
  });
  return seen;
}

/** An MP4 recording, both vendors chosen: Tencent takes it as-is, Alibaba intl gets its own trim. */
async function expectTrimmedForAlibaba(page: Page, request: APIRequestContext, query = ''): Promise<FittingTelemetry> {
  await watchFitting(page);
  await page.goto(`/${query}`);
  await agree(page);
  await chooseOnly(page, CHOSEN);
  const detail = await recordAndUpload(page, request);

  const states = await page.evaluate(() => (window as unknown as { __states: string[] }).__states);
  expect(states.slice(states.indexOf('recording'), states.indexOf('recording') + 3)).toEqual(['recording', 'fitting', 'review']);

  // Only the clips: the integrity screening adds its sampled frames (frame.N) when it finishes.
  expect(
    detail.media
      .map((m) => m.role)
      .filter((r) => r.startsWith('video'))
      .sort(),
  ).toEqual(['video', 'video.alibaba-intl']);
  const tencent = fileFor(detail, 'tencent');
  const alibaba = fileFor(detail, 'alibaba-intl');
  expect(tencent.role).toBe('video');
  expect(Number(tencent.probe.durationS)).toBeGreaterThanOrEqual(2);
  expect(Number(tencent.probe.durationS)).toBeLessThanOrEqual(5);
  expect(Number(tencent.probe.durationS)).toBeGreaterThan(3); // the untouched 3.5 s recording
  expect(alibaba.probe).toMatchObject({ kind: 'video', container: 'mp4', codec: 'h264', fragmented: false });
  expect(Number(alibaba.probe.durationS)).toBeGreaterThanOrEqual(1);
  expect(Number(alibaba.probe.durationS)).toBeLessThanOrEqual(3);
  expect(alibaba.bytes).toBeGreaterThan(100 * 1024);
  await expectEveryFileFits(request, detail);

  const fitting = detail.telemetry.fitting as FittingTelemetry;
  expect(fitting.plans).toEqual({ tencent: 'as-is', 'alibaba-intl': 'trim' });
  expect(fitting.jobs.map((j) => j.kind)).toEqual(['trim']);
  test.info().annotations.push({ type: 'fitting', description: JSON.stringify(fitting) });
  return fitting;
}

test('MP4 recording: Tencent takes it as-is, Alibaba intl gets its own stream-copy trim to ≤ 3 s, made in the browser', async ({
  page,
  request,
}) => {
  const ffmpegRequests = watchFfmpegRequests(page);
  const fitting = await expectTrimmedForAlibaba(page, request);
  console.log('fitting (trim, Mediabunny):', JSON.stringify(fitting));
  expect(await page.evaluate(() => (window as unknown as { __sawFittingProgress: boolean }).__sawFittingProgress)).toBe(true);
  expect(fitting.jobs.map((j) => [j.engine, j.browserFailure])).toEqual([['mediabunny', undefined]]);
  // The browser did the job, so the 32 MB ffmpeg core was neither prefetched while guiding nor loaded.
  expect(fitting.coreFetchMs).toBeUndefined();
  expect(ffmpegRequests).toEqual([]);
});

test('MP4 recording with ?fitting=ffmpeg: the same trim, made by ffmpeg.wasm', async ({ page, request }) => {
  const fitting = await expectTrimmedForAlibaba(page, request, '?fitting=ffmpeg');
  console.log('fitting (trim, ffmpeg.wasm):', JSON.stringify(fitting));
  expect(fitting.jobs.map((j) => [j.engine, j.browserFailure])).toEqual([['ffmpeg', undefined]]);
  expect(fitting.coreFetchMs).toBeGreaterThan(0);
});

/** Make the browser's MP4 and H.264 recording look unsupported, so the recorder falls back to VP9 WebM (as Firefox records). */
async function forceVp9Recording(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const original = MediaRecorder.isTypeSupported.bind(MediaRecorder);
    MediaRecorder.isTypeSupported = (type: string) => !/mp4|h264|avc1/i.test(type) && original(type);
  });
}

/** A VP9 recording, both vendors chosen: each gets its own MP4/H.264 re-encode that fits. */
async function expectReEncodedForBoth(page: Page, request: APIRequestContext): Promise<FittingTelemetry> {
  await forceVp9Recording(page);
  await watchFitting(page);
  await page.goto('/');
  await agree(page);
  await chooseOnly(page, CHOSEN);
  const detail = await recordAndUpload(page, request);

  const roles = detail.media
    .map((m) => m.role)
    .filter((r) => r.startsWith('video'))
    .sort();
  expect(roles).toEqual(['video', 'video.alibaba-intl']);
  for (const id of CHOSEN) expect(fileFor(detail, id).probe).toMatchObject({ kind: 'video', container: 'mp4', codec: 'h264' });
  expect(Number(fileFor(detail, 'alibaba-intl').probe.durationS)).toBeLessThanOrEqual(3);
  expect(fileFor(detail, 'alibaba-intl').bytes).toBeGreaterThan(100 * 1024);
  await expectEveryFileFits(request, detail);

  const fitting = detail.telemetry.fitting as FittingTelemetry;
  expect(fitting.plans).toEqual({ tencent: 'transcode', 'alibaba-intl': 'transcode' });
  expect(fitting.jobs.map((j) => j.kind)).toEqual(['transcode', 'transcode']);
  test.info().annotations.push({ type: 'fitting', description: JSON.stringify(fitting) });
  return fitting;
}

test('WebM (VP9) recording: WebCodecs re-encodes it to MP4/H.264 for both vendors, without the ffmpeg core', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const ffmpegRequests = watchFfmpegRequests(page);
  const fitting = await expectReEncodedForBoth(page, request);
  console.log('fitting (transcode, WebCodecs):', JSON.stringify(fitting));
  expect(fitting.jobs.map((j) => [j.engine, j.browserFailure])).toEqual([
    ['webcodecs', undefined],
    ['webcodecs', undefined],
  ]);
  // WebCodecs did every job, so the 32 MB core was neither prefetched while guiding nor loaded.
  expect(fitting.coreFetchMs).toBeUndefined();
  expect(ffmpegRequests).toEqual([]);
});

test('WebM (VP9) recording in a browser without WebCodecs: ffmpeg.wasm re-encodes it instead', async ({ page, request }) => {
  test.setTimeout(150_000);
  await page.addInitScript(() => {
    // As in browsers without an H.264 VideoEncoder (older Safari and Firefox).
    delete (window as { VideoEncoder?: unknown }).VideoEncoder;
  });
  const fitting = await expectReEncodedForBoth(page, request);
  console.log('fitting (transcode, ffmpeg.wasm):', JSON.stringify(fitting));
  expect(fitting.jobs.map((j) => [j.engine, j.browserFailure])).toEqual([
    ['ffmpeg', undefined],
    ['ffmpeg', undefined],
  ]);
  expect(fitting.coreFetchMs).toBeGreaterThan(0);
});

/**
 * Fitting end to end: the 3.5 s recording is cut (Mediabunny stream copy) or re-encoded (WebCodecs)
 * in the browser to each chosen vendor's limits — or by ffmpeg.wasm, served from our own origin,
 * where the browser cannot or `?fitting=ffmpeg` says so — every vendor receives a file that meets
 * its limits (the server re-probes each one), and both checks return results. All of it under the
 * server's Content-Security-Policy: no test may see a violation (guidance's wasm, the recorder,
 * the fitting workers, ffmpeg.wasm's blob: core).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { agree } from './capture-watch.js';
import { expectNoCspViolationsInEachTest } from './csp-watch.js';
import {
  chooseOnly,
  expectEveryFileFits,
  fileFor,
  forceVp9Recording,
  recordAndUpload,
  TENCENT_AND_ALIBABA_INTL,
  watchFfmpegRequests,
  watchFitting,
  type FittingTelemetry,
} from './fitting-helpers.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });
const CHOSEN = TENCENT_AND_ALIBABA_INTL;
expectNoCspViolationsInEachTest();

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
  await expectEveryFileFits(request, detail, CHOSEN);

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

/**
 * A VP9 recording, both vendors chosen: each gets its own MP4/H.264 re-encode that fits. Where the
 * browser can, the page encodes while recording instead (capture-live-encode.spec.ts); `?live-encode=off`
 * keeps this after-recording fallback measurable in a browser that could.
 */
async function expectReEncodedForBoth(page: Page, request: APIRequestContext, query = ''): Promise<FittingTelemetry> {
  await forceVp9Recording(page);
  await watchFitting(page);
  await page.goto(`/${query}`);
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
  await expectEveryFileFits(request, detail, CHOSEN);

  const fitting = detail.telemetry.fitting as FittingTelemetry;
  expect(fitting.plans).toEqual({ tencent: 'transcode', 'alibaba-intl': 'transcode' });
  expect(fitting.jobs.map((j) => j.kind)).toEqual(['transcode', 'transcode']);
  test.info().annotations.push({ type: 'fitting', description: JSON.stringify(fitting) });
  return fitting;
}

test('WebM (VP9) recording, live encoding off: WebCodecs re-encodes it after recording to MP4/H.264 for both vendors, without the ffmpeg core', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const ffmpegRequests = watchFfmpegRequests(page);
  const fitting = await expectReEncodedForBoth(page, request, '?live-encode=off');
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

/**
 * Encode while recording (#16): where the recorder's file would need a re-encode (here a VP9 WebM
 * recorder, as Firefox records) and the browser can encode live, the page encodes the camera track
 * (MediaStreamTrackProcessor → WebCodecs H.264, Mediabunny) into ONE MP4 at the strictest chosen
 * vendor's settings while the person records. Fitting then has nothing to do: every vendor takes the
 * file as-is, the server accepts it and re-probes it within each vendor's limits.
 */
import { expect, test } from '@playwright/test';
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

test('WebM recorder, Tencent + Alibaba intl: encoded while recording to one MP4/H.264 both take as-is; the server accepts it', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const ffmpegRequests = watchFfmpegRequests(page);
  const fittingWorkers: string[] = [];
  page.on('worker', (w) => fittingWorkers.push(w.url()));
  await forceVp9Recording(page);
  await watchFitting(page);
  await page.goto('/');
  await agree(page);
  await chooseOnly(page, CHOSEN);
  const detail = await recordAndUpload(page, request);

  const path = detail.telemetry.recordingPath as { path: string; transcode?: { durationS: number | null } };
  expect(path).toMatchObject({ path: 'live-encode', transcode: { width: 640, height: 480, fps: 25 } });
  // One file for both: no per-vendor copy, no fitting job, no encoder download.
  expect(
    detail.media
      .map((m) => m.role)
      .filter((r) => r.startsWith('video'))
      .sort(),
  ).toEqual(['video']);
  const shared = fileFor(detail, 'alibaba-intl');
  expect(shared.probe).toMatchObject({ kind: 'video', container: 'mp4', codec: 'h264', width: 640, height: 480 });
  expect(Number(shared.probe.durationS)).toBeGreaterThanOrEqual(2); // Tencent's minimum
  expect(Number(shared.probe.durationS)).toBeLessThanOrEqual(3); // Alibaba's maximum
  expect(shared.bytes).toBeGreaterThan(100 * 1024); // Alibaba's minimum
  await expectEveryFileFits(request, detail, CHOSEN);

  const fitting = detail.telemetry.fitting as FittingTelemetry;
  expect(fitting.plans).toEqual({ tencent: 'as-is', 'alibaba-intl': 'as-is' });
  expect(fitting.jobs).toEqual([]);
  expect(ffmpegRequests).toEqual([]);
  expect(fittingWorkers.filter((u) => u.includes('browser-fit'))).toEqual([]);
  const states = await page.evaluate(() => (window as unknown as { __states: string[] }).__states);
  expect(states.slice(states.indexOf('recording'), states.indexOf('recording') + 3)).toEqual(['recording', 'fitting', 'review']);
  test.info().annotations.push({ type: 'recordingPath', description: JSON.stringify(path) });
});

test('a live take that fails is recorded again with MediaRecorder at once, and fitting re-encodes it after (the fallback)', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await forceVp9Recording(page);
  await page.addInitScript(() => {
    // The page's encoder breaks once frames arrive (the fitting worker's own encoder is untouched).
    VideoEncoder.prototype.configure = () => {
      throw new Error('test: encoder broken');
    };
  });
  await watchFitting(page);
  await page.goto('/');
  await agree(page);
  await chooseOnly(page, CHOSEN);
  const detail = await recordAndUpload(page, request);
  expect(detail.telemetry.recordingPath).toMatchObject({ path: 'recorder', liveEncodeFailure: expect.any(String) });
  const fitting = detail.telemetry.fitting as FittingTelemetry;
  expect(fitting.plans).toEqual({ tencent: 'transcode', 'alibaba-intl': 'transcode' });
  await expectEveryFileFits(request, detail, CHOSEN);
});

test('MP4 recorder (Chromium): no live encoding — the recorder records and a stream copy fits Alibaba', async ({
  page,
  request,
}) => {
  await watchFitting(page);
  await page.goto('/');
  await agree(page);
  await chooseOnly(page, CHOSEN);
  const detail = await recordAndUpload(page, request);
  expect(detail.telemetry.recordingPath).toEqual({ path: 'recorder', reason: 'no_re_encode_needed' });
  expect((detail.telemetry.fitting as FittingTelemetry).plans).toEqual({ tencent: 'as-is', 'alibaba-intl': 'trim' });
});

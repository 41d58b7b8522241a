/**
 * Demo mode: `?demo=<clip>` runs the capture flow from a sample clip (public/demo/) instead of the
 * camera. The browser keeps Chromium's DEFAULT fake camera (a green test pattern, no face), so a
 * `ready` hint can only come from the clip: proof the camera is not what is being watched.
 */
import { expect, test } from '@playwright/test';
import type { CaseDetail } from '@contract/api';
import { caseIds } from './api.js';
import { agree, captureLog, expectGuidanceWithoutRecording, sendFromReview, watchCapture } from './capture-watch.js';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  },
});

test('?demo=face runs the whole flow from the sample clip and the case says so', async ({ page, request }) => {
  const before = await caseIds(request);
  await watchCapture(page);
  await page.goto('/?demo=face');
  await agree(page);
  await expect(page.getByTestId('demo-banner')).toContainText('Demo mode — sample clip, not your camera');
  await expect(page.getByTestId('source-switch')).toHaveValue('face');
  await page.getByRole('button', { name: 'Start camera' }).click();

  await expect(page.getByTestId('hint')).toHaveAttribute('data-hint', 'ready', { timeout: 45_000 });
  await expect(page.getByTestId('capture')).toHaveAttribute('data-state', 'recording', { timeout: 15_000 });
  // The banner stays up while the sample is being recorded.
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await sendFromReview(page);
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });

  const { states, sawCountdown } = await captureLog(page);
  expect(sawCountdown).toBe(true);
  expect(states).toEqual(expect.arrayContaining(['countdown', 'recording', 'fitting', 'review', 'uploading']));

  const newIds = (await caseIds(request)).filter((id) => !before.includes(id));
  expect(newIds).toHaveLength(1);
  const detail = (await (await request.get(`/api/cases/${newIds[0]!}`)).json()) as CaseDetail;
  expect(detail.telemetry).toMatchObject({ source: 'demo:face', cameraLabel: 'Demo clip (face)', startedBy: 'auto' });
  const video = detail.media.find((m) => m.role === 'video');
  expect(video?.probe.kind).toBe('video');
});

test('?demo=noface shows no_face and never counts down', async ({ page, request }) => {
  await expectGuidanceWithoutRecording(page, request, 'no_face', '/?demo=noface');
  await expect(page.getByTestId('demo-banner')).toHaveAttribute('data-clip', 'noface');
});

test('the switch picks a clip and goes back to the camera', async ({ page }) => {
  await page.goto('/');
  await agree(page);
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  await page.getByTestId('source-switch').selectOption('twofaces');
  await expect(page.getByTestId('demo-banner')).toHaveAttribute('data-clip', 'twofaces');
  expect(new URL(page.url()).searchParams.get('demo')).toBe('twofaces');
  await page.getByTestId('source-switch').selectOption('camera');
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('demo')).toBeNull();
});

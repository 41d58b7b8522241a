/**
 * The walking skeleton end to end: fake camera → MediaPipe guidance → auto-start countdown →
 * MediaRecorder clip → fitting (Alibaba's 1–3 s needs a trim of the 3.5 s clip) → upload →
 * simulated vendor checks (signed, verified) → case visible to the reviewer. Nobody presses
 * Record: the countdown starts once every check holds.
 */
import { expect, test } from '@playwright/test';
import type { CaseDetail } from '@contract/api';
import { caseIds } from './api.js';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { agree, captureLog, sendFromReview, watchCapture } from './capture-watch.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });
const VENDORS = ['tencent', 'finauth', 'glair', 'alibaba-intl', 'alibaba-cn'];

test('records, uploads, and the case appears in review with every simulated vendor result', async ({ page, request }) => {
  const before = await caseIds(request);
  await watchCapture(page);
  await page.goto('/');
  await agree(page);
  await page.getByRole('button', { name: 'Start camera' }).click();
  const hint = page.getByTestId('hint');
  await expect(hint).toHaveAttribute('data-hint', 'ready', { timeout: 45_000 });

  // No click: after ~0.5 s of `ready` a 3-2-1 countdown runs (announced), then recording starts.
  await expect(page.getByTestId('countdown')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('countdown-status')).toContainText(/Recording starts in [123]/);
  await expect(page.getByTestId('capture')).toHaveAttribute('data-state', 'recording', { timeout: 15_000 });
  // The manual fallback never had to appear.
  await expect(page.getByRole('button', { name: 'Record' })).toHaveCount(0);

  // The clip is played back before anything is sent.
  await sendFromReview(page);
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  const { states, sawCountdown } = await captureLog(page);
  expect(sawCountdown).toBe(true);
  // Recording was started by the countdown, which ran to the end without being called off.
  expect(states).toContain('uploading');
  expect(states.slice(states.indexOf('recording') - 2, states.indexOf('recording') + 3)).toEqual([
    'guiding',
    'countdown',
    'recording',
    'fitting',
    'review',
  ]);

  const after = await caseIds(request);
  const newIds = after.filter((id) => !before.includes(id));
  expect(newIds).toHaveLength(1);
  const caseId = newIds[0]!;

  // The shared clip is what the recorder made: a real video, about 3.5 s, probed by content. Both
  // Alibabas (1–3 s) got one stream-copy trim of it, stored once per provider role.
  const detail = (await (await request.get(`/api/cases/${caseId}`)).json()) as CaseDetail;
  // The consent the person gave is stored with the case: text version, time, language.
  expect(detail.consent).toMatchObject({ version: expect.stringMatching(/\S/), locale: 'en' });
  expect(Date.now() - Date.parse(detail.consent!.acceptedAt)).toBeLessThan(5 * 60_000);
  // (Sampled frames `frame.N` of the capture-integrity screening may join them later.)
  const videoRoles = detail.media.map((m) => m.role).filter((r) => r.startsWith('video'));
  expect(videoRoles.sort()).toEqual(['video', 'video.alibaba-cn', 'video.alibaba-intl']);
  const video = detail.media.find((m) => m.role === 'video');
  expect(video?.probe.kind).toBe('video');
  expect(Number(video?.probe.durationS)).toBeGreaterThan(3);
  expect(Number(video?.probe.durationS)).toBeLessThan(5);
  for (const role of ['video.alibaba-intl', 'video.alibaba-cn']) {
    const trimmed = detail.media.find((m) => m.role === role);
    expect(trimmed?.probe).toMatchObject({ kind: 'video', container: 'mp4' });
    expect(Number(trimmed?.probe.durationS)).toBeGreaterThanOrEqual(1);
    expect(Number(trimmed?.probe.durationS)).toBeLessThanOrEqual(3);
    expect(trimmed?.bytes).toBeGreaterThan(100 * 1024);
    expect(trimmed?.sha256).toBe(detail.media.find((m) => m.role === 'video.alibaba-intl')?.sha256);
  }
  // The capture page sends to every vendor by default; each simulator verified its own signature.
  expect(detail.checks.map((c) => c.providerId).sort()).toEqual([...VENDORS].sort());
  for (const check of detail.checks) {
    expect([check.providerId, check.mode, check.outcome?.kind]).toEqual([check.providerId, 'simulated', 'result']);
  }

  await page.goto('/review');
  await page.getByRole('link', { name: `Case ${caseId}` }).click();
  await expect(page.getByTestId('check-card')).toHaveCount(VENDORS.length);
  for (const vendor of VENDORS) {
    const card = page.locator(`[data-testid="check-card"][data-provider="${vendor}"]`);
    await expect(card).toHaveAttribute('data-mode', 'simulated');
    await expect(card.getByText('Simulated', { exact: true })).toBeVisible();
    await expect(card.getByText(/pass/i).first()).toBeVisible();
  }
  // One player per stored file: the recording plus each vendor's fitted copy.
  await expect(page.locator('video[src]')).toHaveCount(detail.media.filter((m) => m.role.startsWith('video')).length);
  const player = page.getByLabel('Captured selfie video');
  await expect(player).toHaveCount(1);
  const duration = await player.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        if (v.readyState >= 1) resolve(v.duration);
        else v.addEventListener('loadedmetadata', () => resolve(v.duration), { once: true });
      }),
  );
  expect(duration).toBeGreaterThan(2);

  // Every capture is screened on the box too. Chromium's file-fed fake camera is named by its file
  // path, which the screening flags as a virtual camera: it is how injected video gets into a browser.
  const integrity = page.getByTestId('integrity');
  await expect(integrity).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(integrity.locator('[data-testid="integrity-finding"][data-code="virtual_camera"]')).toBeVisible();
  await expect(integrity.getByTestId('frame-strip').locator('img')).toHaveCount(10);
});

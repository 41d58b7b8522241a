/**
 * The walking skeleton end to end: fake camera → MediaPipe guidance → MediaRecorder clip →
 * upload → simulated Tencent check (signed, verified) → case visible to the reviewer.
 */
import { expect, test } from '@playwright/test';
import type { CaseDetail } from '../server/api-types.js';
import { caseIds } from './api.js';
import { cameraClips, fakeCameraLaunch } from './camera.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });
const VENDORS = ['tencent', 'finauth', 'glair', 'alibaba-intl', 'alibaba-cn'];

test('records, uploads, and the case appears in review with every simulated vendor result', async ({ page, request }) => {
  const before = await caseIds(request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const hint = page.getByTestId('hint');
  await expect(hint).toHaveAttribute('data-hint', 'ready', { timeout: 45_000 });
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled();
  await page.getByRole('button', { name: 'Record' }).click();

  await expect(page.getByTestId('outcome')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });

  const after = await caseIds(request);
  const newIds = after.filter((id) => !before.includes(id));
  expect(newIds).toHaveLength(1);
  const caseId = newIds[0]!;

  // The stored clip is what the recorder made: a real video, about 2.8 s, probed by content.
  const detail = (await (await request.get(`/api/cases/${caseId}`)).json()) as CaseDetail;
  const video = detail.media.find((m) => m.role === 'video');
  expect(video?.probe.kind).toBe('video');
  expect(Number(video?.probe.durationS)).toBeGreaterThan(2);
  expect(Number(video?.probe.durationS)).toBeLessThan(5);
  // The capture page sends to every vendor by default; each simulator verified its own signature.
  expect(detail.checks.map((c) => c.providerId).sort()).toEqual([...VENDORS].sort());
  for (const check of detail.checks) {
    expect([check.providerId, check.mode, check.outcome?.kind]).toEqual([check.providerId, 'simulated', 'result']);
  }

  await page.goto('/review');
  await page.locator(`[data-testid="case-row"][href$="${caseId}"]`).click();
  await expect(page.getByTestId('check-card')).toHaveCount(VENDORS.length);
  for (const vendor of VENDORS) {
    const card = page.locator(`[data-testid="check-card"][data-provider="${vendor}"]`);
    await expect(card).toHaveAttribute('data-mode', 'simulated');
    await expect(card.getByText('Simulated', { exact: true })).toBeVisible();
    await expect(card.getByText(/pass/i).first()).toBeVisible();
  }
  const player = page.locator('video[src]');
  await expect(player).toHaveCount(1);
  const duration = await player.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        if (v.readyState >= 1) resolve(v.duration);
        else v.addEventListener('loadedmetadata', () => resolve(v.duration), { once: true });
      }),
  );
  expect(duration).toBeGreaterThan(2);
});

/**
 * The capture-integrity screening in review: a capture posted with a virtual camera's label (and the
 * on-box `local` provider chosen) shows the finding under "Suspected fake", the sampled frames as
 * thumbnails from stored JPEGs, and the "no deepfake model" label, apart from the provider results.
 */
import { expect, test } from '@playwright/test';
import type { CaseDetail, ProvidersResponse } from '@contract/api';
import { postScreenedCapture } from './api.js';

test('the review page shows the capture integrity with its evidence and frame strip', async ({ page, request }) => {
  const { providers } = (await (await request.get('/api/providers')).json()) as ProvidersResponse;
  expect(providers.find((p) => p.id === 'local')).toMatchObject({ displayName: 'Local screening', mode: 'local' });

  const caseId = await postScreenedCapture(request, 'OBS Virtual Camera');

  await page.goto(`/review/cases/${caseId}`);
  const panel = page.getByTestId('integrity');
  await expect(panel).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(panel).toHaveAttribute('data-verdict', 'fail');
  await expect(panel.getByText('local screening — no deepfake model')).toBeVisible();
  const suspected = panel.getByTestId('integrity-suspected_fake');
  await expect(suspected.locator('[data-testid="integrity-finding"][data-code="virtual_camera"]')).toBeVisible();
  await expect(panel.getByTestId('integrity-bad_capture')).toHaveCount(0);

  const thumbs = panel.getByTestId('frame-strip').locator('img');
  await expect(thumbs).toHaveCount(10);
  await thumbs.first().scrollIntoViewIfNeeded();
  await expect.poll(() => thumbs.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
  // The frames are not listed as recordings.
  await expect(page.getByAltText('Captured selfie image')).toHaveCount(0);

  // The local provider's card carries the same verdict, never a pass.
  const local = page.locator('[data-testid="check-card"][data-provider="local"]');
  await expect(local.getByText(/fail/i).first()).toBeVisible();
  const detail = (await (await request.get(`/api/cases/${caseId}`)).json()) as CaseDetail;
  expect(detail.checks.find((c) => c.providerId === 'local')?.outcome).toMatchObject({ kind: 'result', verdict: 'fail' });
});

/** A case where vendors disagree is flagged in the queue and on the case page, results side by side. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clip = readFileSync(path.join(root, 'server/media/fixtures/mediarecorder_h264_640x480.mp4'));

test('vendors that disagree are flagged for the reviewer', async ({ page, request }) => {
  await request.post('/sim/glair/_control/next', { data: { outcome: 'fake' } });
  const res = await request.post('/api/captures', {
    multipart: {
      meta: JSON.stringify({
        providers: ['tencent', 'glair'],
        consent: { version: 'e2e', acceptedAt: new Date().toISOString(), locale: 'en' },
      }),
      video: { name: 'clip.mp4', mimeType: 'video/mp4', buffer: clip },
    },
  });
  expect(res.status()).toBe(202);
  const { caseId } = (await res.json()) as { caseId: string };

  await page.goto('/review');
  const row = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
  await expect(row.getByTestId('disagreement')).toBeVisible();
  await row.click();
  await expect(page.getByTestId('disagreement')).toBeVisible();
  const glair = page.locator('[data-testid="check-card"][data-provider="glair"]');
  const tencent = page.locator('[data-testid="check-card"][data-provider="tencent"]');
  await expect(glair.getByText(/fail/i).first()).toBeVisible();
  await expect(tencent.getByText(/pass/i).first()).toBeVisible();
});

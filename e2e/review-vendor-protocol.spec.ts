/**
 * A vendor answer we cannot read (here an error code in none of our tables) reaches the reviewer in words, with
 * the vendor's code, after one request: it may have been processed, so it was not sent again.
 */
import { expect, test } from '@playwright/test';
import { postFixtureCapture } from './api.js';

test('an unknown vendor error code is shown as an unreadable vendor answer, sent once', async ({ page, request }) => {
  await request.post('/sim/tencent/_control/next', { data: { outcome: 'error', errorCode: 'FailedOperation.BrandNewReason' } });
  const caseId = await postFixtureCapture(request, ['tencent']);

  await page.goto(`/review/cases/${caseId}`);
  const card = page.locator('[data-testid="check-card"][data-provider="tencent"]');
  await expect(card).toHaveAttribute('data-status', 'error');
  await expect(card.locator('[data-category="vendor_protocol"]')).toHaveText('Error: unreadable vendor answer');
  await expect(card.getByTestId('error-explanation')).toContainText('it was not sent again automatically');
  await expect(card.getByText('FailedOperation.BrandNewReason', { exact: true })).toBeVisible();
  await expect(card).toContainText('Attempts: 1');
});
